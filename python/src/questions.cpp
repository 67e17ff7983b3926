#include "questions.hpp"

#include <pybind11/stl.h>

namespace dealcheck::python {

namespace {

// The question-file form as JSON text: the phrase, if one is given, under `question`;
// dates (or anything else JSON lacks) as their str(), which the reader then checks.
std::string question_file_text(const py::object& question, const py::kwargs& fields) {
    py::dict map;
    if (py::isinstance<py::str>(question)) {
        map["question"] = question;
    } else if (!question.is_none()) {
        auto mapping = py::module_::import("collections.abc").attr("Mapping");
        if (!py::isinstance(question, mapping))
            throw py::type_error(
                "a question is a phrase, a dict of a question file's fields or a "
                "dealcheck.Question, not " +
                py::str(py::type::of(question).attr("__name__")).cast<std::string>());
        map = py::dict(question);
    }
    for (auto [name, value] : fields)
        map[name] = value;
    if (map.empty()) throw py::type_error("no question: give a phrase, a dict or its fields");
    auto dumps = py::module_::import("json").attr("dumps");
    return dumps(map, py::arg("default") = py::module_::import("builtins").attr("str"))
        .cast<std::string>();
}

} // namespace

Question to_question(const Deal& deal, const py::object& question, const py::kwargs& fields) {
    if (py::isinstance<Question>(question)) {
        if (fields.size() != 0)
            throw py::type_error("a dealcheck.Question is asked as it is: give fields in a dict");
        return question.cast<Question>();
    }
    QuestionResult result;
    if (py::isinstance<py::str>(question) && fields.size() == 0) {
        auto phrase = question.cast<std::string>();
        py::gil_scoped_release release;
        result = deal.parse_phrase(phrase);
    } else {
        auto text = question_file_text(question, fields);
        py::gil_scoped_release release;
        result = deal.parse_question_text(text, "<question>");
    }
    if (!result.question) raise_question_error(result.diagnostics);
    return *result.question;
}

} // namespace dealcheck::python
