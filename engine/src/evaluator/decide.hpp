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

// The clauses that took effect, by kind, and the open powers, in declaration order (as
// answer() lists them).
struct DecidingClauses {
    std::vector<std::uint32_t> forbid, consent, permit, consequence;
    std::vector<std::uint32_t> powers; // indexes in model.powers
    void clear() {
        forbid.clear();
        consent.clear();
        permit.clear();
        consequence.clear();
        powers.clear();
    }
    // The clauses an answer with this verdict cites as deciding it (none for
    // NOT-COVERED; DEPENDS needs the full answer).
    const std::vector<std::uint32_t>& deciding(VerdictKind v) const {
        static const std::vector<std::uint32_t> none;
        switch (v) {
        case VerdictKind::Forbidden:
            return forbid;
        case VerdictKind::NeedsConsent:
            return consent;
        case VerdictKind::Permitted:
            return permit.empty() && powers.empty() ? consequence : permit;
        default:
            return none;
        }
    }
    // The open powers an answer with this verdict cites after those clauses.
    const std::vector<std::uint32_t>& deciding_powers(VerdictKind v) const {
        static const std::vector<std::uint32_t> none;
        return v == VerdictKind::Permitted ? powers : none;
    }
};

Decision decide(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
                DecidingClauses& deciding);

} // namespace dealcheck::evaluator
