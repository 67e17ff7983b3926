// The phrase form of a question, read with the deal's vocabulary:
// "OpenAI acquires Windsurf for 3B USD on 2025-06-01".
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"

#include <optional>
#include <string_view>

namespace dealcheck::question {

std::optional<Question> parse_phrase(const CompiledDeal& deal, std::string_view phrase,
                                     Diagnostics& diags);

} // namespace dealcheck::question
