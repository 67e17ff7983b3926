// `dealcheck test --json`: the whole run as one document (docs/schema/test-report.schema.json).
#include "dealcheck/render.hpp"
#include "dealcheck/tester.hpp"
#include "util/json_writer.hpp"

#include <ctime>

namespace dealcheck {

std::string_view to_string(TestCaseResult::Status s) {
    switch (s) {
    case TestCaseResult::Status::Passed:
        return "passed";
    case TestCaseResult::Status::Failed:
        return "failed";
    case TestCaseResult::Status::Skipped:
        return "skipped";
    case TestCaseResult::Status::Error:
        return "error";
    }
    return "error";
}

namespace {

// A diagnostic as `--error-format json` writes it, one object.
std::string diagnostic_json(const Diagnostic& d) {
    auto line = render(d, ErrorFormat::Json);
    while (!line.empty() && line.back() == '\n')
        line.pop_back();
    return line;
}

void strings(util::JsonWriter& w, const std::vector<std::string>& v) {
    w.begin_array();
    for (const auto& s : v)
        w.value(s);
    w.end_array();
}

void test_case(util::JsonWriter& w, const TestCaseResult& c) {
    w.begin_object();
    w.key("name").value(c.name);
    w.key("file").value(c.where.file);
    if (c.where.line > 0)
        w.key("line").value(c.where.line);
    else
        w.key("line").null();
    w.key("status").value(to_string(c.status));
    w.key("time").fixed(c.seconds, 6);
    w.key("question").value(c.question);
    w.key("failures");
    strings(w, c.failures);
    w.key("errors").begin_array();
    for (const auto& d : c.errors)
        w.raw(diagnostic_json(d));
    w.end_array();
    w.key("skip_reason").value(c.skip_reason);
    w.key("answer");
    if (c.answer)
        w.raw(render_json(*c.answer));
    else
        w.null();
    w.end_object();
}

std::string utc(std::chrono::system_clock::time_point t) {
    auto time = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&time, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

std::string render_test_json(const TestRun& run, const std::string& deal) {
    util::JsonWriter w;
    w.begin_object();
    w.key("deal").value(deal);
    w.key("started").value(utc(run.started));
    w.key("time").fixed(run.seconds, 6);
    w.key("summary").begin_object();
    w.key("tests").value(static_cast<long long>(run.cases.size()));
    w.key("passed").value(static_cast<long long>(run.passed()));
    w.key("failed").value(static_cast<long long>(run.failed()));
    w.key("errors").value(static_cast<long long>(run.errors()));
    w.key("skipped").value(static_cast<long long>(run.skipped()));
    w.end_object();
    w.key("coverage").begin_object();
    w.key("percent").fixed(run.coverage(), 1);
    w.key("covered");
    strings(w, run.covered);
    w.key("uncovered");
    strings(w, run.uncovered);
    w.end_object();
    w.key("cases").begin_array();
    for (const auto& c : run.cases)
        test_case(w, c);
    w.end_array();
    // Every diagnostic of the run, those of test files that hold no case too.
    w.key("diagnostics").begin_array();
    for (const auto& d : run.diagnostics.items())
        w.raw(diagnostic_json(d));
    w.end_array();
    w.end_object();
    return w.str();
}

} // namespace dealcheck
