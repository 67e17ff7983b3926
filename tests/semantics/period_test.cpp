// A question over a period, read on any day of it, says what `ask` says on that day:
// the part holding the day has ask's verdict, consenting parties, default, deciding
// clauses and unknowns, and the parts cover the period day after day. The days read
// are the deal's own boundary days (never the engine's change points), each part's
// first and last day and the days either side, and every 61st day.
#include "differences.hpp"

#include <algorithm>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using PeriodOf = std::function<std::optional<PeriodAnswer>(const Deal&, const Question&)>;

std::optional<PeriodAnswer> real_period(const Deal& deal, const Question& q) {
    return deal.ask_period(q).answer;
}

Date plus(Date d, int days) {
    return Date{d.days + days};
}

// The periods asked of each generated question: its day alone, two years about it, and
// the whole span of the deal's boundary days and a month beyond.
std::vector<Period> periods_of(const Case& c) {
    Date day = c.question.date.value_or(fixed_today);
    std::vector<Period> out{{day, day}, {plus(day, -250), plus(day, 480)}};
    auto days = boundary_days(c.spec, c.question);
    if (!days.empty()) {
        auto [lo, hi] = std::minmax_element(days.begin(), days.end());
        out.push_back({plus(*lo, -30), plus(*hi, 30)});
    }
    return out;
}

bool same_verdict(const Answer& a, const Answer& b) {
    return a.verdict == b.verdict && a.consent_of == b.consent_of &&
           (a.verdict != VerdictKind::NotCovered || a.default_verdict == b.default_verdict);
}

std::string check_period(const Case& c, const PeriodOf& period_of, const Period& p) {
    auto q = c.question;
    q.date.reset();
    q.period = p;
    auto where = "over " + format_date(p.from) + " .. " + format_date(p.until);
    auto answer = period_of(c.deal, q);
    if (!answer) return "ask_period refuses the question " + where;
    const auto& parts = answer->parts;
    if (parts.empty()) return "no parts " + where;
    if (parts.front().from != p.from || parts.back().until != p.until)
        return "the parts do not start and end with the period " + where;
    bool varies = false;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        if (parts[k].until < parts[k].from) return "a part ends before it starts " + where;
        if (k && parts[k].from != plus(parts[k - 1].until, 1))
            return "the parts leave a gap or overlap on " + format_date(parts[k].from) + " " +
                   where;
        varies = varies || !same_verdict(parts.front().answer, parts[k].answer);
    }
    if (answer->varies != varies)
        return std::string("`varies` is ") + (answer->varies ? "true" : "false") +
               " but the parts' verdicts say otherwise " + where;

    auto days = boundary_days(c.spec, c.question);
    for (const auto& part : parts)
        for (int d : {-1, 0, 1})
            days.insert(days.end(), {plus(part.from, d), plus(part.until, d)});
    for (auto d = p.from; d <= p.until; d = plus(d, 61))
        days.push_back(d);
    for (auto day : days) {
        if (day < p.from || p.until < day) continue;
        auto part = std::find_if(parts.begin(), parts.end(), [&](const PeriodPart& x) {
            return x.from <= day && day <= x.until;
        });
        if (part == parts.end()) return "no part holds " + format_date(day) + " " + where;
        auto one = c.question;
        one.date = day;
        auto full = c.deal.ask(one, fixed_today);
        if (!full.answer) return "ask refuses the question: " + render(full.diagnostics);
        const auto& a = *full.answer;
        const auto& held = part->answer;
        Differences diff;
        diff.compare("verdict", held.verdict, a.verdict);
        if (a.verdict == VerdictKind::NotCovered)
            diff.compare("default", held.default_verdict, a.default_verdict);
        diff.compare("consent of", held.consent_of, a.consent_of);
        diff.compare("deciding clauses", clause_ids(held.deciding), clause_ids(a.deciding));
        diff.compare("depends on", dependency_names(held), dependency_names(a));
        auto why = diff.str("on " + format_date(day) + ", " + where +
                            ", the part holding it differs from ask");
        if (!why.empty()) return why;
    }
    return {};
}

Property period_agrees(PeriodOf period_of) {
    return [period_of](const Case& c) -> std::string {
        for (const auto& p : periods_of(c))
            if (auto why = check_period(c, period_of, p); !why.empty()) return why;
        return {};
    };
}

RunOptions period_options(std::size_t deals) {
    RunOptions o;
    o.deals = deals;
    o.questions_per_deal = 8;
    o.shrink_budget = 1000;
    return o;
}

} // namespace

TEST_CASE("a period's parts, read on any day, say what ask says on that day",
          "[semantics][period]") {
    auto o = period_options(deal_count(30));
    require_holds(run(period_agrees(real_period), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a period whose second part starts a day late is caught",
          "[semantics][period][negative]") {
    auto shifted = [](const Deal& deal, const Question& q) {
        auto a = real_period(deal, q);
        if (a && a->parts.size() > 1) {
            // The boundary moves one day: the first part's answer now claims the day on
            // which the second part's answer begins.
            a->parts[0].until = a->parts[1].from;
            a->parts[1].from = plus(a->parts[1].from, 1);
            if (a->parts[1].until < a->parts[1].from) a->parts.erase(a->parts.begin() + 1);
        }
        return a;
    };
    require_caught(run(period_agrees(shifted), period_options(10)));
}
