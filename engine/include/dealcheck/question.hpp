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

struct Question {
    std::string party;  // party id, name or alias
    std::string action; // action kind id
    // Attribute id -> value as text ("windsurf", "3B USD", "true"). Ordered so that
    // output is deterministic.
    std::map<std::string, std::string> attributes;
    std::optional<Date> date; // none: today
    // Fact id -> value as text, or "unknown".
    std::map<std::string, std::string> facts;
    std::vector<std::string> consents; // parties that have consented
    // Readings chosen for uncertain terms, by value ("exclusivity_ends"); the others
    // take the deal's default reading.
    std::vector<std::string> readings;

    friend bool operator==(const Question&, const Question&) = default;
};

} // namespace dealcheck
