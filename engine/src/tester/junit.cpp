// JUnit XML, the report CI systems read.
#include "dealcheck/tester.hpp"

namespace dealcheck {

static std::string xml(std::string_view s) {
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
        default:
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
        }
    }
    return out;
}

std::string render_junit(const TestRun& run, const std::string& suite) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites tests=\"" + std::to_string(run.cases.size()) + "\" failures=\"" +
           std::to_string(run.failed()) + "\" skipped=\"" + std::to_string(run.skipped()) + "\">\n";
    out += "  <testsuite name=\"" + xml(suite) + "\" tests=\"" + std::to_string(run.cases.size()) +
           "\" failures=\"" + std::to_string(run.failed()) + "\" skipped=\"" +
           std::to_string(run.skipped()) + "\">\n";
    for (const auto& c : run.cases) {
        out += "    <testcase name=\"" + xml(c.name) + "\" classname=\"" + xml(c.where.file) +
               "\" file=\"" + xml(c.where.file) + "\" line=\"" + std::to_string(c.where.line) +
               "\"";
        switch (c.status) {
        case TestCaseResult::Status::Passed:
            out += "/>\n";
            break;
        case TestCaseResult::Status::Skipped:
            out += ">\n      <skipped message=\"" + xml(c.skip_reason) + "\"/>\n    </testcase>\n";
            break;
        case TestCaseResult::Status::Failed: {
            std::string first = c.failures.empty() ? "failed" : c.failures.front();
            out += ">\n      <failure message=\"" + xml(first) + "\">" + xml(render_failure(c)) +
                   "</failure>\n    </testcase>\n";
            break;
        }
        }
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

} // namespace dealcheck
