// The checks that make a read image safe to evaluate: every index the evaluator
// follows without a check (clauses, parties, actions, attributes, facts, instruction
// children, the decision index's records, rows and blocks) is in range.
#pragma once

#include "compiler/compiled_deal.hpp"

namespace dealcheck::image {

// Throws Corrupt (image/stream.hpp) naming the first index out of range.
void validate(const CompiledDeal& deal);

} // namespace dealcheck::image
