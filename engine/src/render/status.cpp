// `dealcheck status`: a deal's obligations and powers as of a date, as text and JSON.
#include "dealcheck/render.hpp"
#include "util/json_writer.hpp"

#include <algorithm>

namespace dealcheck {

namespace {

std::string located(const SourceLocation& where) {
    return where.file + ":" + std::to_string(where.line);
}

std::string owed_text(const ObligationStatus& o) {
    std::string s = o.debtor + " owes " + o.creditor + ": " + o.action;
    if (!o.owed.empty()) s += " " + o.owed + " (paid " + o.paid + ", open " + o.open + ")";
    return s;
}

std::string state_text(const ObligationStatus& o) {
    std::string s(to_string(o.state));
    if (o.suspended) s += ", suspended";
    if (o.late) s += " late";
    return s;
}

} // namespace

std::string render_status_text(const DealStatus& s, const RenderOptions& options) {
    auto paint = [&](ObligationState st, const std::string& text) {
        if (!options.colour) return text;
        const char* c = st == ObligationState::Violated    ? "\033[31m"
                        : st == ObligationState::Fulfilled ? "\033[32m"
                                                           : "\033[33m";
        return c + text + "\033[0m";
    };
    std::string out = s.deal + " as of " + format_date(s.as_of);
    if (s.terminated) out += ": terminated on " + format_date(*s.terminated);
    out += "\n";
    out += s.obligations.empty() ? "obligations: none triggered\n" : "obligations:\n";
    for (const auto& o : s.obligations) {
        out += "  " + o.id + " #" + std::to_string(o.instance) + "  " +
               paint(o.state, state_text(o)) + " since " + format_date(o.since) + "  (" +
               located(o.where) + ")\n";
        out += "    " + o.title + "; " + owed_text(o);
        if (o.deadline)
            out += "; due by " + format_date(*o.deadline);
        else if (o.open_ended)
            out += "; no deadline stated";
        out += "\n";
        for (const auto& step : o.steps)
            out += "    " + format_date(step.date) + "  " + step.text + "\n";
    }
    if (!s.powers.empty()) out += "powers:\n";
    for (const auto& p : s.powers) {
        out += "  " + p.id + "  " + std::string(to_string(p.state)) +
               (p.since ? " since " + format_date(*p.since) : "") + "  (" + located(p.where) +
               ")\n";
        out += "    " + p.title + "; " + p.holder + " may " + p.effect + " by `" + p.action + "`\n";
        for (const auto& step : p.steps)
            out += "    " + format_date(step.date) + "  " + step.text + "\n";
    }
    std::vector<const ObligationStatus*> ahead;
    for (const auto& o : s.obligations)
        if (o.state == ObligationState::Pending && o.deadline && *o.deadline >= s.as_of)
            ahead.push_back(&o);
    std::stable_sort(ahead.begin(), ahead.end(),
                     [](auto a, auto b) { return *a->deadline < *b->deadline; });
    if (!ahead.empty()) out += "deadlines ahead:\n";
    for (const auto* o : ahead)
        out += "  " + format_date(*o->deadline) + "  " + o->id + " #" +
               std::to_string(o->instance) + "  " + owed_text(*o) + "\n";
    return out;
}

std::string render_status_json(const DealStatus& s) {
    util::JsonWriter w;
    auto location = [&](const SourceLocation& where) {
        w.key("file").value(where.file);
        w.key("line").value(where.line);
    };
    auto steps = [&](const std::vector<StatusStep>& v) {
        w.key("steps").begin_array();
        for (const auto& step : v) {
            w.begin_object();
            w.key("date").value(format_date(step.date));
            w.key("text").value(step.text);
            location(step.where);
            w.end_object();
        }
        w.end_array();
    };
    w.begin_object();
    w.key("deal").value(s.deal);
    w.key("as_of").value(format_date(s.as_of));
    w.key("terminated");
    if (s.terminated)
        w.value(format_date(*s.terminated));
    else
        w.null();
    w.key("obligations").begin_array();
    for (const auto& o : s.obligations) {
        w.begin_object();
        w.key("id").value(o.id);
        w.key("instance").value(o.instance);
        w.key("title").value(o.title);
        w.key("tag").value(o.tag);
        location(o.where);
        w.key("debtor").value(o.debtor);
        w.key("creditor").value(o.creditor);
        w.key("action").value(o.action);
        w.key("state").value(to_string(o.state));
        w.key("suspended").value(o.suspended);
        w.key("late").value(o.late);
        w.key("triggered").value(format_date(o.triggered));
        w.key("since").value(format_date(o.since));
        w.key("deadline");
        if (o.deadline)
            w.value(format_date(*o.deadline));
        else
            w.null();
        w.key("open_ended").value(o.open_ended);
        if (!o.owed.empty()) {
            w.key("owed").value(o.owed);
            w.key("paid").value(o.paid);
            w.key("open").value(o.open);
        }
        steps(o.steps);
        w.end_object();
    }
    w.end_array();
    w.key("powers").begin_array();
    for (const auto& p : s.powers) {
        w.begin_object();
        w.key("id").value(p.id);
        w.key("title").value(p.title);
        w.key("tag").value(p.tag);
        location(p.where);
        w.key("holder").value(p.holder);
        w.key("action").value(p.action);
        w.key("effect").value(p.effect);
        w.key("state").value(to_string(p.state));
        w.key("since");
        if (p.since)
            w.value(format_date(*p.since));
        else
            w.null();
        steps(p.steps);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

} // namespace dealcheck
