// What questions about a deal can say (dealcheck::Vocabulary), read from the compiled
// deal, with example questions written in its words: each one is parsed back and
// answered before it is listed, so an example that the phrase reader would not take is
// never shown.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/vocabulary.hpp"

namespace dealcheck::question {

Vocabulary vocabulary_listing(const CompiledDeal& deal);

} // namespace dealcheck::question
