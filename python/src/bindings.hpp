// The pieces of the `dealcheck` Python module, each bound in its own file. The module
// is a thin layer over the public engine API (engine/include/dealcheck/): it converts
// values and raises exceptions, and decides nothing itself.
#pragma once

#include "dealcheck/deal.hpp"
#include "dealcheck/diagnostic.hpp"

#include <memory>
#include <pybind11/pybind11.h>
#include <string>
#include <string_view>

namespace dealcheck::python {

namespace py = pybind11;

// A loaded deal with what it was loaded from: the test runner loads it again for a
// case that brings its own history.
struct LoadedDeal {
    Deal deal;
    std::string path;
    LoadOptions options;
    std::vector<Diagnostic> warnings;
};

void bind_diagnostics(py::module_& m); // Diagnostic, Error, LoadError, QuestionError
void bind_answers(py::module_& m);     // Question, Answer, PeriodAnswer and their parts
void bind_timeline(py::module_& m);    // Timeline, Interval
void bind_tests(py::module_& m);       // TestRun, TestCase
void bind_deal(py::module_& m);        // load, check, Deal

// Raises dealcheck.LoadError or dealcheck.QuestionError: the message is the
// diagnostics as `dealcheck check` prints them, `.diagnostics` the list.
[[noreturn]] void raise_load_error(const Diagnostics& diagnostics);
[[noreturn]] void raise_question_error(const Diagnostics& diagnostics);

// Runs the deal's test files (rules/<deal>/tests/*.yaml): a TestRun.
py::object run_deal_tests(const LoadedDeal& deal, const std::string& filter, Date today);

// JSON text from the engine's renderers as Python values.
py::object json_to_python(const std::string& text);

} // namespace dealcheck::python
