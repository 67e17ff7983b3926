#include "evaluator/what_if.hpp"

#include "evaluator/timeline.hpp"
#include "model/value_text.hpp"

#include <algorithm>

namespace dealcheck::evaluator {

namespace {

std::vector<Value> domain(const CompiledDeal& deal, const model::Type& t) {
    std::vector<Value> out;
    const auto& m = deal.model;
    if (t.kind == model::TypeKind::Bool) out = {Value::boolean(true), Value::boolean(false)};
    if (t.kind == model::TypeKind::Enum)
        for (std::uint32_t v = 0; v < m.enums[t.enum_index].values.size(); ++v)
            out.push_back(Value::enumerated(t.enum_index, v));
    if (t.kind == model::TypeKind::Party)
        for (std::uint32_t p = 0; p < m.parties.size(); ++p)
            out.push_back(Value::party(p));
    return out;
}

std::vector<std::string> parties(const CompiledDeal& deal, std::uint64_t bits) {
    std::vector<std::string> out;
    for (std::size_t p = 0; p < deal.model.parties.size(); ++p)
        if ((bits >> p) & 1u) out.push_back(deal.model.parties[p].id);
    return out;
}

// Not covered with a permitting default permits all the same: not a change worth naming.
bool same_outcome(const Decision& a, const Decision& b) {
    auto effective = [](const Decision& d) {
        return d.verdict == VerdictKind::NotCovered ? d.default_verdict : d.verdict;
    };
    return effective(a) == effective(b) && a.consent_of == b.consent_of;
}

// The decision as the answer gives it. The fast path says DEPENDS whenever an unknown
// value is read; the answer only when the unknowns change the verdict.
Decision answered(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts) {
    Decision d = decide(deal, q, facts);
    if (d.verdict != VerdictKind::Depends) return d;
    auto a = answer(deal, q, Question{}, 0);
    d.verdict = a.verdict;
    d.consent_of = 0;
    for (std::size_t p = 0; p < deal.model.parties.size(); ++p)
        if (std::find(a.consent_of.begin(), a.consent_of.end(), deal.model.parties[p].id) !=
            a.consent_of.end())
            d.consent_of |= 1ull << p;
    return d;
}

} // namespace

std::vector<WhatIf> what_if(const CompiledDeal& deal, const BoundQuestion& q,
                            const Question& canonical) {
    const auto& m = deal.model;
    std::vector<WhatIf> out;
    std::vector<Value> facts(m.facts.size());
    resolve_facts(deal, q, facts);
    const Decision now = answered(deal, q, facts);

    // What the question's clauses read: only those values can change the verdict.
    std::vector<bool> fact_read(m.facts.size()), attribute_read(m.attributes.size());
    std::uint64_t consenting = 0;
    for (auto c : deal.candidates(q.action, q.party)) {
        for (auto f : deal.clauses[c].facts)
            fact_read[f] = true;
        for (auto a : deal.clauses[c].attributes)
            attribute_read[a] = true;
        if (m.clauses[c].effect == model::Effect::Consent)
            consenting |= 1ull << m.clauses[c].consent_of;
    }
    auto record = [&](std::string kind, std::string name, std::string value, std::string change,
                      const Decision& d, Question changed) {
        WhatIf w;
        w.kind = std::move(kind);
        w.name = std::move(name);
        w.value = std::move(value);
        w.change = std::move(change);
        w.verdict = d.verdict;
        w.consent_of = parties(deal, d.consent_of);
        w.question = std::move(changed);
        out.push_back(std::move(w));
    };

    for (std::uint32_t f = 0; f < m.facts.size(); ++f) {
        if (!fact_read[f]) continue;
        std::vector<Value> variant = facts;
        for (const auto& v : domain(deal, m.facts[f].type)) {
            if (facts[f] == v) continue;
            variant[f] = v;
            auto d = decide(deal, q, variant);
            if (same_outcome(d, now) || d.verdict == VerdictKind::Depends) continue;
            auto text = model::format_value(m, v, deal.strings);
            Question changed = canonical;
            changed.facts[m.facts[f].id] = text;
            record(m.facts[f].is_reading ? "reading" : "fact", m.facts[f].id, text,
                   m.facts[f].id + " = " + text, d, std::move(changed));
        }
    }
    const auto& action = m.actions[q.action];
    for (const auto& attr : action.attributes) {
        if (!attribute_read[attr.global]) continue;
        BoundQuestion variant = q;
        for (const auto& v : domain(deal, attr.type)) {
            if (q.attributes[attr.global] == v) continue;
            variant.attributes[attr.global] = v;
            auto d = decide(deal, variant, facts);
            if (same_outcome(d, now) || d.verdict == VerdictKind::Depends) continue;
            auto text = model::format_value(m, v, deal.strings);
            Question changed = canonical;
            changed.attributes[attr.id] = text;
            record("attribute", attr.id, text, attr.id + " = " + text, d, std::move(changed));
        }
    }
    if (now.verdict == VerdictKind::NeedsConsent) {
        BoundQuestion variant = q;
        variant.consents |= now.consent_of & consenting;
        auto d = answered(deal, variant, facts);
        if (!same_outcome(d, now)) {
            Question changed = canonical;
            for (const auto& p : parties(deal, now.consent_of))
                if (std::find(changed.consents.begin(), changed.consents.end(), p) ==
                    changed.consents.end())
                    changed.consents.push_back(p);
            std::string who;
            for (const auto& p : parties(deal, now.consent_of))
                who += (who.empty() ? "" : " and ") + p;
            record("consent", "", who, "with consent of " + who, d, std::move(changed));
        }
    }
    // The nearest dates, before and after, where the verdict differs.
    auto points = change_points(deal, q);
    auto at = [&](std::int32_t day) {
        BoundQuestion variant = q;
        variant.date = Date{day};
        std::vector<Value> f(m.facts.size());
        resolve_facts(deal, variant, f);
        return decide(deal, variant, f);
    };
    for (auto it = points.upper_bound(q.date.days); it != points.end(); ++it) {
        auto d = at(it->first);
        if (same_outcome(d, now)) continue;
        if (d.verdict != VerdictKind::Depends) {
            Question changed = canonical;
            changed.date = Date{it->first};
            record("date", "", format_date(Date{it->first}),
                   "on or after " + format_date(Date{it->first}), d, std::move(changed));
        }
        break;
    }
    for (auto it = std::make_reverse_iterator(points.upper_bound(q.date.days)); it != points.rend();
         ++it) {
        // The verdict holds from it->first; the day before that is the last day of what came
        // before.
        std::int32_t before = it->first - 1;
        auto d = at(before);
        if (same_outcome(d, now)) continue;
        if (d.verdict != VerdictKind::Depends) {
            Question changed = canonical;
            changed.date = Date{before};
            record("date", "", format_date(Date{before}),
                   "on or before " + format_date(Date{before}), d, std::move(changed));
        }
        break;
    }
    return out;
}

} // namespace dealcheck::evaluator
