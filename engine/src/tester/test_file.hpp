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
};

struct TestCase {
    std::string name;
    SourceLocation where;
    SourceLocation question_where;
    std::string phrase;        // `ask:` form
    std::string question_yaml; // `question:` form, as YAML text
    std::string skip;
    Expectation expect;
    std::vector<Diagnostic> problems; // errors in the case as written: it cannot run
};

// Every case of the file, those with errors too (with their `problems`), so that a report
// leaves none out; a file that cannot be read at all is one case named after the file.
std::vector<TestCase> read_test_file(const std::string& path, Diagnostics& diags);

} // namespace dealcheck::tester
