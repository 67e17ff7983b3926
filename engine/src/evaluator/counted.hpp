// What an aggregate counted for a question: the asked action and the history's events
// in its window. For answers ("Counted from the history") and condition traces.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "program/expr_eval.hpp"

namespace dealcheck::evaluator {

// The total of aggregate `a` under `env` and the items it counted; `clause`,
// `expression` and `where` are left for the caller.
HistoryCount counted(const CompiledDeal& deal, const compiler::Aggregate& a, const Env& env);

// Every aggregate in clause `c`'s condition, with what it counted.
std::vector<HistoryCount> history_counts(const CompiledDeal& deal, std::uint32_t c, const Env& env);

} // namespace dealcheck::evaluator
