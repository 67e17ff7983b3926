// The fast path: a verdict from the compiled DecisionIndex, with no explanation.
// `evaluator::decide` (declared in authorizer.hpp) is implemented here; this header
// adds the variant that also names the deciding clauses, for `dealcheck batch`.
//
// Neither allocates: a decision reads the index and the question, and writes only
// to the caller's DecidingClauses, whose vectors keep their capacity between calls.
#pragma once

#include "evaluator/authorizer.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace dealcheck::evaluator {

// The clauses an answer with the decision's verdict cites as deciding it, and the
// open powers it cites after them, in declaration order (as answer() lists them).
struct DecidingClauses {
    std::vector<std::uint32_t> clauses; // indexes in model.clauses
    std::vector<std::uint32_t> powers;  // indexes in model.powers
    // The decision's working lists: the blocks (in DecisionIndex::code) of the clauses
    // found to apply, by effect. Only the verdict's list is turned into clause ids, so
    // that a clause decided from its row alone costs no read of its block unless cited.
    std::vector<std::uint32_t> forbid, consent, permit, consequence;
    void clear() {
        clauses.clear();
        powers.clear();
        forbid.clear();
        consent.clear();
        permit.clear();
        consequence.clear();
    }
    // None for NOT-COVERED; DEPENDS needs the full answer.
    const std::vector<std::uint32_t>& deciding(VerdictKind v) const {
        static const std::vector<std::uint32_t> none;
        return v == VerdictKind::NotCovered || v == VerdictKind::Depends ? none : clauses;
    }
    const std::vector<std::uint32_t>& deciding_powers(VerdictKind v) const {
        static const std::vector<std::uint32_t> none;
        return v == VerdictKind::Permitted ? powers : none;
    }
};

Decision decide(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
                DecidingClauses& deciding);

} // namespace dealcheck::evaluator
