// Rule regression tests: YAML cases next to a deal (rules/<deal>/tests/*.yaml), each a
// question with its expected verdict, run after every edit of the rules.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/deal.hpp"
#include "dealcheck/diagnostic.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck {

struct TestOptions {
    std::string filter; // run only cases whose name contains this text
    std::function<bool(const std::string&)> name_matches; // ... and that this accepts (`--run`)
    Date today{};                                         // for questions without a date
    // Where the deal was loaded from, and how: a case with its own `history` loads the
    // deal again with that history in place of the deal's own.
    std::string deal_path;
    LoadOptions load;
    // Called before each case, from the calling thread: cases done, and cases in the
    // files read so far (for a progress line).
    std::function<void(std::size_t done, std::size_t total)> on_progress;
};

struct TestCaseResult {
    std::string name;
    SourceLocation where;
    std::string question; // as written (phrase, or the structured question as text)
    // Error: the case could not be run (its question does not parse, the deal cannot
    // answer it, or the case or its file is malformed); `errors` says why, located.
    enum class Status { Passed, Failed, Skipped, Error } status = Status::Passed;
    std::string skip_reason;
    std::vector<std::string> failures; // "verdict: expected forbidden, got permitted"
    std::vector<Diagnostic> errors;
    std::optional<Answer> answer;
    std::optional<DealStatus> deal_status; // a `status:` case's
    double seconds = 0;                    // how long it took to decide
};

// "passed", "failed", "skipped", "error": the word the JSON and JUnit reports use.
std::string_view to_string(TestCaseResult::Status s);

struct TestRun {
    std::vector<TestCaseResult> cases;
    Diagnostics diagnostics;            // test files that could not be read, located
    std::vector<std::string> covered;   // clause ids some case exercised
    std::vector<std::string> uncovered; // clause ids no case exercised
    std::chrono::system_clock::time_point started;
    double seconds = 0; // the whole run
    std::size_t passed() const;
    std::size_t failed() const;
    std::size_t skipped() const;
    std::size_t errors() const;
    double coverage() const; // percent of clauses exercised
};

// The deal's test files: <deal>/tests/*.yaml, sorted by name.
std::vector<std::string> find_test_files(const std::string& deal_path);

TestRun run_tests(const Deal& deal, const std::vector<std::string>& files,
                  const TestOptions& options);

// "N passed, N failed" (", N errors", ", N skipped" if any).
std::string summary_line(const TestRun& run);
// A failing case: the question, expected vs actual, the deciding clauses.
std::string render_failure(const TestCaseResult& c);
// JUnit XML as Jenkins' xunit junit-10.xsd has it (tests/junit/junit-10.xsd): one
// testsuite per test file, named by it, in package `deal`.
std::string render_junit(const TestRun& run, const std::string& deal);
// The whole run as one JSON document (docs/schema/test-report.schema.json).
std::string render_test_json(const TestRun& run, const std::string& deal);
// A failing case as a diagnostic located at the case, for `--error-format json|github`.
Diagnostic failure_diagnostic(const TestCaseResult& c);

} // namespace dealcheck
