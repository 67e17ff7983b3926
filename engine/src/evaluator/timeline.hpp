// The verdict over time, computed from the rules' own change points.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/timeline.hpp"
#include "evaluator/authorizer.hpp"

#include <map>
#include <string>
#include <vector>

namespace dealcheck::evaluator {

// Dates (day numbers) where the answer to `q` may change, each with what happens then:
// agreements taking effect, windows starting or ending, clauses displaced, facts' records
// starting or ending, conditions on the date changing truth. Every day on which the
// answer changes is one of them.
std::map<std::int32_t, std::vector<std::string>> change_points(const CompiledDeal& deal,
                                                               const BoundQuestion& q);

Timeline timeline(const CompiledDeal& deal, BoundQuestion q, Question canonical);

} // namespace dealcheck::evaluator
