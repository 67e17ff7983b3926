// The obligations' lifecycle read from a history: as of a day, the whole history gives
// what the history up to that day gives (no later event is seen), and `--history FILE`
// in place of the deal's own gives what a deal whose history is that file gives.
#include "differences.hpp"
#include "lifecycle_states.hpp"
#include "temp_dir.hpp"

#include <fstream>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

// The history a property reads as of `day`: the events it keeps.
using Cut = std::function<std::vector<EventSpec>(const std::vector<EventSpec>&, Date day)>;

std::vector<EventSpec> up_to(const std::vector<EventSpec>& events, Date last) {
    std::vector<EventSpec> kept;
    for (const auto& e : events)
        if (*parse_date(e.date) <= last) kept.push_back(e);
    return kept;
}

Property causal(Cut cut) {
    return [cut](const Case& c) -> std::string {
        auto day = day_of(c);
        DealSpec earlier = c.spec;
        earlier.history = cut(c.spec.history, day);
        std::string error;
        auto deal = load_deal(earlier, &error);
        if (!deal) return "the history up to " + format_date(day) + " does not load:\n" + error;
        auto why = differing(full_states(c.deal.status(day)), full_states(deal->status(day)));
        return why.empty() ? why
                           : "as of " + format_date(day) +
                                 ", the whole history (-) and the history up to that day (+) "
                                 "differ:\n" +
                                 why;
    };
}

// Every third event, from one that depends on the day: another history for a what-if.
std::vector<EventSpec> some_events(const std::vector<EventSpec>& events, Date day) {
    std::vector<EventSpec> kept;
    for (std::size_t k = 0; k < events.size(); ++k)
        if ((k + static_cast<std::size_t>(day.days)) % 3 != 0) kept.push_back(events[k]);
    return kept;
}

// `--history FILE` with the deal's own history left out (`own_history` false) or kept.
Property what_if_history(bool own_history) {
    return [own_history](const Case& c) -> std::string {
        auto day = day_of(c);
        auto events = some_events(c.spec.history, day);
        test::TempDir dir;
        auto file = (dir.path() / "what-if.yaml").string();
        std::ofstream(file) << history_text(events);
        LoadOptions what_if;
        what_if.own_history = own_history;
        what_if.history = {file};
        std::string error;
        auto with_file = load_deal(c.spec, &error, what_if);
        if (!with_file) return "the deal with --history does not load:\n" + error;
        DealSpec written = c.spec;
        written.history = events;
        auto reference = load_deal(written, &error);
        if (!reference) return "the deal with that history does not load:\n" + error;
        auto why =
            differing(full_states(with_file->status(day)), full_states(reference->status(day)));
        return why.empty() ? why
                           : "as of " + format_date(day) +
                                 ", --history FILE (-) and a deal whose history is FILE (+) "
                                 "differ:\n" +
                                 why;
    };
}

} // namespace

TEST_CASE("the lifecycle as of a day sees no later event", "[semantics][lifecycle]") {
    auto o = lifecycle_options(deal_count(40), 4);
    require_holds(run(causal(up_to), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a history cut the day before is caught",
          "[semantics][lifecycle][negative]") {
    auto a_day_early = [](const std::vector<EventSpec>& events, Date day) {
        return up_to(events, Date{day.days - 1});
    };
    require_caught(run(causal(a_day_early), control_options()));
}

TEST_CASE("a what-if history (--history FILE) in place of the deal's own gives the lifecycle "
          "of a deal with that history",
          "[semantics][lifecycle][what-if]") {
    auto o = lifecycle_options(deal_count(40), 2);
    require_holds(run(what_if_history(false), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a what-if history added to the deal's own is caught",
          "[semantics][lifecycle][what-if][negative]") {
    require_caught(run(what_if_history(true), control_options(4)));
}
