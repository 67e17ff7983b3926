// Builds the evaluable, indexed form of a checked deal.
#pragma once

#include "checker/checker.hpp"
#include "compiler/compiled_deal.hpp"

#include <memory>

namespace dealcheck::compiler {

// Reports phrase collisions in the vocabulary (two things answering to one word).
std::unique_ptr<CompiledDeal> compile(model::Deal deal, checker::CheckedDeal checked,
                                      Diagnostics& diags);

} // namespace dealcheck::compiler
