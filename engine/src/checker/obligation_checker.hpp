// Checks an agreement's obligations and powers: parties, actions and obligations they
// name, amounts typed by the owed action's `amount`, triggers, deadlines read and
// typed, and no obligations triggering each other in a cycle.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"

#include <string>
#include <vector>

namespace dealcheck::checker {

class ExprChecker;

// Amounts owed are constant money expressions, checked and folded with `exprs`.
void check_obligations(model::Deal& deal, ExprChecker& exprs, Diagnostics& diags);

} // namespace dealcheck::checker
