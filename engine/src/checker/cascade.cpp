#include "checker/cascade.hpp"

#include <algorithm>
#include <array>

namespace dealcheck::checker {

namespace {

// What the checker reports from the clauses alone, whatever the vocabulary, the
// parties and the agreements' dates (all in the manifest or a vocabulary) are.
constexpr std::array independent_of_names = {
    DiagnosticCode::duplicate_id,     DiagnosticCode::reserved_name,
    DiagnosticCode::amendment_cycle,  DiagnosticCode::exception_cycle,
    DiagnosticCode::effect_mismatch,  DiagnosticCode::invalid_duration,
    DiagnosticCode::unknown_unit,     DiagnosticCode::expression_syntax,
    DiagnosticCode::invalid_literal,  DiagnosticCode::expression_too_large,
    DiagnosticCode::unknown_function, DiagnosticCode::recursive_definition,
    DiagnosticCode::obligation_cycle, DiagnosticCode::unknown_clause,
};

bool follows_from(const loader::Gaps& gaps, const Diagnostic& d) {
    if (gaps.files.count(d.where.file)) return true;
    if (gaps.clauses && d.code == DiagnosticCode::unknown_clause) return true;
    return gaps.names && std::find(independent_of_names.begin(), independent_of_names.end(),
                                   d.code) == independent_of_names.end();
}

} // namespace

std::size_t report_independent(const loader::Gaps& gaps, const Diagnostics& found,
                               Diagnostics& out) {
    std::size_t left_out = 0;
    for (const auto& d : found.items()) {
        if (follows_from(gaps, d))
            ++left_out;
        else
            out.add(d);
    }
    return left_out;
}

void note_left_out(std::size_t left_out, Diagnostics& out) {
    if (left_out == 0) return;
    Diagnostic note(DiagnosticCode::checks_skipped);
    note.severity = Severity::Note;
    note.where.file = "dealcheck";
    note.message = std::to_string(left_out) + (left_out == 1 ? " problem" : " problems") +
                   " found by the checks that read files with errors are not shown";
    note.hint = "they may follow from the errors above: fix those and run again";
    out.add(std::move(note));
}

} // namespace dealcheck::checker
