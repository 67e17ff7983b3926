#include "question/vocabulary_listing.hpp"

#include "evaluator/authorizer.hpp"
#include "model/value_text.hpp"
#include "question/binder.hpp"
#include "question/phrase.hpp"
#include "util/inflect.hpp"

#include <algorithm>
#include <map>

namespace dealcheck::question {

namespace {

using model::TypeKind;

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

std::string verdict_text(model::DefaultVerdict v) {
    return v == model::DefaultVerdict::Permitted ? "permitted" : "forbidden";
}

std::vector<VocabularyValue> values_of(const model::Deal& m, const model::Type& t) {
    std::vector<VocabularyValue> out;
    if ((t.kind != TypeKind::Enum && t.kind != TypeKind::Set) || t.enum_index >= m.enums.size())
        return out;
    for (const auto& v : m.enums[t.enum_index].values)
        out.push_back({v.id, v.label, v.aliases});
    return out;
}

// One part of an example phrase: the text, and the attribute it sets (empty: none).
struct Part {
    std::string text, attribute;
};

class ExampleWriter {
  public:
    explicit ExampleWriter(const CompiledDeal& deal) : d_(deal), m_(deal.model) {
        // The deal as it stands: the latest agreement's effective date. Fixed by the
        // rules, so the examples and their verdicts do not change from day to day.
        date_ = make_date(2025, 1, 1).value_or(Date{});
        if (!m_.agreements.empty()) {
            date_ = m_.agreements.front().effective;
            for (const auto& a : m_.agreements)
                date_ = std::max(date_, a.effective);
        }
        // One pass over the clauses (a large deal has a million): for each action the
        // party its first clause binds, for each fact the first clause that reads it.
        for (const auto& e : d_.lexicon->entries())
            if (e.kind == static_cast<std::uint32_t>(WordKind::Verb))
                verb_ids_.emplace(e.phrase, e.id);
        actor_.assign(m_.actions.size(), 0);
        std::vector<bool> bound(m_.actions.size(), false);
        reader_.assign(m_.facts.size(), model::no_index);
        for (std::uint32_t c = 0; c < m_.clauses.size(); ++c) {
            const auto& clause = m_.clauses[c];
            if (clause.party != model::no_index)
                for (auto a : clause.actions)
                    if (a < bound.size() && !bound[a]) {
                        bound[a] = true;
                        actor_[a] = clause.party;
                    }
            for (auto f : d_.clauses[c].facts)
                if (f < reader_.size() && reader_[f] == model::no_index) reader_[f] = c;
        }
    }

    std::vector<VocabularyExample> examples() {
        std::vector<VocabularyExample> out;
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a)
            if (auto e = for_action(a, actor(a), "")) out.push_back(*e);
        // One question as people ask it: "Can PARTY VERB ... on DATE?", the verb in its
        // base form.
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a)
            if (auto e = for_action(a, actor(a), "", true)) {
                out.push_back(*e);
                break;
            }
        // A fact given, and a consent given, when the deal has them.
        for (const auto& f : m_.facts) {
            if (f.is_reading) continue;
            auto value = fact_value(f);
            if (value.empty()) continue;
            auto reader = reader_[static_cast<std::size_t>(&f - m_.facts.data())];
            if (reader == model::no_index) continue;
            const auto& clause = m_.clauses[reader];
            if (clause.actions.empty()) continue;
            auto party = clause.party != model::no_index ? clause.party : actor(clause.actions[0]);
            if (auto e = for_action(clause.actions[0], party, "given " + f.id + "=" + value)) {
                out.push_back(*e);
                break;
            }
        }
        for (const auto& c : m_.clauses) {
            if (c.effect != model::Effect::Consent || c.consent_of == model::no_index ||
                c.actions.empty())
                continue;
            auto party = c.party != model::no_index ? c.party : actor(c.actions[0]);
            if (auto e = for_action(c.actions[0], party,
                                    "with consent of " + party_word(c.consent_of))) {
                out.push_back(*e);
                break;
            }
        }
        return out;
    }

  private:
    const CompiledDeal& d_;
    const model::Deal& m_;
    Date date_{};
    std::vector<std::uint32_t> actor_;  // by action: the party of its first clause, else 0
    std::vector<std::uint32_t> reader_; // by fact: the first clause that reads it
    std::map<std::string, std::uint32_t> verb_ids_; // lexicon phrase -> verb id

    // The party the first clause about the action binds, else the first party.
    std::uint32_t actor(std::uint32_t action) const { return actor_[action]; }

    std::string party_word(std::uint32_t p) const {
        return m_.parties[p].name.empty() ? m_.parties[p].id : m_.parties[p].name;
    }

    std::string fact_value(const model::Fact& f) const {
        if (f.type.kind == TypeKind::Bool) return "true";
        if (f.type.kind == TypeKind::Enum && f.type.enum_index < m_.enums.size() &&
            !m_.enums[f.type.enum_index].values.empty())
            return m_.enums[f.type.enum_index].values.front().id;
        return {};
    }

    // The action's verbs, those naming it alone first.
    std::vector<std::string> verbs(std::uint32_t action) const {
        std::vector<std::string> alone, shared;
        for (const auto& v : m_.actions[action].verbs) {
            auto id = verb_ids_.find(lower(v));
            bool only = id != verb_ids_.end() && d_.verb_actions[id->second].size() == 1;
            (only ? alone : shared).push_back(v);
        }
        alone.insert(alone.end(), shared.begin(), shared.end());
        return alone;
    }

    std::string enum_word(const model::EnumValue& v, bool ids) const {
        if (ids) return v.id;
        if (!v.label.empty()) return v.label;
        if (!v.aliases.empty()) return v.aliases.front();
        return v.id;
    }

    static std::string marker(const model::Attribute& attr) {
        for (const auto& w : attr.words)
            if (!(attr.type.kind == TypeKind::Date && (lower(w) == "on" || lower(w) == "as of")))
                return w + " ";
        return "";
    }

    // A value of the attribute's type in the phrase's words; empty when a phrase
    // cannot say one (a bool without phrases).
    std::string value_words(const model::Attribute& attr, std::uint32_t party, bool ids) const {
        switch (attr.type.kind) {
        case TypeKind::Bool:
            return attr.phrases.empty() ? "" : attr.phrases.front();
        case TypeKind::Enum:
        case TypeKind::Set: {
            if (attr.type.enum_index >= m_.enums.size()) return "";
            const auto& values = m_.enums[attr.type.enum_index].values;
            if (values.empty()) return "";
            return marker(attr) + enum_word(values.front(), ids);
        }
        case TypeKind::Party: {
            std::uint32_t other = m_.parties.size() > 1 && party == 0 ? 1 : 0;
            return marker(attr) + (ids ? m_.parties[other].id : party_word(other));
        }
        case TypeKind::Money:
            return marker(attr) +
                   format_money(Money{100'000'000, attr.type.currency ? attr.type.currency
                                                                      : make_currency("USD")});
        case TypeKind::Number:
            if (attr.units.empty()) return marker(attr) + "10";
            return marker(attr) + "10" + (attr.units.front() == "%" ? "" : " ") +
                   attr.units.front();
        case TypeKind::Date:
            return marker(attr) + format_date(date_);
        case TypeKind::Duration:
            return marker(attr) + "1y";
        case TypeKind::String:
            return marker(attr) + "\"example\"";
        default:
            return "";
        }
    }

    // The phrase, parsed back and answered; nullopt unless it asks about `action` and
    // sets every attribute it means to.
    std::optional<VocabularyExample> try_phrase(std::uint32_t action,
                                                const std::vector<Part>& parts) const {
        std::string phrase;
        for (const auto& p : parts)
            phrase += (phrase.empty() ? "" : " ") + p.text;
        Diagnostics diags;
        auto q = parse_phrase(d_, phrase, diags);
        if (!q || q->action != m_.actions[action].id) return std::nullopt;
        for (const auto& p : parts)
            if (!p.attribute.empty() && !q->attributes.count(p.attribute)) return std::nullopt;
        auto bound = bind(d_, *q, date_, diags);
        if (!bound) return std::nullopt;
        auto answer = evaluator::answer(d_, bound->bound, bound->canonical);
        return VocabularyExample{phrase, m_.actions[action].id, answer.verdict};
    }

    // Party, verb, a value for each attribute (after its marker word), the date, then
    // `tail`; as a question, "Can" first, the verb's base form and "?" last. Falls back
    // to ids for values, other verbs, then fewer attributes.
    std::optional<VocabularyExample> for_action(std::uint32_t action, std::uint32_t party,
                                                const std::string& tail,
                                                bool question = false) const {
        if (m_.parties.empty()) return std::nullopt;
        const auto& kind = m_.actions[action];
        for (bool ids : {false, true})
            for (const auto& verb : verbs(action)) {
                std::vector<Part> attributes;
                for (const auto& attr : kind.attributes) {
                    auto words = value_words(attr, party, ids);
                    if (!words.empty()) attributes.push_back({words, attr.id});
                }
                for (std::size_t keep = attributes.size() + 1; keep-- > 0;) {
                    std::vector<Part> parts{{(question ? "Can " : "") + party_word(party), ""},
                                            {question ? util::verb_forms(verb).base : verb, ""}};
                    parts.insert(parts.end(), attributes.begin(),
                                 attributes.begin() + static_cast<std::ptrdiff_t>(keep));
                    parts.push_back({"on " + format_date(date_), ""});
                    if (!tail.empty()) parts.push_back({tail, ""});
                    if (question) parts.back().text += "?";
                    if (auto e = try_phrase(action, parts)) return e;
                }
            }
        return std::nullopt;
    }
};

} // namespace

Vocabulary vocabulary_listing(const CompiledDeal& deal) {
    const auto& m = deal.model;
    Vocabulary v;
    v.id = m.id;
    v.title = m.title;
    v.default_verdict = verdict_text(m.default_verdict);
    for (const auto& p : m.parties)
        (p.actor ? v.actors : v.parties).push_back({p.id, p.name, p.aliases});
    for (const auto& a : m.actions) {
        VocabularyAction action;
        action.id = a.id;
        action.description = a.description;
        action.verbs = a.verbs;
        action.nouns = a.nouns;
        if (a.default_verdict) action.default_verdict = verdict_text(*a.default_verdict);
        action.covered = a.covered;
        for (const auto& attr : a.attributes) {
            VocabularyAttribute out;
            out.id = attr.id;
            out.type = model::type_name(m, attr.type);
            out.description = attr.description;
            out.words = attr.words;
            out.phrases = attr.phrases;
            out.units = attr.units;
            if (attr.default_text) out.default_value = attr.default_text;
            out.values = values_of(m, attr.type);
            action.attributes.push_back(std::move(out));
        }
        v.actions.push_back(std::move(action));
    }
    for (const auto& f : m.facts) {
        if (f.is_reading) {
            VocabularyReading r;
            r.id = f.id;
            r.description = f.description;
            r.values = values_of(m, f.type);
            if (!f.known.empty()) r.default_value = f.known.front().text;
            v.readings.push_back(std::move(r));
            continue;
        }
        VocabularyFact out;
        out.id = f.id;
        out.type = model::type_name(m, f.type);
        out.description = f.description;
        out.values = values_of(m, f.type);
        for (const auto& k : f.known) {
            VocabularyKnown known{k.text, std::nullopt, std::nullopt};
            if (k.from != first_day) known.from = k.from;
            if (k.through != last_day) known.through = k.through;
            out.known.push_back(std::move(known));
        }
        v.facts.push_back(std::move(out));
    }
    v.examples = ExampleWriter(deal).examples();
    return v;
}

} // namespace dealcheck::question
