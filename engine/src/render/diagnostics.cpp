// Diagnostics for tools: JSON Lines and GitHub Actions workflow commands. The human
// form lives beside the Diagnostic type (model/diagnostic.cpp).
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/tester.hpp"
#include "util/json_writer.hpp"

#include <algorithm>

namespace dealcheck {

std::optional<ErrorFormat> parse_error_format(std::string_view name) {
    if (name == "human") return ErrorFormat::Human;
    if (name == "json") return ErrorFormat::Json;
    if (name == "github") return ErrorFormat::Github;
    return std::nullopt;
}

namespace {

std::string_view severity_name(Severity s) {
    switch (s) {
    case Severity::Error:
        return "error";
    case Severity::Warning:
        return "warning";
    case Severity::Note:
        break;
    }
    return "note";
}

// line and columns are 1-based, null when the problem has no position.
void json_position(util::JsonWriter& w, const SourceLocation& where) {
    w.key("file").value(where.file);
    if (where.line > 0) {
        w.key("line").value(where.line);
        w.key("column").value(std::max(1, where.column));
    } else {
        w.key("line").null();
        w.key("column").null();
    }
}

// {"severity", "code", "name", "file", "line", "column", "end_column", "message", "hint",
// "source_line", "related"} (docs/schema/diagnostic.schema.json).
std::string json_line(const Diagnostic& d) {
    util::JsonWriter w;
    w.begin_object();
    w.key("severity").value(severity_name(d.severity));
    w.key("code").value(code_id(d.code));
    w.key("name").value(info(d.code).name);
    json_position(w, d.where);
    if (d.where.line > 0)
        w.key("end_column").value(std::max(1, d.where.column) + std::max(1, d.span) - 1);
    else
        w.key("end_column").null();
    w.key("message").value(d.message);
    w.key("hint").value(d.hint);
    w.key("source_line").value(d.source_line);
    w.key("related").begin_array();
    for (const auto& r : d.related) {
        w.begin_object();
        json_position(w, r.where);
        w.key("message").value(r.message);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str() + "\n";
}

// GitHub's escaping of workflow commands: the message escapes %, CR and LF; property
// values also escape `:` and `,`.
std::string escape_data(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else
            out += c;
    }
    return out;
}

std::string escape_property(std::string_view s) {
    std::string out;
    for (char c : escape_data(s)) {
        if (c == ':')
            out += "%3A";
        else if (c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

std::string github_line(const Diagnostic& d) {
    std::string out = d.severity == Severity::Error     ? "::error "
                      : d.severity == Severity::Warning ? "::warning "
                                                        : "::notice ";
    out += "file=" + escape_property(d.where.file);
    if (d.where.line > 0) {
        int col = std::max(1, d.where.column);
        out += ",line=" + std::to_string(d.where.line) + ",col=" + std::to_string(col);
        if (d.span > 1) out += ",endColumn=" + std::to_string(col + d.span - 1);
    }
    out += ",title=" +
           escape_property("dealcheck " + code_id(d.code) + " " + std::string(info(d.code).name)) +
           "::";
    std::string message = d.message;
    if (!d.hint.empty()) message += "\nhint: " + d.hint;
    for (const auto& r : d.related)
        message += "\nnote: " + location_text(r.where) + ": " + r.message;
    return out + escape_data(message) + "\n";
}

} // namespace

std::string render(const Diagnostic& d, ErrorFormat format, bool colour) {
    switch (format) {
    case ErrorFormat::Json:
        return json_line(d);
    case ErrorFormat::Github:
        return github_line(d);
    case ErrorFormat::Human:
        break;
    }
    return render(d, colour);
}

std::string render(const Diagnostics& ds, ErrorFormat format, bool colour) {
    std::string out;
    for (const auto& d : ds.items())
        out += render(d, format, colour);
    return out;
}

Diagnostic failure_diagnostic(const TestCaseResult& c) {
    Diagnostic d(DiagnosticCode::test_failed);
    d.where = c.where;
    d.message = "test case `" + c.name + "` failed";
    for (std::size_t i = 0; i < c.failures.size(); ++i)
        d.message += (i == 0 ? ": " : "; ") + c.failures[i];
    if (c.answer) {
        d.hint = "the answer was " + std::string(to_string(c.answer->verdict));
        if (!c.answer->deciding.empty()) {
            d.hint += ", decided by";
            for (const auto& clause : c.answer->deciding)
                d.hint += " " + clause.id;
        }
    }
    return d;
}

} // namespace dealcheck
