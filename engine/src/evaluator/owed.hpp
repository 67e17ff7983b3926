// What the asking party owes that the action asked would perform: its obligations'
// instances still owed on the question's date, read from the deal's one lifecycle
// (compiler/lifecycle.cpp).
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "evaluator/authorizer.hpp"

#include <vector>

namespace dealcheck::evaluator {

// In the order the instances were triggered.
std::vector<OwedRef> owed_by(const CompiledDeal& deal, const BoundQuestion& q);

} // namespace dealcheck::evaluator
