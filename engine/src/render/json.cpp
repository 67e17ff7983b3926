// The answer as programs read it; the shape is documented in docs/json-output.md.
#include "dealcheck/render.hpp"
#include "util/json_writer.hpp"

namespace dealcheck {

namespace {

void clause(util::JsonWriter& w, const ClauseRef& c) {
    w.begin_object();
    w.key("id").value(c.id);
    w.key("title").value(c.title);
    w.key("effect").value(c.effect);
    w.key("tag").value(c.tag);
    w.key("agreement").value(c.agreement);
    w.key("quote").value(c.quote);
    w.key("cite").value(c.cite);
    w.key("file").value(c.where.file);
    w.key("line").value(c.where.line);
    w.end_object();
}

void strings(util::JsonWriter& w, const std::vector<std::string>& v) {
    w.begin_array();
    for (const auto& s : v)
        w.value(s);
    w.end_array();
}

// The clauses whose consequences follow an outcome, as `"consequences": [ids]`.
void clause_ids(util::JsonWriter& w, const std::vector<ConsequenceRef>& consequences) {
    w.key("consequences").begin_array();
    for (const auto& c : consequences)
        w.value(c.clause.id);
    w.end_array();
}

void condition(util::JsonWriter& w, const ConditionTrace& t) {
    w.begin_object();
    w.key("kind").value(t.kind);
    w.key("text").value(t.text);
    w.key("value").value(t.value);
    w.key("file").value(t.where.file);
    w.key("line").value(t.where.line);
    w.key("column").value(t.where.column);
    w.key("children").begin_array();
    for (const auto& c : t.children)
        condition(w, c);
    w.end_array();
    w.end_object();
}

} // namespace

namespace {

// A sum or count over the history: its total, the events it counted (the asked action
// first, then the latest HistoryCount::max_listed), and the comparison it is held to.
void history_count(util::JsonWriter& w, const HistoryCount& h) {
    w.begin_object();
    w.key("clause").value(h.clause);
    w.key("expression").value(h.expression);
    w.key("file").value(h.where.file);
    w.key("line").value(h.where.line);
    w.key("column").value(h.where.column);
    w.key("total").value(h.total);
    w.key("events").value(static_cast<long long>(h.events));
    w.key("counted").begin_array();
    for (const auto& item : h.counted) {
        w.begin_object();
        w.key("event").value(item.event);
        if (!item.where.file.empty()) {
            w.key("file").value(item.where.file);
            w.key("line").value(item.where.line);
        }
        w.key("value").value(item.value);
        w.end_object();
    }
    w.end_array();
    if (h.limit) {
        const auto& l = *h.limit;
        w.key("limit").begin_object();
        w.key("comparison").value(l.comparison);
        w.key("side").value(l.side);
        w.key("value").value(l.value);
        w.key("op").value(l.op);
        w.key("other").value(l.other);
        w.key("limit").value(l.limit);
        w.key("holds").value(l.holds);
        w.end_object();
    }
    w.end_object();
}

void answer(util::JsonWriter& w, const Answer& a) {
    w.begin_object();
    w.key("verdict").value(verdict_word(a.verdict));
    if (a.verdict == VerdictKind::NeedsConsent) {
        w.key("consent_of");
        strings(w, a.consent_of);
    }
    if (a.verdict == VerdictKind::NotCovered)
        w.key("default").value(verdict_word(a.default_verdict));
    w.key("question").begin_object();
    w.key("party").value(a.question.party);
    w.key("action").value(a.question.action);
    w.key("attributes").begin_object();
    for (const auto& [k, v] : a.question.attributes)
        w.key(k).value(v);
    w.end_object();
    w.key("facts").begin_object();
    for (const auto& [k, v] : a.question.facts)
        w.key(k).value(v);
    w.end_object();
    w.key("consents");
    strings(w, a.question.consents);
    w.end_object();
    w.key("date").value(format_date(a.date));
    w.key("date_is_today").value(a.date_is_today);
    w.key("agreements_in_force");
    strings(w, a.agreements_in_force);
    w.key("deciding").begin_array();
    for (const auto& c : a.deciding)
        clause(w, c);
    w.end_array();
    w.key("overridden").begin_array();
    for (const auto& o : a.overridden) {
        w.begin_object();
        w.key("clause");
        clause(w, o.clause);
        w.key("by").value(o.overridden_by);
        w.end_object();
    }
    w.end_array();
    w.key("conflicts").begin_array();
    for (const auto& c : a.conflicts) {
        w.begin_object();
        w.key("clauses");
        strings(w, c.clauses);
        w.key("resolution").value(c.resolution);
        w.end_object();
    }
    w.end_array();
    w.key("consequences").begin_array();
    for (const auto& c : a.consequences) {
        w.begin_object();
        w.key("kind").value(c.kind);
        w.key("party").value(c.party);
        w.key("text").value(c.text);
        w.key("until");
        if (c.until)
            w.value(format_date(*c.until));
        else
            w.null();
        w.key("until_events");
        strings(w, c.until_events);
        w.key("clause").value(c.clause.id);
        w.end_object();
    }
    w.end_array();
    w.key("depends_on").begin_array();
    for (const auto& d : a.depends_on) {
        w.begin_object();
        w.key("name").value(d.name);
        w.key("kind").value(d.is_attribute ? "attribute" : "fact");
        w.key("outcomes").begin_array();
        for (const auto& o : d.outcomes) {
            w.begin_object();
            w.key("value").value(o.value);
            w.key("verdict").value(verdict_word(o.verdict));
            if (o.verdict == VerdictKind::NeedsConsent) {
                w.key("consent_of");
                strings(w, o.consent_of);
            }
            clause_ids(w, o.consequences);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.key("outcomes").begin_array();
    for (const auto& o : a.outcomes) {
        w.begin_object();
        w.key("verdict").value(verdict_word(o.verdict));
        if (o.verdict == VerdictKind::NeedsConsent) {
            w.key("consent_of");
            strings(w, o.consent_of);
        }
        clause_ids(w, o.consequences);
        w.key("cases").begin_array();
        for (const auto& c : o.cases) {
            w.begin_object();
            for (const auto& [k, v] : c)
                w.key(k).value(v);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.key("every_outcome");
    if (a.every_outcome)
        w.value(verdict_word(*a.every_outcome));
    else
        w.null();
    w.key("readings").begin_array();
    for (const auto& r : a.readings) {
        w.begin_object();
        w.key("reading").value(r.reading);
        w.key("value").value(r.value);
        w.key("says").value(r.says);
        w.key("default").value(r.is_default);
        w.end_object();
    }
    w.end_array();
    w.key("other_readings").begin_array();
    for (const auto& o : a.other_readings) {
        w.begin_object();
        w.key("reading").value(o.reading);
        w.key("value").value(o.value);
        w.key("says").value(o.says);
        w.key("verdict").value(verdict_word(o.verdict));
        w.key("consent_of");
        strings(w, o.consent_of);
        w.key("deciding");
        strings(w, o.deciding);
        clause_ids(w, o.consequences);
        w.end_object();
    }
    w.end_array();
    if (a.explanation) {
        w.key("explanation").begin_object();
        w.key("terms");
        strings(w, a.explanation->terms);
        w.key("clauses").begin_array();
        for (const auto& t : a.explanation->clauses) {
            w.begin_object();
            w.key("clause");
            clause(w, t.clause);
            w.key("status").value(std::string(to_string(t.status)));
            w.key("detail").value(t.detail);
            if (!t.overridden_by.empty()) w.key("overridden_by").value(t.overridden_by);
            if (t.condition) {
                w.key("condition");
                condition(w, *t.condition);
            }
            if (t.failed) {
                w.key("failed");
                condition(w, *t.failed);
            }
            if (!t.history.empty()) {
                w.key("history").begin_array();
                for (const auto& h : t.history)
                    history_count(w, h);
                w.end_array();
            }
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    if (!a.what_if.empty()) {
        w.key("what_if").begin_array();
        for (const auto& x : a.what_if) {
            w.begin_object();
            w.key("kind").value(x.kind);
            w.key("name").value(x.name);
            w.key("value").value(x.value);
            w.key("change").value(x.change);
            w.key("verdict").value(verdict_word(x.verdict));
            w.key("consent_of");
            strings(w, x.consent_of);
            w.end_object();
        }
        w.end_array();
    }
    if (!a.history.empty()) {
        w.key("history").begin_array();
        for (const auto& h : a.history)
            history_count(w, h);
        w.end_array();
    }
    if (!a.owed.empty()) {
        w.key("owed").begin_array();
        for (const auto& o : a.owed) {
            w.begin_object();
            w.key("obligation").value(o.obligation);
            w.key("instance").value(o.instance);
            w.key("state").value(o.state);
            w.key("text").value(o.text);
            w.key("file").value(o.where.file);
            w.key("line").value(o.where.line);
            w.end_object();
        }
        w.end_array();
    }
    if (!a.powers.empty()) {
        w.key("powers").begin_array();
        for (const auto& p : a.powers) {
            w.begin_object();
            w.key("power");
            clause(w, p.power);
            w.key("state").value(p.state);
            if (p.since) w.key("since").value(format_date(*p.since));
            w.key("why").value(p.why);
            w.key("events").begin_array();
            for (const auto& e : p.events) {
                w.begin_object();
                w.key("date").value(format_date(e.date));
                w.key("text").value(e.text);
                w.key("file").value(e.where.file);
                w.key("line").value(e.where.line);
                w.end_object();
            }
            w.end_array();
            w.end_object();
        }
        w.end_array();
    }
    w.key("assumed").begin_array();
    for (const auto& f : a.assumed) {
        w.begin_object();
        w.key("name").value(f.name);
        w.key("value").value(f.value);
        if (f.known_through.empty())
            w.key("known_through").null();
        else
            w.key("known_through").value(f.known_through);
        if (!f.event.empty()) w.key("event").value(f.event);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

} // namespace

std::string render_json(const Answer& a) {
    util::JsonWriter w;
    answer(w, a);
    return w.str();
}

std::string render_period_json(const PeriodAnswer& p) {
    util::JsonWriter w;
    w.begin_object();
    w.key("period").begin_object();
    w.key("from").value(format_date(p.period.from));
    w.key("until").value(format_date(p.period.until));
    w.end_object();
    w.key("varies").value(p.varies);
    w.key("parts").begin_array();
    for (const auto& part : p.parts) {
        w.begin_object();
        w.key("from").value(format_date(part.from));
        w.key("until").value(format_date(part.until));
        w.key("changes");
        strings(w, part.changes);
        w.key("answer");
        answer(w, part.answer);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str();
}

} // namespace dealcheck
