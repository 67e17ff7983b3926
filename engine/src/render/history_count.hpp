// A sum or count over the history as text, for the answer's "Counted from the history"
// and for --why-not: one way of showing what used up a cap.
#pragma once

#include "dealcheck/answer.hpp"

#include <string>

namespace dealcheck::rendering {

// The items it counted, one a line after `indent`: the asked action, the latest
// HistoryCount::max_shown events and how many earlier ones there are (or "no event");
// then the comparison it is held to, with both sides' values.
std::string counted_lines(const HistoryCount& h, const std::string& indent);

} // namespace dealcheck::rendering
