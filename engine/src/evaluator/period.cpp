#include "evaluator/period.hpp"

#include <algorithm>

namespace dealcheck::evaluator {

bool same_period_verdict(const Answer& a, const Answer& b) {
    if (a.verdict != b.verdict) return false;
    if (a.verdict == VerdictKind::NeedsConsent) return a.consent_of == b.consent_of;
    if (a.verdict == VerdictKind::NotCovered) return a.default_verdict == b.default_verdict;
    return true;
}

std::vector<PeriodSpan> clip(const Timeline& timeline, const Period& period) {
    std::vector<PeriodSpan> out;
    for (const auto& i : timeline.intervals) {
        Date from = i.from ? std::max(*i.from, period.from) : period.from;
        Date until = i.until ? std::min(*i.until, period.until) : period.until;
        if (until < from) continue; // the interval ends before the period or starts after it
        PeriodSpan s{from, until, {}};
        if (i.from && *i.from == from) s.changes = i.changes;
        out.push_back(std::move(s));
    }
    return out;
}

bool varies(const std::vector<PeriodPart>& parts) {
    return std::any_of(parts.begin(), parts.end(), [&](const PeriodPart& p) {
        return !same_period_verdict(parts.front().answer, p.answer);
    });
}

} // namespace dealcheck::evaluator
