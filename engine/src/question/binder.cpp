#include "question/binder.hpp"

#include "model/value_text.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>

namespace dealcheck::question {

static void error(Diagnostics& diags, DiagnosticCode code, std::string message,
                  std::string hint = {}) {
    Diagnostic d(code);
    d.where.file = "<question>";
    d.message = std::move(message);
    d.hint = std::move(hint);
    diags.add(std::move(d));
}

std::optional<Bound> bind(const CompiledDeal& deal, const Question& q, Date today,
                          Diagnostics& diags) {
    const auto& m = deal.model;
    Bound out;
    auto& b = out.bound;
    std::size_t errors_before = diags.error_count();

    auto party_ids = model::ids_of(m.parties);
    if (auto p = model::find_party(m, q.party)) {
        b.party = *p;
        out.canonical.party = m.parties[*p].id;
    } else {
        auto hint = util::did_you_mean(q.party, party_ids);
        error(diags, q.party.empty() ? DiagnosticCode::missing_part : DiagnosticCode::unknown_party,
              q.party.empty() ? "the question names no party" : "unknown party `" + q.party + "`",
              hint.empty() ? "the parties are " + util::one_of(party_ids) : hint);
    }

    auto action_ids = model::ids_of(m.actions);
    auto action = std::find_if(m.actions.begin(), m.actions.end(),
                               [&](const auto& a) { return a.id == q.action; });
    if (action == m.actions.end()) {
        auto hint = util::did_you_mean(q.action, action_ids);
        error(
            diags, q.action.empty() ? DiagnosticCode::missing_part : DiagnosticCode::unknown_action,
            q.action.empty() ? "the question names no action" : "unknown action `" + q.action + "`",
            hint.empty() ? "the actions are " + util::one_of(action_ids) : hint);
        return std::nullopt;
    }
    b.action = static_cast<std::uint32_t>(action - m.actions.begin());
    out.canonical.action = action->id;

    b.attributes.assign(m.attributes.size(), Value::unknown());
    for (const auto& [name, text] : q.attributes) {
        // `&name = name`: clang 14 (the fuzz build) cannot capture a structured binding.
        auto attr = std::find_if(action->attributes.begin(), action->attributes.end(),
                                 [&name = name](const auto& a) { return a.id == name; });
        if (attr == action->attributes.end()) {
            auto ids = model::ids_of(action->attributes);
            auto hint = util::did_you_mean(name, ids);
            error(diags, DiagnosticCode::unknown_attribute,
                  "action `" + action->id + "` has no attribute `" + name + "`",
                  hint.empty() ? (ids.empty() ? "it has no attributes"
                                              : "its attributes are " + util::one_of(ids))
                               : hint);
            continue;
        }
        if (text == "unknown") {
            out.canonical.attributes[name] = "unknown";
            continue;
        }
        auto v = model::parse_value(m, attr->type, text, deal.strings);
        if (!v.value) {
            error(diags, DiagnosticCode::wrong_value_type, "attribute `" + name + "`: " + v.error,
                  v.hint);
            continue;
        }
        b.attributes[attr->global] = *v.value;
        out.canonical.attributes[name] = attr->type.kind == model::TypeKind::String
                                             ? text
                                             : model::format_value(m, *v.value, deal.strings);
    }

    // Attributes the question leaves out take their declared default, shown in the answer.
    for (const auto& attr : action->attributes)
        if (attr.default_text && !q.attributes.count(attr.id)) {
            b.attributes[attr.global] = attr.default_value;
            out.canonical.attributes[attr.id] =
                model::format_value(m, attr.default_value, deal.strings);
        }

    b.facts.assign(m.facts.size(), Value::unknown());
    for (const auto& [name, text] : q.facts) {
        auto fact = std::find_if(m.facts.begin(), m.facts.end(),
                                 [&name = name](const auto& f) { return f.id == name; });
        if (fact == m.facts.end()) {
            auto ids = model::ids_of(m.facts);
            auto hint = util::did_you_mean(name, ids);
            error(diags, DiagnosticCode::unknown_fact, "unknown fact `" + name + "`",
                  hint.empty() ? (ids.empty() ? "the deal declares no facts"
                                              : "the facts are " + util::one_of(ids))
                               : hint);
            continue;
        }
        auto index = static_cast<std::size_t>(fact - m.facts.begin());
        out.canonical.facts[name] = text == "unknown" ? "unknown" : text;
        if (text == "unknown") {
            b.facts[index] = Value::stated_unknown();
            continue;
        }
        auto v = model::parse_value(m, fact->type, text, deal.strings);
        if (!v.value) {
            error(diags, DiagnosticCode::wrong_value_type, "fact `" + name + "`: " + v.error,
                  v.hint);
            continue;
        }
        b.facts[index] = *v.value;
        out.canonical.facts[name] = model::format_value(m, *v.value, deal.strings);
    }

    for (const auto& r : q.readings) {
        bool found = false;
        for (std::size_t f = 0; f < m.facts.size() && !found; ++f) {
            if (!m.facts[f].is_reading) continue;
            const auto& e = m.enums[m.facts[f].type.enum_index];
            for (std::uint32_t v = 0; v < e.values.size(); ++v)
                if (e.values[v].id == r) {
                    b.facts[f] = Value::enumerated(m.facts[f].type.enum_index, v);
                    out.canonical.facts[m.facts[f].id] = r;
                    found = true;
                }
        }
        if (!found) {
            std::vector<std::string> ids;
            for (const auto& f : m.facts)
                if (f.is_reading)
                    for (const auto& v : m.enums[f.type.enum_index].values)
                        ids.push_back(v.id);
            auto hint = util::did_you_mean(r, ids);
            error(diags, DiagnosticCode::unknown_reading, "unknown reading `" + r + "`",
                  hint.empty() ? (ids.empty() ? "the deal declares no readings"
                                              : "the readings are " + util::one_of(ids))
                               : hint);
        }
    }

    for (const auto& c : q.consents) {
        auto p = model::find_party(m, c);
        if (!p) {
            error(diags, DiagnosticCode::unknown_party, "unknown consenting party `" + c + "`",
                  util::did_you_mean(c, party_ids));
            continue;
        }
        b.consents |= 1ull << *p;
    }
    for (std::size_t p = 0; p < m.parties.size(); ++p)
        if ((b.consents >> p) & 1u) out.canonical.consents.push_back(m.parties[p].id);

    if (q.period && q.date)
        error(diags, DiagnosticCode::date_or_period,
              "the question gives both a date (" + format_date(*q.date) + ") and a period (" +
                  format_date(q.period->from) + " .. " + format_date(q.period->until) + ")",
              "drop the date to ask about every day of the period, or the period to ask "
              "about the one day");
    if (q.period && q.period->until < q.period->from)
        error(diags, DiagnosticCode::ends_before_start,
              "the period ends on " + format_date(q.period->until) + ", before it starts on " +
                  format_date(q.period->from),
              "give the first day of the period first: from " + format_date(q.period->until) +
                  " until " + format_date(q.period->from));
    b.date = q.date.value_or(today);
    b.date_is_today = !q.date.has_value();
    out.canonical.date = b.date;
    if (diags.error_count() > errors_before) return std::nullopt;
    return out;
}

} // namespace dealcheck::question
