// The aggregates' view of the history (program/history.hpp), built once per deal.
#pragma once

#include "compiler/compiled_deal.hpp"

namespace dealcheck::compiler {

// Resolves each clause's `during term` to the day the clause came into force and
// gives every aggregate of the clauses' conditions its table of matching events.
void build_history(CompiledDeal& deal);

} // namespace dealcheck::compiler
