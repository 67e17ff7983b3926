// The single changes to a question that flip its verdict, derived from the rules: a
// fact's or reading's value, an attribute, a consent, or the date.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "evaluator/authorizer.hpp"

#include <vector>

namespace dealcheck::evaluator {

std::vector<WhatIf> what_if(const CompiledDeal& deal, const BoundQuestion& q,
                            const Question& canonical);

} // namespace dealcheck::evaluator
