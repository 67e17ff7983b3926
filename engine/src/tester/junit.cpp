// JUnit XML, the report CI systems read, in the form of Jenkins' xunit junit-10.xsd
// (a copy in tests/junit/): the common ground of Jenkins, GitLab, junitparser and others.
#include "dealcheck/tester.hpp"

#include <cstdio>
#include <ctime>
#include <map>
#include <unistd.h>

namespace dealcheck {

namespace {

std::string xml(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\n':
            out += "&#10;"; // kept in attributes, where a raw newline reads as a blank
            break;
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') out += c;
        }
    }
    return out;
}

// Element text: newlines kept as they are.
std::string text(std::string_view s) {
    std::string out;
    std::size_t start = 0;
    for (auto nl = s.find('\n'); nl != std::string_view::npos; nl = s.find('\n', start)) {
        out += xml(s.substr(start, nl - start)) + "\n";
        start = nl + 1;
    }
    return out + xml(s.substr(start));
}

// Seconds with millisecond precision, as the schema's SUREFIRE_TIME allows (no exponent).
std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
    return buf;
}

std::string timestamp(std::chrono::system_clock::time_point t) {
    auto time = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
    return buf;
}

std::string hostname() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
    return buf;
}

std::string attribute(const char* name, std::string_view value) {
    return std::string(" ") + name + "=\"" + xml(value) + "\"";
}

std::string location(const SourceLocation& where) {
    return where.line > 0 ? where.file + ":" + std::to_string(where.line) : where.file;
}

std::string testcase(const TestCaseResult& c) {
    // The schema has no file or line on a testcase: the classname carries them.
    std::string out = "    <testcase" + attribute("name", c.name) +
                      attribute("classname", location(c.where)) +
                      attribute("time", seconds(c.seconds));
    switch (c.status) {
    case TestCaseResult::Status::Passed:
        return out + "/>\n";
    case TestCaseResult::Status::Skipped:
        return out + ">\n      <skipped" + attribute("message", c.skip_reason) +
               "/>\n    </testcase>\n";
    case TestCaseResult::Status::Failed: {
        std::string first = c.failures.empty() ? "failed" : c.failures.front();
        return out + ">\n      <failure" + attribute("message", first) +
               attribute("type", "wrong-answer") + ">" + text(render_failure(c)) +
               "</failure>\n    </testcase>\n";
    }
    case TestCaseResult::Status::Error: {
        std::string first = c.errors.empty() ? "cannot run" : render(c.errors.front());
        first = first.substr(0, first.find('\n')); // file:line:col: error: message
        std::string all;
        for (const auto& d : c.errors)
            all += render(d);
        return out + ">\n      <error" + attribute("message", first) +
               attribute("type", "cannot-run") + ">" + text(all) + "</error>\n    </testcase>\n";
    }
    }
    return out + "/>\n";
}

struct Counts {
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    double seconds = 0;
    void add(const TestCaseResult& c) {
        ++tests;
        failures += c.status == TestCaseResult::Status::Failed;
        errors += c.status == TestCaseResult::Status::Error;
        skipped += c.status == TestCaseResult::Status::Skipped;
        seconds += c.seconds;
    }
    std::string attributes() const {
        return attribute("tests", std::to_string(tests)) +
               attribute("failures", std::to_string(failures)) +
               attribute("errors", std::to_string(errors));
    }
};

} // namespace

std::string render_junit(const TestRun& run, const std::string& deal) {
    // One suite per test file, in the order they ran.
    std::vector<std::string> files;
    std::map<std::string, std::vector<const TestCaseResult*>> by_file;
    for (const auto& c : run.cases) {
        auto& cases = by_file[c.where.file];
        if (cases.empty()) files.push_back(c.where.file);
        cases.push_back(&c);
    }
    Counts total;
    for (const auto& c : run.cases)
        total.add(c);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites" + attribute("name", deal) + total.attributes() +
           attribute("time", seconds(run.seconds)) + ">\n";
    auto when = timestamp(run.started);
    auto host = hostname();
    for (std::size_t i = 0; i < files.size(); ++i) {
        Counts counts;
        for (const auto* c : by_file[files[i]])
            counts.add(*c);
        out += "  <testsuite" + attribute("name", files[i]) + counts.attributes() +
               attribute("skipped", std::to_string(counts.skipped)) +
               attribute("time", seconds(counts.seconds)) + attribute("timestamp", when) +
               attribute("hostname", host) + attribute("id", std::to_string(i)) +
               attribute("package", deal) + ">\n";
        out += "    <properties>\n      <property name=\"deal\"" + attribute("value", deal) +
               "/>\n      <property name=\"file\"" + attribute("value", files[i]) +
               "/>\n    </properties>\n";
        for (const auto* c : by_file[files[i]])
            out += testcase(*c);
        out += "  </testsuite>\n";
    }
    return out + "</testsuites>\n";
}

} // namespace dealcheck
