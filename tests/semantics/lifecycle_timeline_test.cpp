// The obligation and power changes a timeline reports say what `status --as-of` says on
// every day: the day of each change and the days either side of it, and the day of
// each generated question.
#include "differences.hpp"
#include "lifecycle_states.hpp"

#include <map>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using ChangesOf = std::function<std::vector<ObligationChange>(const Case&)>;

std::vector<ObligationChange> real_changes(const Case& c) {
    auto t = c.deal.timeline(c.question);
    return t.timeline ? t.timeline->obligations : std::vector<ObligationChange>{};
}

// Each instance's and power's state word on `day`, as the changes up to it leave it;
// powers with no change yet are dormant.
std::vector<std::string> from_changes(const std::vector<ObligationChange>& changes,
                                      const DealStatus& reference, Date day) {
    std::map<std::string, std::string> state;
    for (const auto& p : reference.powers)
        state[p.id] = "dormant";
    for (const auto& c : changes)
        if (c.date <= day)
            state[c.power ? c.id : c.id + "#" + std::to_string(c.instance)] = c.state;
    std::vector<std::string> out;
    for (const auto& [key, words] : state)
        out.push_back(key + " " + words);
    return out;
}

std::vector<std::string> from_status(const DealStatus& s) {
    std::vector<std::string> out;
    for (const auto& o : s.obligations)
        out.push_back(instance_key(o) + " " + std::string(to_string(o.state)));
    for (const auto& p : s.powers)
        out.push_back(p.id + " " + std::string(to_string(p.state)));
    return out;
}

Property timeline_says_status(ChangesOf changes_of) {
    return [changes_of](const Case& c) -> std::string {
        auto changes = changes_of(c);
        std::vector<Date> days{day_of(c)};
        for (const auto& change : changes)
            for (int k = -1; k <= 1; ++k)
                days.push_back(Date{change.date.days + k});
        for (auto day : days) {
            auto status = c.deal.status(day);
            auto why = differing(from_changes(changes, status, day), from_status(status));
            if (!why.empty())
                return "on " + format_date(day) + " the timeline's changes (-) and status (+) " +
                       "differ:\n" + why;
        }
        return {};
    };
}

} // namespace

TEST_CASE("a timeline's obligation and power changes say what status says on each day",
          "[semantics][lifecycle][timeline]") {
    auto o = lifecycle_options(deal_count(40), 2);
    require_holds(run(timeline_says_status(real_changes), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a timeline with an obligation change a day late is caught",
          "[semantics][lifecycle][timeline][negative]") {
    auto late = [](const Case& c) {
        auto changes = real_changes(c);
        if (!changes.empty()) changes.back().date.days += 1;
        return changes;
    };
    require_caught(run(timeline_says_status(late), control_options(2)));
}
