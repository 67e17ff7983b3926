// Timelines as text and JSON.
#include "dealcheck/render.hpp"
#include "util/json_writer.hpp"

namespace dealcheck {

namespace {

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

std::string verdict_words(const TimelineInterval& i) {
    std::string v(to_string(i.verdict));
    if (i.verdict == VerdictKind::NeedsConsent) v += " of " + join(i.consent_of);
    if (i.verdict == VerdictKind::NotCovered)
        v += " (default: " + lower(to_string(i.default_verdict)) + ")";
    if (i.verdict == VerdictKind::Depends) v += " on " + join(i.depends_on);
    return v;
}

} // namespace

std::string render_timeline_text(const Timeline& t, const RenderOptions& options) {
    const auto& q = t.question;
    std::string out = q.party + " " + q.action;
    std::vector<std::string> attrs;
    for (const auto& [k, v] : q.attributes)
        attrs.push_back(k + "=" + v);
    if (!attrs.empty()) out += " (" + join(attrs) + ")";
    out += "\n";
    for (const auto& i : t.intervals) {
        std::string from = i.from ? format_date(*i.from) : "          ";
        std::string until = i.until ? format_date(*i.until) : "          ";
        std::string colour;
        if (options.colour)
            colour = i.verdict == VerdictKind::Permitted   ? "\033[32m"
                     : i.verdict == VerdictKind::Forbidden ? "\033[31m"
                                                           : "\033[33m";
        out += "  " + from + " .. " + until + "  " + colour + verdict_words(i) +
               (options.colour ? "\033[0m" : "");
        if (!i.clauses.empty()) out += "  by " + join(i.clauses);
        out += "\n";
        if (!i.changes.empty())
            out += "      from " + format_date(*i.from) + ": " + join(i.changes) + "\n";
    }
    // Those related to the question, and how many are not: a deal without any says
    // nothing of them.
    if (t.obligations_shown + t.obligations_left_out == 0) return out;
    std::string left_out = std::to_string(t.obligations_left_out);
    if (t.obligations_shown == 0)
        return out + "obligations and powers: none related to this question " +
               "(--all-obligations shows the deal's " + left_out + ")\n";
    out += t.obligations.empty() ? "obligations and powers: no change of state\n"
                                 : "obligations and powers:\n";
    for (const auto& c : t.obligations) {
        // An event's description already says where it is written.
        auto where = c.where.file + ":" + std::to_string(c.where.line);
        out += "  " + format_date(c.date) + "  " + c.id +
               (c.power ? "" : " #" + std::to_string(c.instance)) + " " + c.state + "  " + c.text +
               (c.text.find(where) == std::string::npos ? "  (" + where + ")" : "") + "\n";
    }
    if (t.obligations_left_out > 0)
        out += "  (" + left_out + " more not related to this question: --all-obligations shows " +
               (t.obligations_left_out == 1 ? "it" : "them") + ")\n";
    return out;
}

std::string render_timeline_json(const Timeline& t) {
    util::JsonWriter w;
    w.begin_object();
    w.key("question").begin_object();
    w.key("party").value(t.question.party);
    w.key("action").value(t.question.action);
    w.key("attributes").begin_object();
    for (const auto& [k, v] : t.question.attributes)
        w.key(k).value(v);
    w.end_object();
    w.end_object();
    w.key("intervals").begin_array();
    for (const auto& i : t.intervals) {
        w.begin_object();
        w.key("from");
        if (i.from)
            w.value(format_date(*i.from));
        else
            w.null();
        w.key("until");
        if (i.until)
            w.value(format_date(*i.until));
        else
            w.null();
        w.key("verdict").value(lower(to_string(i.verdict)));
        if (i.verdict == VerdictKind::NotCovered)
            w.key("default").value(lower(to_string(i.default_verdict)));
        auto list = [&](const char* key, const std::vector<std::string>& v) {
            w.key(key).begin_array();
            for (const auto& s : v)
                w.value(s);
            w.end_array();
        };
        list("consent_of", i.consent_of);
        list("clauses", i.clauses);
        list("depends_on", i.depends_on);
        list("changes", i.changes);
        w.end_object();
    }
    w.end_array();
    w.key("obligations").begin_array();
    for (const auto& c : t.obligations) {
        w.begin_object();
        w.key("date").value(format_date(c.date));
        w.key("kind").value(c.power ? "power" : "obligation");
        w.key("id").value(c.id);
        if (!c.power) w.key("instance").value(c.instance);
        w.key("state").value(c.state);
        w.key("text").value(c.text);
        w.key("file").value(c.where.file);
        w.key("line").value(c.where.line);
        w.end_object();
    }
    w.end_array();
    w.key("obligations_shown").value(t.all_obligations ? "all" : "related");
    w.key("obligations_left_out").value(static_cast<long long>(t.obligations_left_out));
    w.end_object();
    return w.str();
}

} // namespace dealcheck
