// Why each clause of the question's action did or did not apply: the justification
// behind --explain and --why-not.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "evaluator/authorizer.hpp"

namespace dealcheck::evaluator {

Explanation explain_clauses(const CompiledDeal& deal, const BoundQuestion& q);

} // namespace dealcheck::evaluator
