// The verdict over time, computed from the rules' own change points.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/timeline.hpp"
#include "evaluator/authorizer.hpp"

namespace dealcheck::evaluator {

Timeline timeline(const CompiledDeal& deal, BoundQuestion q, Question canonical);

} // namespace dealcheck::evaluator
