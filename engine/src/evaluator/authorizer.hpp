// Decides a question against the compiled deal: which clauses apply on the date,
// which exceptions override which, how permit/forbid/consent combine, and, when an
// unknown fact matters, the verdict for each of its values.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "evaluator/verdict_rule.hpp"
#include "program/expr_eval.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace dealcheck::evaluator {

// A question with every name resolved: what the evaluator reads.
struct BoundQuestion {
    std::uint32_t party = 0, action = 0;
    std::vector<Value> attributes; // by global attribute index; unknown when not given
    std::vector<Value> facts;      // by fact index; unknown when not given
    std::uint64_t consents = 0;    // bit per party
    Date date{};
    bool date_is_today = false;
};

// What the question's conditions read on day `d`: its attributes, `facts`, the deal's
// history and the asked action (which aggregates count as taking place).
inline Env question_env(const CompiledDeal& deal, const BoundQuestion& q,
                        std::span<const Value> facts, Date d) {
    return Env{
        {q.attributes.data(), q.attributes.size()}, facts, d, &deal.history, q.action, q.party};
}

// Whether the asking party holds an open power over the asked action on its date.
inline bool open_for(const compiler::PowerSpan& s, const BoundQuestion& q) {
    return s.action == q.action && s.party == q.party && s.from <= q.date && q.date <= s.until;
}

// The facts as the evaluator sees them on the question's date: given values, else
// what the rules record as known for that date, else unknown.
void resolve_facts(const CompiledDeal& deal, const BoundQuestion& q, std::span<Value> out);

// The verdict alone, without explanation: the fast path, over the DecisionIndex
// (evaluator/decide.cpp; it allocates nothing). Unknown values that matter give
// VerdictKind::Depends.
Decision decide(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts);
// The same verdict by scanning every candidate clause, as answer() does: the
// reference the fast path is tested against.
Decision decide_by_scan(const CompiledDeal& deal, const BoundQuestion& q,
                        std::span<const Value> facts);

// A DEPENDS answer decides each combination of the listed unknowns (bool, enum and
// party values) the unresolved clauses read, up to this many; beyond, it names them.
inline constexpr std::size_t max_combinations = 4096;

// The full answer with its reasons, consequences and dependencies; of the events
// behind each sum or count in a deciding clause, the latest `listed_events`.
Answer answer(const CompiledDeal& deal, const BoundQuestion& q, Question canonical,
              std::size_t listed_events = HistoryCount::max_listed);

} // namespace dealcheck::evaluator
