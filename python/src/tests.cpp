// The deal's regression tests (rules/<deal>/tests/*.yaml) run from Python, with the
// reports `dealcheck test` writes.
#include "bindings.hpp"
#include "dealcheck/tester.hpp"

#include <pybind11/stl.h>

namespace dealcheck::python {

namespace {

// The run and the deal's id, which the JUnit and JSON reports name.
struct TestReport {
    TestRun run;
    std::string deal;
};

} // namespace

void bind_tests(py::module_& m) {
    py::class_<TestCaseResult>(m, "TestCase", "One case of a test file and how it fared.")
        .def_readonly("name", &TestCaseResult::name)
        .def_property_readonly("file", [](const TestCaseResult& c) { return c.where.file; })
        .def_property_readonly("line", [](const TestCaseResult& c) { return c.where.line; })
        .def_readonly("question", &TestCaseResult::question)
        .def_property_readonly(
            "status", [](const TestCaseResult& c) { return std::string(to_string(c.status)); })
        .def_readonly("skip_reason", &TestCaseResult::skip_reason)
        .def_readonly("failures", &TestCaseResult::failures)
        .def_readonly("errors", &TestCaseResult::errors)
        .def_readonly("answer", &TestCaseResult::answer)
        .def("report", &render_failure, "A failing case as `dealcheck test` prints it.")
        .def("__repr__", [](const TestCaseResult& c) {
            return "<TestCase " + c.name + " " + std::string(to_string(c.status)) + ">";
        });
    py::class_<TestReport>(m, "TestRun", "A run of the deal's regression tests.")
        .def_property_readonly("cases", [](const TestReport& r) { return r.run.cases; })
        .def_property_readonly("diagnostics",
                               [](const TestReport& r) { return r.run.diagnostics.items(); })
        .def_property_readonly("passed", [](const TestReport& r) { return r.run.passed(); })
        .def_property_readonly("failed", [](const TestReport& r) { return r.run.failed(); })
        .def_property_readonly("skipped", [](const TestReport& r) { return r.run.skipped(); })
        .def_property_readonly("errors", [](const TestReport& r) { return r.run.errors(); })
        .def_property_readonly("coverage", [](const TestReport& r) { return r.run.coverage(); })
        .def_property_readonly("uncovered", [](const TestReport& r) { return r.run.uncovered; })
        .def("summary", [](const TestReport& r) { return summary_line(r.run); })
        .def("junit", [](const TestReport& r) { return render_junit(r.run, r.deal); })
        .def("json", [](const TestReport& r) { return render_test_json(r.run, r.deal); })
        .def("to_dict",
             [](const TestReport& r) { return json_to_python(render_test_json(r.run, r.deal)); })
        .def("__repr__",
             [](const TestReport& r) { return "<TestRun " + summary_line(r.run) + ">"; });
}

py::object run_deal_tests(const LoadedDeal& d, const std::string& filter, Date today) {
    TestOptions options;
    options.filter = filter;
    options.today = today;
    options.deal_path = d.path;
    options.load = d.options;
    TestReport report;
    {
        py::gil_scoped_release release;
        report.run = run_tests(d.deal, find_test_files(d.path), options);
        report.deal = d.deal.summary().id;
    }
    return py::cast(std::move(report));
}

} // namespace dealcheck::python
