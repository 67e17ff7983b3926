// An agreement's `obligations:` and `powers:` entries, read as text; the checker
// resolves their names and types their amounts, triggers and deadlines.
#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"

namespace dealcheck::loader {

namespace {

// The keys every obligation and power shares with a clause: what it is and where it
// comes from.
struct Provenance {
    std::string id, title, quote, cite;
    model::Tag tag = model::Tag::Official;
    SourceLocation where;
};

Provenance provenance(MapReader& m, ScalarReader& sr) {
    Provenance p;
    p.where = m.where();
    if (auto n = m.require("id"); n.defined()) {
        p.id = sr.identifier(n, "the id").value_or("");
        p.where = sr.at(n);
    }
    if (auto n = m.require("title"); n.defined()) p.title = sr.text(n, "the title").value_or("");
    if (auto n = m.require("quote"); n.defined()) p.quote = sr.text(n, "the quote").value_or("");
    if (auto n = m.require("cite"); n.defined()) p.cite = sr.text(n, "the citation").value_or("");
    if (auto n = m.require("tag"); n.defined()) {
        auto s = sr.text(n, "the tag");
        if (s == "official")
            p.tag = model::Tag::Official;
        else if (s == "reported")
            p.tag = model::Tag::Reported;
        else if (s == "unverified")
            p.tag = model::Tag::Unverified;
        else if (s)
            sr.error(DiagnosticCode::unknown_keyword, n, "unknown tag `" + *s + "`",
                     "a tag is `official`, `reported` or `unverified`");
    }
    return p;
}

template <class Item> void apply(const Provenance& p, Item& item) {
    item.id = p.id;
    item.title = p.title;
    item.quote = p.quote;
    item.cite = p.cite;
    item.tag = p.tag;
    item.where = p.where;
}

model::Trigger trigger(Context& ctx, std::uint32_t file, ScalarReader& sr, const yaml::Node& n) {
    model::Trigger t;
    t.where = sr.at(n);
    if (n.is_scalar()) {
        t.kind = model::Trigger::Kind::Date;
        t.text = sr.text(n, "the trigger").value_or("");
        return t;
    }
    MapReader m(ctx, file, n, "a trigger", {"party", "action", "violated", "fulfilled"});
    if (!m.is_map()) return t;
    auto action = m.get("action"), violated = m.get("violated"), fulfilled = m.get("fulfilled");
    int forms = action.defined() + violated.defined() + fulfilled.defined();
    if (forms != 1) {
        sr.error(DiagnosticCode::invalid_trigger, n,
                 "a trigger is one of a date, an event, a violation or a fulfilment",
                 "write `trigger: 2026-01-15`, `trigger: {party: seller, action: deliver}`, "
                 "`trigger: {violated: pay-price}` or `trigger: {fulfilled: deposit}`");
        return t;
    }
    if (action.defined()) {
        t.kind = model::Trigger::Kind::Event;
        t.action_id = sr.identifier(action, "the action kind").value_or("");
        t.action_where = sr.at(action);
        if (auto p = m.require("party"); p.defined()) {
            t.party_id = sr.identifier(p, "the party").value_or("");
            t.party_where = sr.at(p);
        }
        return t;
    }
    if (auto p = m.get("party"); p.defined())
        sr.error(DiagnosticCode::invalid_trigger, p,
                 "a violation or fulfilment trigger names no party",
                 "the obligation it names says whose it is");
    const auto& which = violated.defined() ? violated : fulfilled;
    t.kind = violated.defined() ? model::Trigger::Kind::Violated : model::Trigger::Kind::Fulfilled;
    t.obligation_id = sr.identifier(which, "the obligation id").value_or("");
    t.obligation_where = sr.at(which);
    return t;
}

} // namespace

void load_obligation(Context& ctx, std::uint32_t file, std::uint32_t agreement,
                     const yaml::Node& node) {
    ScalarReader sr(ctx, file);
    MapReader m(
        ctx, file, node, "an obligation",
        {"id", "title", "quote", "cite", "tag", "party", "to", "owes", "trigger", "deadline"});
    if (!m.is_map()) return;
    model::Obligation o;
    apply(provenance(m, sr), o);
    o.agreement = agreement;
    if (auto n = m.require("party"); n.defined()) {
        o.party_id = sr.identifier(n, "the party that owes").value_or("");
        o.party_where = sr.at(n);
    }
    if (auto n = m.require("to"); n.defined()) {
        o.creditor_id = sr.identifier(n, "the party owed").value_or("");
        o.creditor_where = sr.at(n);
    }
    if (auto n = m.require("owes"); n.defined()) {
        MapReader om(ctx, file, n, "what is owed", {"action", "amount"});
        if (om.is_map()) {
            if (auto a = om.require("action"); a.defined()) {
                o.action_id = sr.identifier(a, "the action kind owed").value_or("");
                o.action_where = sr.at(a);
            }
            if (auto a = om.get("amount"); a.defined()) {
                o.amount_text = sr.text(a, "the amount owed").value_or("");
                o.amount_where = sr.at(a);
            }
        }
    }
    if (auto n = m.require("trigger"); n.defined()) o.trigger = trigger(ctx, file, sr, n);
    if (auto n = m.get("deadline"); n.defined())
        if (auto src = sr.expression(n, "the deadline")) o.deadline.source = std::move(*src);
    ctx.deal().obligations.push_back(std::move(o));
}

void load_power(Context& ctx, std::uint32_t file, std::uint32_t agreement, const yaml::Node& node) {
    ScalarReader sr(ctx, file);
    MapReader m(ctx, file, node, "a power",
                {"id", "title", "quote", "cite", "tag", "party", "action", "opened_by", "effect",
                 "obligations"});
    if (!m.is_map()) return;
    model::Power p;
    apply(provenance(m, sr), p);
    p.agreement = agreement;
    if (auto n = m.require("party"); n.defined()) {
        p.party_id = sr.identifier(n, "the party that holds the power").value_or("");
        p.party_where = sr.at(n);
    }
    if (auto n = m.require("action"); n.defined()) {
        p.action_id = sr.identifier(n, "the action that exercises it").value_or("");
        p.action_where = sr.at(n);
    }
    if (auto n = m.require("opened_by"); n.defined()) {
        MapReader om(ctx, file, n, "what opens a power", {"violated", "exercised"});
        if (om.is_map()) {
            auto violated = om.get("violated"), exercised = om.get("exercised");
            if (violated.defined() == exercised.defined())
                sr.error(DiagnosticCode::invalid_power, n,
                         "a power is opened by one violation or one exercised power",
                         "write `opened_by: {violated: pay-price}` or `opened_by: {exercised: "
                         "suspend-delivery}`");
            else {
                const auto& which = violated.defined() ? violated : exercised;
                p.opening = violated.defined() ? model::Power::Opening::Violated
                                               : model::Power::Opening::Exercised;
                p.opened_by_id = sr.identifier(which, "the id").value_or("");
                p.opened_by_where = sr.at(which);
            }
        }
    }
    if (auto n = m.require("effect"); n.defined()) {
        p.effect_where = sr.at(n);
        auto s = sr.text(n, "the effect");
        if (s == "suspend")
            p.effect = model::Power::Effect::Suspend;
        else if (s == "resume")
            p.effect = model::Power::Effect::Resume;
        else if (s == "terminate")
            p.effect = model::Power::Effect::Terminate;
        else if (s)
            sr.error(DiagnosticCode::unknown_keyword, n, "unknown power effect `" + *s + "`",
                     "a power's effect is `suspend`, `resume` or `terminate`");
    }
    if (auto n = m.get("obligations"); n.defined())
        p.target_ids = sr.identifier_list(n, "an obligation id", &p.target_where);
    ctx.deal().powers.push_back(std::move(p));
}

} // namespace dealcheck::loader
