// The answer to a question: a verdict and its reasons. Plain values, cheap to move.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"
#include "dealcheck/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

enum class VerdictKind { Permitted, Forbidden, NeedsConsent, NotCovered, Depends };

std::string_view to_string(VerdictKind v); // "PERMITTED", "NEEDS-CONSENT", ...

// A clause as the answer quotes it.
struct ClauseRef {
    std::string id, title, quote, cite;
    std::string tag;       // official / reported / unverified
    std::string effect;    // permit / forbid / consent / oblige / grant
    std::string agreement; // the agreement it belongs to
    SourceLocation where;
};

struct Override {
    ClauseRef clause;         // the clause that did not get its way
    std::string overridden_by; // the exception that beat it
};

struct Conflict {
    std::vector<std::string> clauses; // applicable, opposite effects, no precedence
    std::string resolution;           // "forbid wins"
};

struct ConsequenceRef {
    std::string kind; // "right" (grant) or "obligation" (oblige)
    std::string party;
    std::string text;
    std::optional<Date> until;       // the earliest date bound
    std::vector<std::string> until_events; // or until these facts become true
    ClauseRef clause;
};

// An unknown fact (or attribute not given) the verdict hinges on, with the verdict
// each of its values would give.
struct Dependency {
    std::string name;
    bool is_attribute = false;
    struct Outcome {
        std::string value;
        VerdictKind verdict;
        std::vector<std::string> consent_of;
    };
    std::vector<Outcome> outcomes; // empty when the values cannot be enumerated
};

// A fact the question did not give, taken from what the rules record as known.
struct AssumedFact {
    std::string name, value;
    std::string known_through;
};

// A reading of uncertain text that the answer relied on.
struct ReadingRef {
    std::string reading, value, says;
    bool is_default = true;
};

// What another reading of uncertain text would answer, when it differs.
struct ReadingOutcome {
    std::string reading, value, says;
    VerdictKind verdict = VerdictKind::NotCovered;
    std::vector<std::string> consent_of;
    std::vector<std::string> deciding;
};

struct Answer {
    VerdictKind verdict = VerdictKind::NotCovered;
    std::vector<std::string> consent_of; // NeedsConsent: whose
    VerdictKind default_verdict = VerdictKind::Permitted; // NotCovered: what the default gave
    Question question;  // canonical: ids resolved, values normalised
    Date date{};
    bool date_is_today = false; // the question gave no date
    std::vector<std::string> agreements_in_force;
    std::vector<ClauseRef> deciding;
    std::vector<Override> overridden;
    std::vector<Conflict> conflicts;
    std::vector<ConsequenceRef> consequences;
    std::vector<Dependency> depends_on;
    // When several unknowns matter together: each combination and its verdict.
    struct Combination {
        std::vector<std::pair<std::string, std::string>> values;
        VerdictKind verdict;
    };
    std::vector<Combination> combinations;
    std::vector<AssumedFact> assumed;
    std::vector<ReadingRef> readings;             // the readings this answer used
    std::vector<ReadingOutcome> other_readings;   // readings that would answer otherwise
};

} // namespace dealcheck
