// How the clauses that apply to a question, and the powers open on its date, combine
// into a verdict. This is the one definition: the full answer (authorizer.cpp) and the
// fast path (decide.cpp) both tally the clauses they find in force and applicable and
// the open powers, then call verdict_of().
#pragma once

#include "dealcheck/answer.hpp"
#include "model/deal.hpp"

#include <cstdint>

namespace dealcheck::evaluator {

struct Decision {
    VerdictKind verdict = VerdictKind::NotCovered;
    std::uint64_t consent_of = 0; // NeedsConsent: bit per party
    VerdictKind default_verdict = VerdictKind::Permitted;
    bool operator==(const Decision&) const = default;
};

// What the clauses left standing after precedence (an applicable exception overrides
// what it beats) say about the action.
struct Tally {
    bool unknown = false; // some clause's applicability hinges on an unknown value
    bool forbid = false, permit = false, consent = false, consequence = false;
    std::uint64_t consent_needed = 0; // bit per party whose consent is missing

    // Records a clause that applies for certain; `consents` are the parties whose
    // consent the question gives. Returns whether it counts as a permit.
    bool add(model::Effect effect, std::uint32_t consent_of, std::uint64_t consents) {
        switch (effect) {
        case model::Effect::Forbid:
            forbid = true;
            return false;
        case model::Effect::Permit:
            permit = true;
            return true;
        case model::Effect::Consent:
            // Consent given turns the clause into a permit; missing, it is required.
            if ((consents >> consent_of) & 1u) {
                permit = true;
                return true;
            }
            consent = true;
            consent_needed |= 1ull << consent_of;
            return false;
        case model::Effect::Grant:
        case model::Effect::Oblige:
            consequence = true;
            return false;
        }
        return false;
    }

    // An open power of the asking party over the action (compiler/lifecycle.cpp says on
    // which days it is open) is a permission that no exception orders against a
    // clause: it counts as a permit clause does. A forbid in force beats it, a missing
    // consent is still required, and it is never unknown: the history is known when the
    // deal loads. This is the one place that says so (docs/language.md, "Powers").
    void add_open_power() { permit = true; }
};

// The verdict rule, one case per line, in the order they are tried.
inline Decision verdict_of(const Tally& t, VerdictKind default_verdict) {
    Decision d;
    d.default_verdict = default_verdict;
    if (t.unknown) // a clause may or may not apply: the answer enumerates the unknowns
        d.verdict = VerdictKind::Depends;
    else if (t.forbid) // forbid wins over everything no exception orders it against
        d.verdict = VerdictKind::Forbidden;
    else if (t.consent) { // then a missing consent
        d.verdict = VerdictKind::NeedsConsent;
        d.consent_of = t.consent_needed;
    } else if (t.permit || t.consequence) // a grant or obligation presupposes it is allowed
        d.verdict = VerdictKind::Permitted;
    else // no clause speaks to it: the deal's (or action's) default, said so
        d.verdict = VerdictKind::NotCovered;
    return d;
}

} // namespace dealcheck::evaluator
