// Checks an agreement's obligations and powers: parties, actions and obligations they
// name, amounts typed by the owed action's `amount`, triggers, deadlines read and
// typed, and no obligations triggering each other in a cycle.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"

#include <string>
#include <vector>

namespace dealcheck::checker {

void check_obligations(model::Deal& deal, const std::vector<std::string>& strings,
                       Diagnostics& diags);

} // namespace dealcheck::checker
