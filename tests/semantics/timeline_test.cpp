// A timeline, read on any day, says what `ask` says on that day. The reference asks
// day by day: on the days where the timeline starts an interval, and on days found
// from the deal as written (its dates, the question's dates plus the durations the
// generator uses, either side of each) and every 61st day, never from the engine's
// own change points.
#include "differences.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using TimelineOf = std::function<Timeline(const Case&)>;

Timeline real_timeline(const Deal& deal, const Question& q) {
    auto t = deal.timeline(q);
    return t.timeline ? *t.timeline : Timeline{};
}

const TimelineInterval* interval_on(const Timeline& t, Date day) {
    for (const auto& i : t.intervals)
        if ((!i.from || *i.from <= day) && (!i.until || day <= *i.until)) return &i;
    return nullptr;
}

Property timeline_agrees(TimelineOf timeline_of) {
    return [timeline_of](const Case& c) -> std::string {
        auto t = timeline_of(c);
        if (t.intervals.empty()) return "no timeline for the question";
        auto days = boundary_days(c.spec, c.question);
        for (const auto& i : t.intervals)
            if (i.from) {
                days.push_back(*i.from);
                days.push_back(Date{i.from->days - 1});
            }
        for (auto d = *parse_date("2019-01-01"); d < *parse_date("2033-01-01"); d.days += 61)
            days.push_back(d);
        for (auto day : days) {
            auto q = c.question;
            q.date = day;
            auto full = c.deal.ask(q, fixed_today);
            if (!full.answer) return "ask refuses the question: " + render(full.diagnostics);
            const auto& a = *full.answer;
            const auto* i = interval_on(t, day);
            if (!i) return "the timeline has no interval on " + format_date(day);
            Differences d;
            d.compare("verdict", i->verdict, a.verdict);
            if (a.verdict == VerdictKind::NotCovered)
                d.compare("default", i->default_verdict, a.default_verdict);
            d.compare("consent of", i->consent_of, a.consent_of);
            d.compare("deciding clauses", i->clauses, clause_ids(a.deciding));
            d.compare("depends on", i->depends_on, dependency_names(a));
            auto why = d.str("on " + format_date(day) + " the timeline differs from ask");
            if (!why.empty()) return why;
        }
        return {};
    };
}

RunOptions timeline_options(std::size_t deals) {
    RunOptions o;
    o.deals = deals;
    o.questions_per_deal = 12;
    return o;
}

} // namespace

TEST_CASE("a timeline read on any day says what ask says on that day", "[semantics][timeline]") {
    auto o = timeline_options(deal_count(40));
    auto timeline = [](const Case& c) { return real_timeline(c.deal, c.question); };
    require_holds(run(timeline_agrees(timeline), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a timeline with a change point dropped is caught",
          "[semantics][timeline][negative]") {
    auto dropped = [](const Case& c) {
        auto t = real_timeline(c.deal, c.question);
        if (t.intervals.size() > 1) {
            // The second interval's start is gone: the first runs on to its end.
            t.intervals[0].until = t.intervals[1].until;
            t.intervals.erase(t.intervals.begin() + 1);
        }
        return t;
    };
    require_caught(run(timeline_agrees(dropped), timeline_options(10)));
}

TEST_CASE("negative control: a timeline that leaves out the history is caught",
          "[semantics][timeline][negative][history]") {
    // The same deal loaded without its history: its sums and counts see no event.
    auto forgetful = [](const Case& c) {
        DealSpec without = c.spec;
        without.history.clear();
        auto deal = load_deal(without);
        return deal ? real_timeline(*deal, c.question) : Timeline{};
    };
    require_caught(run(timeline_agrees(forgetful), timeline_options(10)));
}
