// Checks a deal's history: each event's party, action, attributes or fact resolved
// against the vocabulary, values typed, dates within the deal. A fact's events then
// become what the rules know of it from the first event on, so that every path that
// reads known facts (decisions, explanations, timelines) sees them the same way.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"

#include <string>
#include <vector>

namespace dealcheck::checker {

void check_history(model::Deal& deal, const std::vector<std::string>& strings, Diagnostics& diags);

} // namespace dealcheck::checker
