// Text and JSON for analysis findings and verdict diffs.
#include "analysis/support.hpp"
#include "dealcheck/analysis.hpp"
#include "util/json_writer.hpp"

#include <cmath>

namespace dealcheck {

namespace {

const char* colour_of(FindingSeverity s) {
    switch (s) {
    case FindingSeverity::Error:
        return "\033[1;31m";
    case FindingSeverity::Warning:
        return "\033[1;33m";
    case FindingSeverity::Note:
        return "\033[1;36m";
    }
    return "";
}

std::string paint(const std::string& text, const char* code, bool colour) {
    return colour ? code + text + "\033[0m" : text;
}

std::string location(const SourceLocation& w) {
    return w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column);
}

std::string deciding_ids(const Answer& a) {
    std::string out;
    for (const auto& c : a.deciding)
        out += (out.empty() ? "" : ", ") + c.id;
    return out.empty() ? "no clause" : out;
}

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

std::string render_stats(const AnalysisStats& s) {
    std::string out = (s.queries == 1 ? std::string("1 solver query")
                                      : std::to_string(s.queries) + " solver queries") +
                      " in " + std::to_string(std::lround(s.milliseconds)) + " ms";
    if (s.timeouts) out += ", " + plural(s.timeouts, "timeout");
    if (s.cached)
        out += ", " + std::to_string(s.cached) + " of " + plural(s.buckets, "bucket") +
               " from the cache";
    return out;
}

namespace {

void question_json(util::JsonWriter& j, const Question& q) {
    j.begin_object();
    j.key("party").value(q.party);
    j.key("action").value(q.action);
    j.key("attributes").begin_object();
    for (const auto& [k, v] : q.attributes)
        j.key(k).value(v);
    j.end_object();
    j.key("date");
    if (q.date)
        j.value(format_date(*q.date));
    else
        j.null();
    j.key("facts").begin_object();
    for (const auto& [k, v] : q.facts)
        j.key(k).value(v);
    j.end_object();
    j.key("consents").begin_array();
    for (const auto& c : q.consents)
        j.value(c);
    j.end_array();
    j.end_object();
}

void answer_json(util::JsonWriter& j, const Answer& a) {
    j.begin_object();
    j.key("verdict").value(to_string(a.verdict));
    j.key("consent_of").begin_array();
    for (const auto& c : a.consent_of)
        j.value(c);
    j.end_array();
    if (a.verdict == VerdictKind::NotCovered) j.key("default").value(to_string(a.default_verdict));
    j.key("deciding").begin_array();
    for (const auto& c : a.deciding)
        j.value(c.id);
    j.end_array();
    j.key("overridden").begin_array();
    for (const auto& o : a.overridden) {
        j.begin_object();
        j.key("clause").value(o.clause.id);
        j.key("by").value(o.overridden_by);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

void stats_json(util::JsonWriter& j, const AnalysisStats& s) {
    j.key("stats").begin_object();
    j.key("queries").value(static_cast<long long>(s.queries));
    j.key("timeouts").value(static_cast<long long>(s.timeouts));
    j.key("rejected").value(static_cast<long long>(s.rejected));
    j.key("milliseconds").value(static_cast<long long>(std::llround(s.milliseconds)));
    j.end_object();
}

void strings_json(util::JsonWriter& j, const char* key, const std::vector<std::string>& items) {
    j.key(key).begin_array();
    for (const auto& s : items)
        j.value(s);
    j.end_array();
}

} // namespace

std::string render_text(const AnalysisReport& r, const RenderOptions& o) {
    std::string out;
    for (const auto& f : r.findings) {
        out +=
            paint(std::string(to_string(f.severity)) + "[" + code_id(diagnostic_code(f.kind)) + "]",
                  colour_of(f.severity), o.colour) +
            ": " + std::string(to_string(f.kind)) + ": " + f.message + "\n";
        for (std::size_t i = 0; i < f.where.size(); ++i)
            out += "  --> " + location(f.where[i]) +
                   (i < f.clauses.size() ? "  " + f.clauses[i] : "") + "\n";
        if (f.where.empty() && !f.action.empty()) out += "  --> action `" + f.action + "`\n";
        for (const auto& d : f.details)
            out += "  = " + d + "\n";
        if (f.example) {
            out += "  example: dealcheck ask \"" + f.example->phrase + "\"\n";
            out += "  answer:  " + analysis::verdict_text(f.example->answer) + ", decided by " +
                   deciding_ids(f.example->answer) + "\n";
        }
        out += "\n";
    }
    for (const auto& i : r.incomplete)
        out += "incomplete: " + i + "\n";
    for (const auto& s : r.not_analysed)
        out += "not analysed: " + s + "\n";
    std::size_t e = r.count(FindingSeverity::Error), w = r.count(FindingSeverity::Warning),
                n = r.count(FindingSeverity::Note);
    out += r.deal + ": ";
    if (!r.incomplete.empty())
        out += "incomplete: " + plural(r.incomplete.size(), "check") + " not done" +
               (r.findings.empty() ? std::string(", nothing found in the others") : "; ");
    if (r.findings.empty()) {
        if (r.incomplete.empty()) out += "no findings";
    } else {
        std::string parts;
        if (e) parts += plural(e, "error");
        if (w) parts += (parts.empty() ? "" : ", ") + plural(w, "warning");
        if (n) parts += (parts.empty() ? "" : ", ") + plural(n, "note");
        out += parts;
    }
    return out + "\n";
}

Diagnostics finding_diagnostics(const AnalysisReport& report, const std::string& manifest) {
    Diagnostics out;
    for (const auto& f : report.findings) {
        if (f.severity == FindingSeverity::Note) continue;
        Diagnostic d(diagnostic_code(f.kind));
        d.severity = f.severity == FindingSeverity::Error ? Severity::Error : Severity::Warning;
        d.where = f.where.empty() ? SourceLocation{manifest, 0, 0} : f.where.front();
        d.message = std::string(to_string(f.kind)) + ": " + f.message;
        if (f.example) d.hint = "for example: dealcheck ask \"" + f.example->phrase + "\"";
        for (std::size_t i = 1; i < f.where.size() && i < f.clauses.size(); ++i)
            d.related.push_back({f.where[i], "clause `" + f.clauses[i] + "` is here"});
        out.add(std::move(d));
    }
    return out;
}

std::string render_json(const AnalysisReport& r) {
    util::JsonWriter j;
    j.begin_object();
    j.key("deal").value(r.deal);
    j.key("findings").begin_array();
    for (const auto& f : r.findings) {
        j.begin_object();
        j.key("kind").value(to_string(f.kind));
        j.key("code").value(code_id(diagnostic_code(f.kind)));
        j.key("severity").value(to_string(f.severity));
        j.key("message").value(f.message);
        j.key("action").value(f.action);
        j.key("party").value(f.party);
        j.key("clauses").begin_array();
        for (std::size_t i = 0; i < f.clauses.size(); ++i) {
            j.begin_object();
            j.key("id").value(f.clauses[i]);
            if (i < f.where.size()) {
                j.key("file").value(f.where[i].file);
                j.key("line").value(f.where[i].line);
                j.key("column").value(f.where[i].column);
            }
            j.end_object();
        }
        j.end_array();
        strings_json(j, "details", f.details);
        j.key("example");
        if (f.example) {
            j.begin_object();
            j.key("phrase").value(f.example->phrase);
            j.key("phrase_round_trips").value(f.example->phrase_round_trips);
            j.key("question");
            question_json(j, f.example->question);
            j.key("answer");
            answer_json(j, f.example->answer);
            j.end_object();
        } else {
            j.null();
        }
        j.key("confirmed").value(f.confirmed);
        j.end_object();
    }
    j.end_array();
    strings_json(j, "incomplete", r.incomplete);
    strings_json(j, "not_analysed", r.not_analysed);
    j.key("summary").begin_object();
    j.key("errors").value(static_cast<long long>(r.count(FindingSeverity::Error)));
    j.key("warnings").value(static_cast<long long>(r.count(FindingSeverity::Warning)));
    j.key("notes").value(static_cast<long long>(r.count(FindingSeverity::Note)));
    j.end_object();
    stats_json(j, r.stats);
    j.end_object();
    return j.str();
}

std::string render_text(const DiffReport& r, const RenderOptions& o) {
    std::string out;
    std::size_t from_tests = 0;
    for (const auto& c : r.changes) {
        if (c.source != "rules") ++from_tests;
        std::string head = c.action + " by " + c.party + ": " +
                           analysis::verdict_text(c.old_answer) + " -> " +
                           analysis::verdict_text(c.new_answer);
        out += paint(head, "\033[1m", o.colour);
        if (c.outcome_same) out += "  (only the reasons changed)";
        if (c.hypothetical) out += "  (hypothetical)";
        out += "\n";
        if (c.source != "rules")
            out += "  from " + c.source + (c.where.file.empty() ? "" : " at " + location(c.where)) +
                   "\n";
        if (c.old_phrase == c.new_phrase) {
            out += "  question: \"" + c.old_phrase + "\"\n";
        } else {
            out += "  old: \"" + c.old_phrase + "\"\n";
            out += "  new: \"" + c.new_phrase + "\"\n";
        }
        out += "  decided by " + deciding_ids(c.old_answer) + " -> " + deciding_ids(c.new_answer) +
               "\n\n";
    }
    for (const auto& n : r.notes)
        out += "note: " + n + "\n";
    for (const auto& i : r.incomplete)
        out += "incomplete: " + i + "\n";
    out += r.old_label + " -> " + r.new_label + ": ";
    if (!r.incomplete.empty())
        out += "incomplete: " +
               (r.incomplete.size() == 1 ? std::string("1 search")
                                         : std::to_string(r.incomplete.size()) + " searches") +
               " cut short" +
               (r.changes.empty() ? std::string(", no difference found in the others") : "; ");
    if (r.changes.empty()) {
        if (r.incomplete.empty()) out += "no answer differs";
    } else {
        out += r.changes.size() == 1 ? std::string("1 answer differs")
                                     : std::to_string(r.changes.size()) + " answers differ";
        if (from_tests) out += " (" + std::to_string(from_tests) + " from the tests)";
    }
    return out + "\n";
}

std::string render_json(const DiffReport& r) {
    util::JsonWriter j;
    j.begin_object();
    j.key("old").value(r.old_label);
    j.key("new").value(r.new_label);
    j.key("changes").begin_array();
    for (const auto& c : r.changes) {
        j.begin_object();
        j.key("source").value(c.source);
        if (!c.where.file.empty()) {
            j.key("file").value(c.where.file);
            j.key("line").value(c.where.line);
        }
        j.key("action").value(c.action);
        j.key("party").value(c.party);
        j.key("old").begin_object();
        j.key("phrase").value(c.old_phrase);
        j.key("question");
        question_json(j, c.old_question);
        j.key("answer");
        answer_json(j, c.old_answer);
        j.end_object();
        j.key("new").begin_object();
        j.key("phrase").value(c.new_phrase);
        j.key("question");
        question_json(j, c.new_question);
        j.key("answer");
        answer_json(j, c.new_answer);
        j.end_object();
        j.key("phrase_round_trips").value(c.phrase_round_trips);
        j.key("outcome_same").value(c.outcome_same);
        j.key("hypothetical").value(c.hypothetical);
        j.end_object();
    }
    j.end_array();
    strings_json(j, "notes", r.notes);
    strings_json(j, "incomplete", r.incomplete);
    stats_json(j, r.stats);
    j.end_object();
    return j.str();
}

} // namespace dealcheck
