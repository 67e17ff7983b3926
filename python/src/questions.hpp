// A question from Python, in any of the forms `dealcheck ask` takes.
#pragma once

#include "bindings.hpp"

namespace dealcheck::python {

// A phrase ("OpenAI acquires Windsurf on 2025-06-01"); a dict with the fields of a
// question file, or the same as keyword arguments, read by the engine's question-file
// reader (dates may be datetime.date); or a dealcheck.Question. Raises QuestionError
// with the located problems when it does not parse or fit the deal.
Question to_question(const Deal& deal, const py::object& question, const py::kwargs& fields);

} // namespace dealcheck::python
