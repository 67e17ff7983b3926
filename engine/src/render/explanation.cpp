// Explanations as text: why not, the full justification, and what would change.
#include "dealcheck/render.hpp"
#include "render/history_count.hpp"

namespace dealcheck {

namespace {

std::string bold(const RenderOptions& o, const std::string& s) {
    return o.colour ? "\033[1m" + s + "\033[0m" : s;
}

std::string at(const SourceLocation& w) {
    return w.file + ":" + std::to_string(w.line) + (w.column ? ":" + std::to_string(w.column) : "");
}

bool not_in_force(const ClauseTrace& t) {
    return t.status == ClauseTrace::Status::NotYetInForce ||
           t.status == ClauseTrace::Status::Displaced;
}

// A node's value, unless the node is a constant that says it already.
bool worth_showing(const ConditionTrace& t) {
    return !(t.kind == "value" && t.text == t.value);
}

void tree(std::string& out, const ConditionTrace& t, int depth, int max_depth) {
    if (!worth_showing(t)) return;
    out += std::string(static_cast<std::size_t>(6 + 2 * depth), ' ') + t.text + "  = " + t.value;
    if (t.kind == "definition") out += "  (definition, " + at(t.where) + ")";
    out += "\n";
    if (depth + 1 >= max_depth) return;
    for (const auto& c : t.children)
        tree(out, c, depth + 1, max_depth);
}

} // namespace

std::string render_why_not(const Answer& a, const RenderOptions& o) {
    if (!a.explanation) return {};
    std::string out = "\n" + bold(o, "Why not:") + "\n";
    std::size_t pruned = 0, listed = 0;
    for (const auto& t : a.explanation->clauses) {
        if (t.status == ClauseTrace::Status::Applies) continue;
        if (not_in_force(t)) {
            ++pruned;
            continue;
        }
        ++listed;
        out += "  " + t.clause.id + " [" + t.clause.effect + "]  " +
               std::string(to_string(t.status)) + ": " + t.detail + "\n";
        if (t.failed) {
            out += "      at " + at(t.failed->where) + "\n";
            tree(out, *t.failed, 0, 2);
        }
        // What a sum or count in the failed part took from the history: which events
        // used up the cap.
        for (const auto& h : t.history)
            out += "      counted: " + h.expression + " = " + h.total + "\n" +
                   rendering::counted_lines(h, "        ");
    }
    // A power that is not open does not apply: why, and the events of the history that
    // made it so.
    for (const auto& p : a.powers) {
        if (p.state == "open") continue;
        ++listed;
        out += "  " + p.power.id + " [power]  " + p.why + "\n";
        for (const auto& e : p.events)
            out += "      " + format_date(e.date) + "  " + e.text + "\n";
    }
    if (listed == 0) out += "  every clause of this action that is in force applied\n";
    if (pruned > 0)
        out += "  (" + std::to_string(pruned) + " more " +
               (pruned == 1 ? "clause was" : "clauses were") + " not in force on " +
               format_date(a.date) + "; --explain lists them)\n";
    return out;
}

std::string render_explanation(const Answer& a, const RenderOptions& o) {
    if (!a.explanation) return {};
    std::string out = "\n" + bold(o, "Terms in force on " + format_date(a.date) + ":") + "\n";
    for (const auto& t : a.explanation->terms)
        out += "  " + t + "\n";
    out += "\n" +
           bold(o, "Clauses considered (" + a.question.action + " by " + a.question.party + "):") +
           "\n";
    for (const auto& t : a.explanation->clauses) {
        out += "  [" + std::string(to_string(t.status)) + "] " + t.clause.id + " (" +
               t.clause.effect + ", " + t.clause.tag + ")  " + at(t.clause.where) + "\n";
        out += "      " + t.detail + "\n";
        if (t.condition && !not_in_force(t)) tree(out, *t.condition, 0, 8);
    }
    return out;
}

std::string render_what_if(const Answer& a, const RenderOptions& o) {
    std::string out = "\n" + bold(o, "What would change it:") + "\n";
    if (a.what_if.empty())
        out += "  no single change to a fact, reading, attribute, consent or date flips it\n";
    // Values of one attribute or fact giving the same verdict read as one line.
    for (std::size_t i = 0; i < a.what_if.size();) {
        const auto& w = a.what_if[i];
        std::string v(to_string(w.verdict));
        if (w.verdict == VerdictKind::NotCovered)
            v += " (default: " + std::string(to_string(a.default_verdict)) + ")";
        if (w.verdict == VerdictKind::NeedsConsent) {
            v += " of";
            for (const auto& p : w.consent_of)
                v += " " + p;
        }
        std::size_t j = i + 1;
        std::vector<std::string> values{w.value};
        while (!w.name.empty() && j < a.what_if.size() && a.what_if[j].name == w.name &&
               a.what_if[j].kind == w.kind && a.what_if[j].verdict == w.verdict &&
               a.what_if[j].consent_of == w.consent_of)
            values.push_back(a.what_if[j++].value);
        std::string change = w.change;
        if (values.size() > 1) {
            change = w.name + " is ";
            for (std::size_t k = 0; k < values.size(); ++k)
                change += (k == 0 ? "" : k + 1 == values.size() ? " or " : ", ") + values[k];
        }
        out += "  " + v + " if " + change + "\n";
        i = j;
    }
    return out;
}

} // namespace dealcheck
