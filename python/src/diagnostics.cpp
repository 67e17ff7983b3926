// Located problems as Python objects, and the exceptions that carry them.
#include "bindings.hpp"

#include <pybind11/stl.h>

namespace dealcheck::python {

namespace {

// Created once by bind_diagnostics; the module holds them for its lifetime.
py::handle error_type, load_error_type, question_error_type;

py::handle new_exception(py::module_& m, const char* name, py::handle bases, const char* doc) {
    std::string qualified = std::string("dealcheck.") + name;
    py::handle type(PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr));
    if (!type) throw py::error_already_set();
    m.add_object(name, type);
    return type;
}

[[noreturn]] void raise(py::handle type, const Diagnostics& diagnostics) {
    std::string message = render(diagnostics);
    while (!message.empty() && message.back() == '\n')
        message.pop_back();
    py::object error = py::reinterpret_borrow<py::object>(type)(message);
    error.attr("diagnostics") = py::cast(diagnostics.items());
    PyErr_SetObject(type.ptr(), error.ptr());
    throw py::error_already_set();
}

std::string without_newline(std::string text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

} // namespace

[[noreturn]] void raise_load_error(const Diagnostics& diagnostics) {
    raise(load_error_type, diagnostics);
}

[[noreturn]] void raise_question_error(const Diagnostics& diagnostics) {
    raise(question_error_type, diagnostics);
}

py::object json_to_python(const std::string& text) {
    return py::module_::import("json").attr("loads")(text);
}

void bind_diagnostics(py::module_& m) {
    // Each field of dealcheck::Diagnostic is one line here: a new field is one more.
    py::class_<Diagnostic>(m, "Diagnostic",
                           "A located problem in a rule file, test file or question.")
        .def_property_readonly(
            "severity",
            [](const Diagnostic& d) { return d.severity == Severity::Error ? "error" : "warning"; })
        .def_property_readonly("code", [](const Diagnostic& d) { return code_id(d.code); })
        .def_property_readonly("name",
                               [](const Diagnostic& d) { return std::string(info(d.code).name); })
        .def_property_readonly("file", [](const Diagnostic& d) { return d.where.file; })
        .def_property_readonly("line", [](const Diagnostic& d) { return d.where.line; })
        .def_property_readonly("column", [](const Diagnostic& d) { return d.where.column; })
        .def_readonly("message", &Diagnostic::message)
        .def_readonly("source_line", &Diagnostic::source_line)
        .def_readonly("span", &Diagnostic::span)
        .def_readonly("hint", &Diagnostic::hint)
        .def(
            "json",
            [](const Diagnostic& d) { return without_newline(render(d, ErrorFormat::Json)); },
            "The diagnostic as `--error-format json` prints it.")
        .def("to_dict",
             [](const Diagnostic& d) { return json_to_python(render(d, ErrorFormat::Json)); })
        .def("__str__", [](const Diagnostic& d) { return without_newline(render(d)); })
        .def("__repr__", [](const Diagnostic& d) {
            return "<Diagnostic " + d.where.file + ":" + std::to_string(d.where.line) + ":" +
                   std::to_string(d.where.column) + ": " + d.message + ">";
        });

    error_type = new_exception(m, "Error", PyExc_Exception,
                               "A dealcheck error; `diagnostics` lists the located problems.");
    load_error_type = new_exception(m, "LoadError", error_type,
                                    "The rule folder has errors: every one is in `diagnostics`.");
    py::tuple question_bases = py::make_tuple(error_type, py::handle(PyExc_ValueError));
    question_error_type =
        new_exception(m, "QuestionError", question_bases,
                      "The question does not parse or does not fit the deal's vocabulary.");
}

} // namespace dealcheck::python
