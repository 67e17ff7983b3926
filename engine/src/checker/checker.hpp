// Checks a loaded deal: unique names, resolved references, amendments, windows,
// precedence, and every expression type-checked against the vocabulary. Reports all
// problems; produces the checked programs the compiler indexes.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"
#include "program/program.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck::checker {

struct CheckedDeal {
    std::vector<std::optional<compiler::Program>> conditions; // per clause
    std::vector<std::string> strings;                         // interned string literals
};

CheckedDeal check(model::Deal& deal, Diagnostics& diags);

} // namespace dealcheck::checker
