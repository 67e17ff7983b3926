// What an aggregate counted for a question: the asked action and the history's events
// in its window, and the comparison it is held to. For answers ("Counted from the
// history"), --why-not and condition traces.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "program/expr_eval.hpp"

namespace dealcheck::evaluator {

// The total of aggregate `a` under `env` and the items it counted: the asked action,
// then at most `listed` events, latest first; `clause`, `expression`, `where` and
// `limit` are left for the caller.
HistoryCount counted(const CompiledDeal& deal, const compiler::Aggregate& a, const Env& env,
                     std::size_t listed = HistoryCount::max_listed);

// Every aggregate in clause `c`'s condition, with what it counted (at most `listed`
// events each) and its comparison.
std::vector<HistoryCount> history_counts(const CompiledDeal& deal, std::uint32_t c, const Env& env,
                                         std::size_t listed = HistoryCount::max_listed);

} // namespace dealcheck::evaluator
