// A question over a period: the question's timeline restricted to the period.
#pragma once

#include "dealcheck/period.hpp"
#include "dealcheck/timeline.hpp"

#include <string>
#include <vector>

namespace dealcheck::evaluator {

// One interval of a timeline cut to a period.
struct PeriodSpan {
    Date from, until;                 // both included
    std::vector<std::string> changes; // the interval's changes when it starts on `from`
};

// The intervals of `timeline` that meet `period`, cut to it, in order: they cover the
// period exactly, one span per interval met. An open end of an interval (before the
// deal, open-ended) is cut at the period's end. A span keeps its interval's changes
// only when the interval starts inside the period; the first span, when the period
// starts inside an interval, has none. Expects period.from <= period.until.
std::vector<PeriodSpan> clip(const Timeline& timeline, const Period& period);

// Whether two answers give the same verdict in the sense of PeriodAnswer::varies: the
// same kind, the same consenting parties (NEEDS-CONSENT), the same default
// (NOT-COVERED). Deciding clauses and the unknowns of DEPENDS may differ.
bool same_period_verdict(const Answer& a, const Answer& b);

// Whether any two answers of the parts differ in verdict (same_period_verdict).
bool varies(const std::vector<PeriodPart>& parts);

} // namespace dealcheck::evaluator
