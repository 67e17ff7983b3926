// The answer to a question over a period ("in June 2025", "between 2030 and 2031"): the
// period cut where the question's timeline changes, each part answered as `ask`
// answers its first day.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/question.hpp"

#include <string>
#include <vector>

namespace dealcheck {

// A stretch of the period over which the timeline holds one interval.
struct PeriodPart {
    Date from, until; // both included, inside the period
    // Why the answer changes on `from`, as the timeline says: empty for a first part
    // that starts with the period rather than with a change.
    std::vector<std::string> changes;
    Answer answer; // `ask` on `from`: the verdict of every day of the part
};

struct PeriodAnswer {
    Period period;
    std::vector<PeriodPart> parts; // in order; together they cover the period exactly
    // Whether the verdict differs between parts: its kind, whose consent, or the
    // default of NOT-COVERED. Parts with the same verdict but other deciding clauses
    // or other unknowns are kept apart, and do not make it vary.
    bool varies = false;
};

} // namespace dealcheck
