// The verdict of one question over time: intervals between the dates where the terms
// change (agreements taking effect, windows ending, facts ceasing to be known).
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

struct TimelineInterval {
    std::optional<Date> from;  // none: since before the deal
    std::optional<Date> until; // inclusive; none: open-ended
    VerdictKind verdict = VerdictKind::NotCovered;
    VerdictKind default_verdict = VerdictKind::Permitted;
    std::vector<std::string> consent_of;
    std::vector<std::string> clauses;    // the deciding clause ids
    std::vector<std::string> depends_on; // unknowns, for DEPENDS
    std::vector<std::string> changes;    // why a new interval starts at `from`
};

struct Timeline {
    Question question; // canonical, without a date
    std::vector<TimelineInterval> intervals;
    // The deal's obligations and powers changing state over the same life, from its
    // history (none when it declares none).
    std::vector<ObligationChange> obligations;
};

} // namespace dealcheck
