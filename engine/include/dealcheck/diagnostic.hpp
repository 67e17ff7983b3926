// Located errors: every problem in a rule file, test file or question is reported
// as file:line:col with the offending text and, where one exists, a hint.
#pragma once

#include <string>
#include <vector>

namespace dealcheck {

struct SourceLocation {
    std::string file; // as given by the user, or "<question>"
    int line = 0;     // 1-based; 0 when the problem has no position
    int column = 0;   // 1-based
    friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation where;
    std::string message;
    std::string source_line; // the offending line, without its newline
    int span = 1;            // characters to underline from `where.column`
    std::string hint;        // e.g. "did you mean `until`?"
};

// Collects every diagnostic of a run: loading reports all errors, not the first.
class Diagnostics {
  public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    bool has_errors() const;
    std::size_t error_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    // Orders by file, line, column so output is deterministic.
    void sort();

  private:
    std::vector<Diagnostic> items_;
};

// file:line:col: error: message / offending line / caret / hint.
std::string render(const Diagnostic& d, bool colour = false);
std::string render(const Diagnostics& ds, bool colour = false);

} // namespace dealcheck
