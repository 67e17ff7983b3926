// A question: may this party take this action, with these attributes, on this date,
// given these facts? The three ways to ask (a phrase, flags, a YAML/JSON file) all
// produce this same value, so they get the same answer.
#pragma once

#include "dealcheck/value.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

// A stretch of days, both ends included: "in June 2025", "between 2030 and 2031".
struct Period {
    Date from, until;
    friend bool operator==(const Period&, const Period&) = default;
};

struct Question {
    std::string party;  // party id, name or alias
    std::string action; // action kind id
    // Attribute id -> value as text ("windsurf", "3B USD", "true"). Ordered so that
    // output is deterministic.
    std::map<std::string, std::string> attributes;
    std::optional<Date> date; // none: today (or the period's days)
    // A question over a period ("in 2027") asks about every day of it; then `date`
    // is empty. The answer says whether the verdict holds for the whole period.
    std::optional<Period> period;
    // Fact id -> value as text, or "unknown".
    std::map<std::string, std::string> facts;
    std::vector<std::string> consents; // parties that have consented
    // Readings chosen for uncertain terms, by value ("exclusivity_ends"); the others
    // take the deal's default reading.
    std::vector<std::string> readings;

    friend bool operator==(const Question&, const Question&) = default;
};

} // namespace dealcheck
