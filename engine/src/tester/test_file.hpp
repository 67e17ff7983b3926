// Reads a rule regression test file into cases, expanding tables into one case per row.
#pragma once

#include "dealcheck/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck::tester {

struct Expectation {
    std::optional<std::string> verdict; // permitted, forbidden, needs-consent, not-covered, depends
    std::optional<std::string> default_verdict;
    std::optional<std::vector<std::string>> consent_of, deciding, consequences, depends_on;
    // A `status:` case: obligation and power states by id ("pay-balance", or
    // "pay-balance#2" for one instance), e.g. "violated", "fulfilled late",
    // "pending, suspended", "not triggered"; power states "open", "exercised"...
    std::vector<std::pair<std::string, std::string>> obligations, powers;
};

struct TestCase {
    std::string name;
    SourceLocation where;
    SourceLocation question_where;
    std::string phrase;        // `ask:` form
    std::string status;        // `status:` form: the as-of date of the deal's status
    std::string history;       // a history file replacing the deal's own, resolved
    std::string question_yaml; // `question:` form, as YAML text
    std::string skip;
    Expectation expect;
    std::vector<Diagnostic> problems; // errors in the case as written: it cannot run
};

// Every case of the file, those with errors too (with their `problems`), so that a report
// leaves none out; a file that cannot be read at all is one case named after the file.
std::vector<TestCase> read_test_file(const std::string& path, Diagnostics& diags);

} // namespace dealcheck::tester
