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
    // The obligations and powers related to the question changing state over the same
    // life, from the deal's history: those the asking party owes that the action
    // performs or that it triggers, the powers the party holds over the action, and
    // what opens them (every one with TimelineOptions::all_obligations).
    std::vector<ObligationChange> obligations;
    bool all_obligations = false;
    // How many of the deal's obligations and powers are shown (related, or all), and
    // how many are left out as unrelated to the question.
    std::size_t obligations_shown = 0, obligations_left_out = 0;
};

struct TimelineOptions {
    // Every obligation and power of the deal, not only those related to the question.
    bool all_obligations = false;
};

} // namespace dealcheck
