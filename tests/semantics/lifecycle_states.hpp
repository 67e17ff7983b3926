// The states of a deal's obligation instances and powers as of a day, as comparable
// lines, and the day a lifecycle property reads them on: what the lifecycle properties
// compare between two ways of reading the same history.
#pragma once

#include "property.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace dealcheck::semantics {

// The day a case reads the lifecycle on: its question's date (near the deal's dates).
inline Date day_of(const Case& c) {
    return c.question.date ? *c.question.date : fixed_today;
}

// "pending", "pending, suspended", "fulfilled late": as a status test case spells it.
inline std::string state_words(const ObligationStatus& o) {
    std::string s(to_string(o.state));
    if (o.suspended) s += ", suspended";
    if (o.late) s += " late";
    return s;
}

inline std::string instance_key(const ObligationStatus& o) {
    return o.id + "#" + std::to_string(o.instance);
}

// Each instance and power with everything its state is: words, since when, the
// deadline, what was paid; not where the steps are located (two files of one history).
inline std::vector<std::string> full_states(const DealStatus& s) {
    std::vector<std::string> out;
    for (const auto& o : s.obligations)
        out.push_back(instance_key(o) + " " + state_words(o) + " since " + format_date(o.since) +
                      " triggered " + format_date(o.triggered) + " due " +
                      (o.deadline ? format_date(*o.deadline) : "-") + " paid " +
                      (o.paid.empty() ? "-" : o.paid));
    for (const auto& p : s.powers)
        out.push_back(p.id + " " + std::string(to_string(p.state)) + " since " +
                      (p.since ? format_date(*p.since) : "-"));
    out.push_back("terminated " + (s.terminated ? format_date(*s.terminated) : "-"));
    return out;
}

// The lines only one side has, `-` the tested side's and `+` the reference's; empty
// when they are the same.
inline std::string differing(std::vector<std::string> tested, std::vector<std::string> reference) {
    std::sort(tested.begin(), tested.end());
    std::sort(reference.begin(), reference.end());
    std::vector<std::string> only_tested, only_reference;
    std::set_difference(tested.begin(), tested.end(), reference.begin(), reference.end(),
                        std::back_inserter(only_tested));
    std::set_difference(reference.begin(), reference.end(), tested.begin(), tested.end(),
                        std::back_inserter(only_reference));
    std::string out;
    for (const auto& l : only_tested)
        out += "  - " + l + "\n";
    for (const auto& l : only_reference)
        out += "  + " + l + "\n";
    return out;
}

// Few questions per deal: a lifecycle property reads the deal on the question's date
// only, and the deals are where the lifecycle varies.
inline RunOptions lifecycle_options(std::size_t deals, std::size_t days = 12) {
    RunOptions o;
    o.deals = deals;
    o.questions_per_deal = days;
    o.shrink_budget = 150;
    return o;
}

// A negative control needs its failure, not the smallest one: a short shrink.
inline RunOptions control_options(std::size_t days = 12) {
    auto o = lifecycle_options(10, days);
    o.shrink_budget = 10;
    return o;
}

} // namespace dealcheck::semantics
