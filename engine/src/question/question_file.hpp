// The file form of a question: YAML or JSON,
//   {party: openai, action: acquire, attributes: {target: windsurf}, date: 2025-06-01,
//    facts: {agi_verified: unknown}, consents: [microsoft]}
// or {question: "OpenAI acquires Windsurf on 2025-06-01"}.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace dealcheck::question {

std::optional<Question> parse_question_text(const CompiledDeal& deal, std::string_view text,
                                            const std::string& name, Diagnostics& diags);

} // namespace dealcheck::question
