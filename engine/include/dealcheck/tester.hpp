// Rule regression tests: YAML cases next to a deal (rules/<deal>/tests/*.yaml), each a
// question with its expected verdict, run after every edit of the rules.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/deal.hpp"
#include "dealcheck/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

struct TestOptions {
    std::string filter; // run only cases whose name contains this text
    Date today{};       // for questions without a date
    // Where the deal was loaded from, and how: a case with its own `history` loads the
    // deal again with that history in place of the deal's own.
    std::string deal_path;
    LoadOptions load;
};

struct TestCaseResult {
    std::string name;
    SourceLocation where;
    std::string question; // as written (phrase, or the structured question as text)
    enum class Status { Passed, Failed, Skipped } status = Status::Passed;
    std::string skip_reason;
    std::vector<std::string> failures; // "verdict: expected forbidden, got permitted"
    std::optional<Answer> answer;
    std::optional<DealStatus> deal_status; // a `status:` case's
};

struct TestRun {
    std::vector<TestCaseResult> cases;
    Diagnostics diagnostics;            // test files that could not be read, located
    std::vector<std::string> covered;   // clause ids some case exercised
    std::vector<std::string> uncovered; // clause ids no case exercised
    std::size_t passed() const;
    std::size_t failed() const;
    std::size_t skipped() const;
    double coverage() const; // percent of clauses exercised
};

// The deal's test files: <deal>/tests/*.yaml, sorted by name.
std::vector<std::string> find_test_files(const std::string& deal_path);

TestRun run_tests(const Deal& deal, const std::vector<std::string>& files,
                  const TestOptions& options);

// "N passed, N failed" (", N skipped" if any).
std::string summary_line(const TestRun& run);
// A failing case: the question, expected vs actual, the deciding clauses.
std::string render_failure(const TestCaseResult& c);
std::string render_junit(const TestRun& run, const std::string& suite);
// A failing case as a diagnostic located at the case, for `--error-format json|github`.
Diagnostic failure_diagnostic(const TestCaseResult& c);

} // namespace dealcheck
