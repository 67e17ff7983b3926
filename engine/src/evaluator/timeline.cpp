#include "evaluator/timeline.hpp"

#include "evaluator/decide.hpp"

#include <algorithm>
#include <map>

namespace dealcheck::evaluator {

std::map<std::int32_t, std::vector<std::string>> change_points(const CompiledDeal& deal,
                                                               const BoundQuestion& q) {
    const auto& m = deal.model;
    std::map<std::int32_t, std::vector<std::string>> points;
    auto at = [&](Date d, std::string why) {
        if (d <= first_day || d >= last_day) return;
        auto& reasons = points[d.days];
        if (std::find(reasons.begin(), reasons.end(), why) == reasons.end())
            reasons.push_back(std::move(why));
    };
    for (const auto& a : m.agreements)
        at(a.effective, a.id + " takes effect");
    for (auto c : deal.candidates(q.action, q.party)) {
        const auto& code = deal.clauses[c];
        const auto& id = m.clauses[c].id;
        if (code.from > code.in_force_from) at(code.from, id + " starts");
        if (code.until < last_day && code.until < code.superseded_from)
            at(Date{code.until.days + 1}, id + " ends (last day " + format_date(code.until) + ")");
        if (code.superseded_from < last_day)
            at(code.superseded_from,
               id + " is displaced by " + m.agreements[m.clauses[c].superseded_by].id);
        if (code.consequence_until < last_day)
            at(Date{code.consequence_until.days + 1}, id + "'s consequence ends");
        for (auto f : code.facts)
            for (const auto& k : m.facts[f].known) {
                at(k.from, m.facts[f].id + " is recorded as " + k.text);
                at(Date{k.through.days + 1}, m.facts[f].id +
                                                 " is no longer known (recorded through " +
                                                 format_date(k.through) + ")");
            }
    }
    return points;
}

namespace {

TimelineInterval interval_at(const CompiledDeal& deal, BoundQuestion& q, const Question& canonical,
                             Date d) {
    q.date = d;
    auto a = answer(deal, q, canonical);
    TimelineInterval i;
    i.verdict = a.verdict;
    i.default_verdict = a.default_verdict;
    i.consent_of = a.consent_of;
    i.clauses = model::ids_of(a.deciding);
    for (const auto& dep : a.depends_on)
        i.depends_on.push_back(dep.name);
    return i;
}

bool same(const TimelineInterval& a, const TimelineInterval& b) {
    return a.verdict == b.verdict && a.default_verdict == b.default_verdict &&
           a.consent_of == b.consent_of && a.clauses == b.clauses && a.depends_on == b.depends_on;
}

} // namespace

Timeline timeline(const CompiledDeal& deal, BoundQuestion q, Question canonical) {
    canonical.date.reset();
    Timeline t;
    auto points = change_points(deal, q);
    // The fast path (a verdict and its deciding clauses, no explanation) tells cheaply
    // whether the answer may have changed at a point; the full answer, which weighs
    // every candidate clause, is computed only there. A large deal has hundreds of
    // change points for one question and few changes of answer.
    std::vector<Value> facts(deal.model.facts.size());
    DecidingClauses deciding;
    auto glance = [&](Date d) {
        q.date = d;
        resolve_facts(deal, q, facts);
        auto decision = decide(deal, q, facts, deciding);
        return std::pair{decision, deciding.deciding(decision.verdict)};
    };
    auto last = glance(first_day);
    // Before the first change point, then one interval per change that alters the answer.
    t.intervals.push_back(interval_at(deal, q, canonical, first_day));
    for (const auto& [day, reasons] : points) {
        auto now = glance(Date{day});
        bool may_differ = now != last || now.first.verdict == VerdictKind::Depends;
        last = std::move(now);
        if (!may_differ) continue;
        auto next = interval_at(deal, q, canonical, Date{day});
        if (same(next, t.intervals.back())) continue;
        t.intervals.back().until = Date{day - 1};
        next.from = Date{day};
        next.changes = reasons;
        t.intervals.push_back(std::move(next));
    }
    t.question = std::move(canonical);
    return t;
}

} // namespace dealcheck::evaluator
