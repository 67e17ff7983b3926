#include "evaluator/timeline.hpp"

#include "evaluator/date_changes.hpp"
#include "evaluator/decide.hpp"
#include "program/expr_eval.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace dealcheck::evaluator {

namespace {

// The days on which the facts a condition reads may change value: where the rules'
// records of them begin and end. Between two of these the facts hold still.
std::vector<Date> fact_changes(const model::Deal& m, const compiler::Program& when) {
    std::vector<Date> out;
    for (auto f : when.facts)
        for (const auto& k : m.facts[f].known) {
            out.push_back(k.from);
            if (k.through < last_day) out.push_back(Date{k.through.days + 1});
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Whether clause `c`'s condition holds for `q` on day `d`, with the facts of that day.
Tri condition_on(const CompiledDeal& deal, const ClauseCode& c, BoundQuestion& q,
                 std::vector<Value>& facts, Date d) {
    q.date = d;
    resolve_facts(deal, q, facts);
    return holds(c.when, question_env(deal, q, facts, d));
}

bool in_force(const ClauseCode& c, Date d) {
    return c.in_force_from <= d && d < c.superseded_from && c.from <= d && d <= c.until;
}

// Days on which clause `c`'s condition changes truth value because it reads the date
// (`released + 12mo <= date`), each with the value it takes. Only days on which the
// clause is in force: elsewhere its condition decides nothing.
std::vector<std::pair<Date, Tri>> condition_changes(const CompiledDeal& deal, const ClauseCode& c,
                                                    BoundQuestion q) {
    std::vector<std::pair<Date, Tri>> out;
    if (!reads_date(c.when)) return out;
    std::vector<Value> facts(deal.model.facts.size());
    // One stretch at a time over which the facts hold still.
    std::vector<Date> bounds{first_day};
    for (auto d : fact_changes(deal.model, c.when))
        if (first_day < d && d <= last_day) bounds.push_back(d);
    bounds.push_back(Date{last_day.days + 1});
    for (std::size_t s = 0; s + 1 < bounds.size(); ++s) {
        Date from = bounds[s], through = Date{bounds[s + 1].days - 1};
        q.date = from;
        resolve_facts(deal, q, facts);
        for (auto d : date_changes(c.when, question_env(deal, q, facts, from), from, through)) {
            if (!in_force(c, d)) continue;
            Tri now = condition_on(deal, c, q, facts, d);
            if (now != condition_on(deal, c, q, facts, Date{d.days - 1})) out.emplace_back(d, now);
        }
    }
    return out;
}

// Days a sum or count in clause `c`'s condition changes while it is in force, whether
// or not its truth does: an unknown total can hinge on other unknowns after an event.
template <class At>
void history_changes(const CompiledDeal& deal, std::uint32_t c, const BoundQuestion& q, At& at) {
    const auto& code = deal.clauses[c];
    const auto& m = deal.model;
    Env env = question_env(deal, q, {}, code.from); // aggregates' days read the history alone
    for (const auto& aggregate : code.when.aggregates) {
        std::vector<Date> days;
        aggregate_changes(aggregate, env, first_day, last_day, days);
        for (auto d : days) {
            if (!in_force(code, d)) continue;
            const auto* table = aggregate.table < deal.history.tables.size()
                                    ? &deal.history.tables[aggregate.table]
                                    : nullptr;
            auto [first, last] = table ? table->range(d, d) : std::pair<std::size_t, std::size_t>{};
            for (auto k = first; k < last; ++k)
                at(d, "the history: " + model::describe_event(m, table->events[k]));
            if (first != last) continue;
            const auto& id = m.clauses[c].id;
            if (aggregate.window == compiler::WindowKind::Since && d == aggregate.since) {
                if (d != code.from) at(d, id + " counts events from " + format_date(d));
            } else if (aggregate.window == compiler::WindowKind::Year) {
                if (d != code.from) at(d, id + "'s counts start a new calendar year");
            } else {
                at(d,
                   "an event leaves " + id + "'s window of " + format_duration(aggregate.within));
            }
        }
    }
}

} // namespace

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
    // Only the agreements whose clauses speak to the question: another one taking effect
    // on the day of a change did not cause it.
    for (auto c : deal.candidates(q.action, q.party))
        if (deal.clauses[c].from == deal.clauses[c].in_force_from)
            at(deal.clauses[c].in_force_from,
               m.agreements[m.clauses[c].agreement].id + " takes effect");
    for (auto c : deal.candidates(q.action, q.party)) {
        const auto& code = deal.clauses[c];
        const auto& clause = m.clauses[c];
        if (code.from > code.in_force_from) at(code.from, clause.id + " starts");
        if (code.until < last_day && code.until < code.superseded_from)
            at(Date{code.until.days + 1},
               clause.id + " ends (last day " + format_date(code.until) + ")");
        if (code.superseded_from < last_day)
            at(code.superseded_from,
               clause.id + " is displaced by " + m.agreements[clause.superseded_by].id);
        if (code.consequence_until < last_day)
            at(Date{code.consequence_until.days + 1}, clause.id + "'s consequence ends");
        for (auto f : code.facts) {
            const auto& known = m.facts[f].known;
            for (std::size_t i = 0; i < known.size(); ++i) {
                const auto& k = known[i];
                at(k.from, k.event == model::no_index
                               ? m.facts[f].id + " is recorded as " + k.text
                               : "the history: " + model::describe_event(m, k.event));
                // A record that another follows the next day does not leave it unknown.
                bool followed = std::any_of(known.begin(), known.end(), [&](const auto& next) {
                    return next.from.days == k.through.days + 1;
                });
                if (!followed)
                    at(Date{k.through.days + 1}, m.facts[f].id +
                                                     " is no longer known (recorded through " +
                                                     format_date(k.through) + ")");
            }
        }
        for (auto [d, now] : condition_changes(deal, code, q))
            at(d, clause.id + "'s condition `" + clause.when->text + "` becomes " +
                      std::string(to_string(now)));
        history_changes(deal, c, q, at);
    }
    // The days a power of the party over the action opens, and the day after its last
    // open day (it lapsed, or was exercised the day before).
    for (const auto& span : deal.power_open) {
        if (span.action != q.action || span.party != q.party) continue;
        const auto& id = m.powers[span.power].id;
        const auto& changes = deal.lifecycle.powers[span.power];
        for (auto c = changes.begin(); c != changes.end(); ++c) {
            if (c->state != PowerState::Open) continue;
            at(span.from, "power " + id + " " + c->text);
            if (auto next = std::next(c); next != changes.end())
                at(Date{span.until.days + 1}, "power " + id + " " + next->text);
        }
    }
    return points;
}

namespace {

TimelineInterval interval_at(const CompiledDeal& deal, BoundQuestion& q, const Question& canonical,
                             Date d) {
    q.date = d;
    auto a = answer(deal, q, canonical, 0);
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
        return std::tuple{decision, deciding.deciding(decision.verdict),
                          deciding.deciding_powers(decision.verdict)};
    };
    auto last = glance(first_day);
    // Before the first change point, then one interval per change that alters the answer.
    t.intervals.push_back(interval_at(deal, q, canonical, first_day));
    for (const auto& [day, reasons] : points) {
        auto now = glance(Date{day});
        bool may_differ = now != last || std::get<0>(now).verdict == VerdictKind::Depends;
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
