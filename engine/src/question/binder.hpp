// Resolves a Question's names and values against the deal's vocabulary, producing
// the BoundQuestion the evaluator reads and the canonical Question echoed in answers.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"
#include "evaluator/authorizer.hpp"

#include <optional>

namespace dealcheck::question {

struct Bound {
    evaluator::BoundQuestion bound;
    Question canonical;
};

std::optional<Bound> bind(const CompiledDeal& deal, const Question& q, Date today,
                          Diagnostics& diags);

} // namespace dealcheck::question
