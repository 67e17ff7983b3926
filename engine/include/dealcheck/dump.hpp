// The compiled form of a deal as text, for maintainers (`dealcheck check --dump`):
// every clause's window, events and condition program, and the fast path's decision
// index. For reading, not parsing: the format follows the engine's internals.
#pragma once

#include "dealcheck/deal.hpp"

#include <string>

namespace dealcheck {

std::string dump_compiled(const Deal& deal);

} // namespace dealcheck
