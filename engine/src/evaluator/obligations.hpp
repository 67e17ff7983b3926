// Reading the lifecycle of a deal's obligations and powers (compiler/lifecycle.cpp,
// computed once when the deal is compiled): its state as of a date, and its changes.
#pragma once

#include "compiler/lifecycle.hpp"
#include "dealcheck/status.hpp"
#include "evaluator/related.hpp"
#include "model/deal.hpp"

#include <vector>

namespace dealcheck::evaluator {

using compiler::Lifecycle;

// The lifecycle read as of a day: each instance and power in its latest state on or
// before `as_of`, with the steps that led there.
DealStatus status_as_of(const model::Deal& deal, const Lifecycle& life, Date as_of);
// Every change of state of the obligations and powers `shown`, by date.
std::vector<ObligationChange> changes(const model::Deal& deal, const Lifecycle& life,
                                      const Related& shown);

} // namespace dealcheck::evaluator
