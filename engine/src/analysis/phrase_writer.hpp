// Writes a question in the phrase form of `dealcheck ask`, in the deal's own words:
// "OpenAI serves stateless API on Amazon Web Services on 2026-05-01". A form is kept
// only if Deal::parse_phrase reads it back as the same question.
#pragma once

#include "dealcheck/deal.hpp"
#include "dealcheck/question.hpp"

#include <string>

namespace dealcheck::analysis {

struct Phrased {
    std::string phrase;
    bool round_trips = false;
};

// `q` must be dated. Readable labels first, then bare ids.
Phrased write_phrase(const Deal& deal, const Question& q);

// Whether two questions mean the same to `deal` (compared after binding, so aliases,
// defaults and value spellings do not matter).
bool same_question(const Deal& deal, const Question& a, const Question& b);

} // namespace dealcheck::analysis
