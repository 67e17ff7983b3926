// Located errors: every problem in a rule file, test file or question is reported
// as file:line:col with the offending text and, where one exists, a hint.
#pragma once

#include "dealcheck/diagnostic_code.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck {

struct SourceLocation {
    std::string file; // as given by the user, or "<question>"
    int line = 0;     // 1-based; 0 when the problem has no position
    int column = 0;   // 1-based
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

enum class Severity { Error, Warning, Note };

// A second place that helps to understand a diagnostic: "the first is here" for a
// duplicate, the clause that a bad `replaces` names.
struct RelatedLocation {
    SourceLocation where;
    std::string message;
};

struct Diagnostic {
    // Every diagnostic says what kind of problem it is: there is no default code.
    explicit Diagnostic(DiagnosticCode code) : code(code) {}
    DiagnosticCode code;
    Severity severity = Severity::Error;
    SourceLocation where;
    std::string message;
    std::string source_line; // the offending line, without its newline
    int span = 1;            // characters to underline from `where.column`
    std::string hint;        // e.g. "did you mean `until`?"
    std::vector<RelatedLocation> related;
};

// Collects every diagnostic of a run: loading reports all errors, not the first.
// At most max_kept are kept, the first in sort() order (whatever order they were
// found in); a final note from `dealcheck` then says the list was cut.
class Diagnostics {
  public:
    static constexpr std::size_t max_kept = 1000;
    void add(Diagnostic d);
    bool has_errors() const;
    std::size_t error_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    // Orders by file, line, column so output is deterministic.
    void sort();
    bool truncated() const { return truncated_; }

  private:
    std::vector<Diagnostic> items_;
    bool truncated_ = false;
};

// "file:line:col", or "file" for what has no position.
std::string location_text(const SourceLocation& where);

// file:line:col: error[DC1101]: message / offending line / caret / hint / related
// locations, one a line.
std::string render(const Diagnostic& d, bool colour = false);
std::string render(const Diagnostics& ds, bool colour = false);

// How diagnostics are written (`--error-format`): for people as above; as JSON Lines
// for tools, one object per diagnostic (docs/cli.md); or as GitHub Actions workflow
// commands, `::error file=F,line=L,col=C,title=dealcheck DC1101 unknown-key::message`,
// which GitHub shows on the line.
enum class ErrorFormat { Human, Json, Github };
// "human", "json" or "github"; nullopt for anything else.
std::optional<ErrorFormat> parse_error_format(std::string_view name);
// Each diagnostic ends with a newline; colour applies to the human format only.
std::string render(const Diagnostic& d, ErrorFormat format, bool colour = false);
std::string render(const Diagnostics& ds, ErrorFormat format, bool colour = false);

// The hint every "did you mean" gives: "did you mean `test`?" for the candidate nearest
// to a misspelt `word`, or "" when none is near enough to be a plausible typo.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace dealcheck
