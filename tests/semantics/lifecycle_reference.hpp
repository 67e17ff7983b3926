// A reference model of the obligations' lifecycle, written from docs/language.md
// ("Obligations", "Powers") alone and read from the generated deal as written: a day by
// day walk over the calendar, sharing no code with compiler/lifecycle.cpp. What
// status says of each instance and power is held to it.
#pragma once

#include "deal_generator.hpp"

#include <string>
#include <vector>

namespace dealcheck::semantics {

// The rules the reference follows; a negative control breaks one.
struct ReferenceRules {
    // The day after the deadline is the first late one (docs: "on the day after its
    // deadline a pending instance ... is violated"); true makes the deadline itself late.
    bool deadline_day_late = false;
};

// As of `as_of`: each instance as "id#n STATE triggered DATE due DATE paid MONEY" (`-`
// for none) and each power as "id state", in the words of status and its test cases.
std::vector<std::string> reference_lifecycle(const DealSpec& spec, Date as_of,
                                             const ReferenceRules& rules = {});

} // namespace dealcheck::semantics
