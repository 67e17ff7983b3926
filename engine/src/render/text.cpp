// The answer as people read it: the verdict first, then why.
#include "dealcheck/render.hpp"
#include "render/history_count.hpp"

#include <algorithm>

namespace dealcheck {

namespace {

struct Style {
    bool on;
    std::string bold() const { return on ? "\033[1m" : ""; }
    std::string dim() const { return on ? "\033[2m" : ""; }
    std::string reset() const { return on ? "\033[0m" : ""; }
    std::string verdict(VerdictKind v) const {
        if (!on) return "";
        switch (v) {
        case VerdictKind::Permitted:
            return "\033[1;32m";
        case VerdictKind::Forbidden:
            return "\033[1;31m";
        default:
            return "\033[1;33m";
        }
    }
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
    return out;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? sep : "") + v[i];
    return out;
}

std::string verdict_words(const Answer& a) {
    std::string v(to_string(a.verdict));
    if (a.verdict == VerdictKind::NeedsConsent) v += " of " + join(a.consent_of, ", ");
    if (a.verdict == VerdictKind::NotCovered)
        v += std::string(" (no clause speaks to it; ") +
             (a.default_is_actions ? "the action's own default: " : "the deal's default: ") +
             lower(to_string(a.default_verdict)) + ")";
    if (a.verdict == VerdictKind::Depends) {
        std::vector<std::string> names;
        for (const auto& d : a.depends_on)
            names.push_back(d.name);
        v += " on " + join(names, ", ");
    }
    return v;
}

// The question, and when: `on DATE` for a day.
std::string question_words(const Answer& a, const std::string& when) {
    const auto& q = a.question;
    std::string s = q.party + " " + q.action;
    std::vector<std::string> attrs;
    for (const auto& [k, v] : q.attributes)
        attrs.push_back(k + "=" + v);
    if (!attrs.empty()) s += " (" + join(attrs, ", ") + ")";
    std::vector<std::string> facts;
    for (const auto& [k, v] : q.facts)
        facts.push_back(k + "=" + v);
    if (!facts.empty()) s += " given " + join(facts, ", ");
    if (!q.consents.empty()) s += " with consent of " + join(q.consents, ", ");
    return s + when;
}

std::string on_day(const Answer& a) {
    return " on " + format_date(a.date) +
           (a.date_is_today ? " (today: the question gave no date)" : "");
}

std::string span(Date from, Date until) {
    return format_date(from) + " .. " + format_date(until);
}

// A part's verdict in a few words: NEEDS-CONSENT of microsoft, NOT-COVERED (default:
// permitted), DEPENDS on agi_verified.
std::string short_verdict(const Answer& a) {
    std::string v(to_string(a.verdict));
    if (a.verdict == VerdictKind::NeedsConsent) v += " of " + join(a.consent_of, ", ");
    if (a.verdict == VerdictKind::NotCovered)
        v += " (default: " + lower(to_string(a.default_verdict)) + ")";
    if (a.verdict == VerdictKind::Depends) {
        std::vector<std::string> names;
        for (const auto& d : a.depends_on)
            names.push_back(d.name);
        v += " on " + join(names, ", ");
    }
    return v;
}

// One line per part: its dates, verdict and deciding clauses, then what changed.
std::string part_lines(const PeriodAnswer& p, const Style& st) {
    std::string out;
    for (const auto& part : p.parts) {
        const auto& a = part.answer;
        out += "  " + span(part.from, part.until) + "  " + st.verdict(a.verdict) +
               short_verdict(a) + st.reset();
        if (!a.deciding.empty()) {
            std::vector<std::string> ids;
            for (const auto& c : a.deciding)
                ids.push_back(c.id);
            out += "  by " + join(ids, ", ");
        }
        out += "\n";
        if (!part.changes.empty())
            out += "      from " + format_date(part.from) + ": " + join(part.changes, "; ") + "\n";
    }
    return out;
}

std::string location(const ClauseRef& c) {
    return c.where.file + ":" + std::to_string(c.where.line);
}

std::string until_words(const ConsequenceRef& c) {
    std::vector<std::string> ends;
    if (c.until) ends.push_back(format_date(*c.until));
    for (const auto& e : c.until_events)
        ends.push_back(e + " becomes true");
    if (ends.empty()) return "";
    return ends.size() == 1 ? " until " + ends[0] : " until the first of " + join(ends, ", ");
}

// A verdict with its consenting parties and the consequences that follow it.
std::string outcome_words(VerdictKind verdict, const std::vector<std::string>& consent_of,
                          const std::vector<ConsequenceRef>& consequences) {
    std::string v(to_string(verdict));
    if (verdict == VerdictKind::NeedsConsent) v += " of " + join(consent_of, ", ");
    if (verdict == VerdictKind::Depends) v += " (on the other unknowns)";
    for (const auto& c : consequences)
        v += "; " + c.party + (c.kind == "right" ? " gains: " : " must: ") + c.text + " (" +
             c.clause.id + ")";
    return v;
}

void clause_block(std::string& out, const ClauseRef& c, const Style& st) {
    out += "  " + st.bold() + c.id + st.reset() + "  [" + c.effect + ", " + c.tag + "]  " +
           location(c) + "\n";
    out += "    " + c.title + " (" + c.agreement + ")\n";
    if (!c.quote.empty()) out += "    " + st.dim() + "\"" + c.quote + "\"" + st.reset() + "\n";
    if (!c.cite.empty()) out += "    " + st.dim() + "-- " + c.cite + st.reset() + "\n";
}

} // namespace

namespace {

// The answer to one day's question; `when` ends its question line, `head` follows it.
std::string answer_text(const Answer& a, const Style& st, const std::string& when,
                        const std::string& head) {
    std::string out = st.verdict(a.verdict) + verdict_words(a) + st.reset() + "\n";
    out += "  " + question_words(a, when) + "\n" + head;
    if (!a.agreements_in_force.empty())
        out += "  terms in force: " + join(a.agreements_in_force, ", ") + "\n";

    if (!a.deciding.empty()) {
        out += "\n" + st.bold() +
               (a.verdict == VerdictKind::Depends ? "Hinges on:" : "Decided by:") + st.reset() +
               "\n";
        for (const auto& c : a.deciding)
            clause_block(out, c, st);
    }
    if (!a.overridden.empty()) {
        out += "\n" + st.bold() + "Overridden:" + st.reset() + "\n";
        for (const auto& o : a.overridden)
            out += "  " + o.clause.id + " (" + o.clause.effect + ", " + location(o.clause) +
                   ") by the exception " + o.overridden_by + "\n";
    }
    for (const auto& c : a.conflicts)
        out += "\n" + st.bold() + "Conflict:" + st.reset() + " " + join(c.clauses, ", ") +
               " apply with opposite effects; " + c.resolution + "\n";
    if (!a.consequences.empty()) {
        out += "\n" + st.bold() + "Consequences:" + st.reset() + "\n";
        for (const auto& c : a.consequences)
            out += "  " + c.party + (c.kind == "right" ? " gains: " : " must: ") + c.text +
                   until_words(c) + "  (" + c.clause.id + ", " + location(c.clause) + ")\n";
    }
    if (!a.depends_on.empty()) {
        out += "\n" + st.bold() + "Depends on:" + st.reset() + "\n";
        for (const auto& d : a.depends_on) {
            out += "  " + std::string(d.is_attribute ? "attribute " : "fact ") + d.name +
                   (d.outcomes.empty() ? " (its values cannot be listed)" : "") + "\n";
            for (const auto& o : d.outcomes)
                out += "    = " + o.value + " -> " +
                       outcome_words(o.verdict, o.consent_of, o.consequences) + "\n";
        }
        if (!a.outcomes.empty()) {
            out += "  outcomes (a name left out may take any value):\n";
            for (const auto& o : a.outcomes) {
                out += "    " + outcome_words(o.verdict, o.consent_of, o.consequences) + " when\n";
                for (const auto& c : o.cases) {
                    std::vector<std::string> parts;
                    for (const auto& [k, v] : c)
                        parts.push_back(k + "=" + v);
                    out += "      " + (parts.empty() ? "any values" : join(parts, ", ")) + "\n";
                }
            }
        }
        if (a.every_outcome)
            out += *a.every_outcome == VerdictKind::Permitted
                       ? "  in every case the action may go ahead\n"
                       : "  in no case may the action go ahead\n";
    }
    for (const auto& r : a.readings)
        out += "\n" + st.bold() + "Reading:" + st.reset() + " " + r.reading + " = " + r.value +
               (r.is_default ? " (the default reading)" : " (chosen)") + ": " + r.says + "\n";
    for (const auto& o : a.other_readings) {
        std::string v(to_string(o.verdict));
        if (o.verdict == VerdictKind::NeedsConsent) v += " of " + join(o.consent_of, ", ");
        out += "  under the reading " + o.value + " instead: " + v;
        if (!o.deciding.empty()) out += " by " + join(o.deciding, ", ");
        if (o.consequences.empty() && a.verdict == o.verdict && !a.consequences.empty())
            out += ", with no consequence";
        for (const auto& c : o.consequences)
            out += "; " + c.party + (c.kind == "right" ? " gains: " : " must: ") + c.text + " (" +
                   c.clause.id + ")";
        out += "\n    (" + o.says + "; ask with `--reading " + o.value + "`)\n";
    }
    if (!a.history.empty()) {
        out += "\n" + st.bold() + "Counted from the history:" + st.reset() + "\n";
        for (const auto& h : a.history) {
            out += "  " + h.expression + " = " + h.total + "  (" + h.clause + ", " + h.where.file +
                   ":" + std::to_string(h.where.line) + ")\n";
            out += rendering::counted_lines(h, "    ");
        }
    }
    if (!a.owed.empty()) {
        out += "\n" + st.bold() + "Owed by " + a.question.party +
               " (this action would perform it):" + st.reset() + "\n";
        for (const auto& o : a.owed)
            out +=
                "  " + o.text + "  (" + o.where.file + ":" + std::to_string(o.where.line) + ")\n";
    }
    if (!a.powers.empty()) {
        out += "\n" + st.bold() + "Powers of " + a.question.party + " to " + a.question.action +
               ":" + st.reset() + "\n";
        for (const auto& p : a.powers) {
            out += "  " + p.power.id + "  (" + location(p.power) + ")\n";
            out += "    " + p.why + "\n";
            // What opened it, day by day; --why-not shows the others' events.
            if (p.state == "open")
                for (const auto& e : p.events)
                    out += "    " + format_date(e.date) + "  " + e.text + "\n";
        }
    }
    if (!a.assumed.empty()) {
        out += "\n" + st.bold() + "Assumed from the rules:" + st.reset() + "\n";
        for (const auto& f : a.assumed) {
            std::string since = f.event.empty() ? "recorded as known" : "since " + f.event;
            if (!f.known_through.empty()) since += " through " + f.known_through;
            out += "  " + f.name + " = " + f.value + " (" + since + "; pass `given " + f.name +
                   "=...` to override)\n";
        }
    }
    return out;
}

} // namespace

std::string render_text(const Answer& a, const RenderOptions& options) {
    return answer_text(a, Style{options.colour}, on_day(a), "");
}

std::string render_period_text(const PeriodAnswer& p, const RenderOptions& options) {
    Style st{options.colour};
    std::string dates = span(p.period.from, p.period.until);
    if (p.parts.empty()) return "no answer over " + dates + "\n";
    const auto& first = p.parts.front();
    std::string when =
        " from " + format_date(p.period.from) + " until " + format_date(p.period.until);
    if (!p.varies) {
        std::string out =
            answer_text(first.answer, st, when, "  holds for the whole period " + dates + "\n");
        if (p.parts.size() > 1)
            out += "\n" + st.bold() + "Over the period:" + st.reset() +
                   " the same verdict, other clauses (the reasons above are those of " +
                   format_date(first.from) + ")\n" + part_lines(p, st);
        return out;
    }
    std::string out = st.verdict(VerdictKind::Depends) + "VARIES over " + dates + st.reset() +
                      ": " + std::to_string(p.parts.size()) + " parts\n";
    out += "  " + question_words(first.answer, when) + "\n";
    out += part_lines(p, st);
    out += "  (each part's full answer is `ask` on its first day)\n";
    return out;
}

} // namespace dealcheck
