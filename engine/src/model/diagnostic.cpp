#include "dealcheck/diagnostic.hpp"

#include <algorithm>

namespace dealcheck {

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

static std::string truncation_note() {
    return "too many errors: only the first " + std::to_string(Diagnostics::max_kept) +
           " are shown";
}

static bool is_truncation_note(const Diagnostic& d) {
    return d.code == DiagnosticCode::too_many_errors;
}

// Messages quote what they are about, which may be a 2 MB value (or one repeated by
// aliases): keep each text short so that the kept diagnostics stay small.
static void shorten(std::string& text) {
    constexpr std::size_t max_bytes = 1000;
    if (text.size() <= max_bytes) return;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut; // UTF-8
    text.resize(cut);
    text += "...";
}

void Diagnostics::add(Diagnostic d) {
    shorten(d.message);
    shorten(d.hint);
    items_.push_back(std::move(d));
    if (items_.size() >= 2 * max_kept) sort(); // bounds memory: keeps max_kept
}

void Diagnostics::sort() {
    if (truncated_)
        items_.erase(std::remove_if(items_.begin(), items_.end(), is_truncation_note),
                     items_.end());
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.where.file != b.where.file) return a.where.file < b.where.file;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    // A definition inlined into many clauses reports its error once.
    auto same = [](const Diagnostic& a, const Diagnostic& b) {
        return a.where == b.where && a.message == b.message && a.severity == b.severity;
    };
    items_.erase(std::unique(items_.begin(), items_.end(), same), items_.end());
    if (items_.size() > max_kept) {
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(max_kept), items_.end());
        truncated_ = true;
    }
    if (truncated_) {
        Diagnostic note(DiagnosticCode::too_many_errors);
        note.where.file = "dealcheck";
        note.message = truncation_note();
        note.hint = "fix these and run again; the limit is in docs/limits.md";
        items_.push_back(std::move(note));
    }
}

// Tabs in the quoted line would misalign the caret: show them as spaces.
static std::string printable(std::string_view line) {
    std::string out;
    for (char c : line) {
        unsigned char u = static_cast<unsigned char>(c);
        out += c == '\t' ? ' ' : (u < 0x20 || u == 0x7f ? '?' : c);
    }
    return out;
}

std::string location_text(const SourceLocation& where) {
    std::string out = where.file;
    if (where.line > 0)
        out += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
    return out;
}

std::string render(const Diagnostic& d, bool colour) {
    const char* red = colour ? "\033[1;31m" : "";
    const char* magenta = colour ? "\033[1;35m" : "";
    const char* bold = colour ? "\033[1m" : "";
    const char* green = colour ? "\033[1;32m" : "";
    const char* cyan = colour ? "\033[1;36m" : "";
    const char* reset = colour ? "\033[0m" : "";
    std::string out(bold);
    out += location_text(d.where);
    out += std::string(": ") + reset;
    out += d.severity == Severity::Error     ? std::string(red) + "error"
           : d.severity == Severity::Warning ? std::string(magenta) + "warning"
                                             : std::string(cyan) + "note";
    out += "[" + code_id(d.code) + "]: " + reset + d.message + "\n";
    if (!d.source_line.empty() && d.where.line > 0) {
        std::string line = printable(d.source_line.substr(0, 200));
        out += "    " + line + "\n";
        std::size_t col = static_cast<std::size_t>(std::max(1, d.where.column)) - 1;
        if (col <= line.size()) {
            std::size_t span = std::min<std::size_t>(
                static_cast<std::size_t>(std::max(1, d.span)),
                std::max<std::size_t>(1, line.size() - std::min(col, line.size())));
            out += "    " + std::string(col, ' ') + green + "^" + std::string(span - 1, '~') +
                   reset + "\n";
        }
    }
    if (!d.hint.empty()) out += std::string("    ") + cyan + "hint: " + reset + d.hint + "\n";
    for (const auto& r : d.related)
        out += std::string("    ") + cyan + "note: " + reset + location_text(r.where) + ": " +
               r.message + "\n";
    return out;
}

std::string render(const Diagnostics& ds, bool colour) {
    std::string out;
    for (const auto& d : ds.items())
        out += render(d, colour);
    return out;
}

} // namespace dealcheck
