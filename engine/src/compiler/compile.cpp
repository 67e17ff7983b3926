#include "compiler/compile.hpp"

#include <algorithm>
#include <map>

namespace dealcheck::compiler {

using model::no_index;

static void sort_unique(std::vector<std::uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

static std::string normalise_phrase(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    return out;
}

// Words for question phrases, from the vocabulary. A phrase must name one thing.
static void build_lexicon(CompiledDeal& d, Diagnostics& diags) {
    const auto& m = d.model;
    std::vector<syntax::LexiconEntry> entries;
    std::map<std::string, std::pair<std::string, SourceLocation>> owners;
    auto add = [&](std::string_view phrase, WordKind kind, std::uint32_t id,
                   const std::string& owner, const SourceLocation& where) {
        auto p = normalise_phrase(phrase);
        if (p.empty()) return;
        auto [it, fresh] = owners.emplace(p, std::pair{owner, where});
        if (!fresh) {
            if (it->second.first == owner) return;
            Diagnostic diag;
            diag.where = where;
            diag.message =
                "the phrase `" + p + "` names both " + it->second.first + " and " + owner;
            diag.hint = "questions could not tell them apart; change one of the aliases";
            diag.source_line = model::source_line(m, where.file, where.line);
            diags.add(std::move(diag));
            return;
        }
        entries.push_back({p, static_cast<std::uint32_t>(kind), id});
    };
    for (std::uint32_t i = 0; i < m.parties.size(); ++i) {
        const auto& p = m.parties[i];
        std::string owner = "party `" + p.id + "`";
        add(p.id, WordKind::Party, i, owner, p.where);
        add(p.name, WordKind::Party, i, owner, p.where);
        for (const auto& a : p.aliases)
            add(a, WordKind::Party, i, owner, p.where);
    }
    // A verb shared by several actions is one entry; the phrase reader picks the action
    // whose attributes fit the rest of the question.
    std::map<std::string, std::uint32_t> verb_ids;
    for (std::uint32_t i = 0; i < m.actions.size(); ++i)
        for (const auto& v : m.actions[i].verbs) {
            auto phrase = normalise_phrase(v);
            auto [it, fresh] =
                verb_ids.emplace(phrase, static_cast<std::uint32_t>(d.verb_actions.size()));
            if (fresh) d.verb_actions.emplace_back();
            auto& actions = d.verb_actions[it->second];
            if (std::find(actions.begin(), actions.end(), i) == actions.end()) actions.push_back(i);
            add(phrase, WordKind::Verb, it->second, "a verb", m.actions[i].where);
        }
    for (std::uint32_t e = 0; e < m.enums.size(); ++e)
        for (std::uint32_t v = 0; v < m.enums[e].values.size(); ++v) {
            const auto& val = m.enums[e].values[v];
            auto id = static_cast<std::uint32_t>(d.value_words.size());
            d.value_words.push_back({e, v});
            std::string owner = m.enums[e].id + " `" + val.id + "`";
            add(val.id, WordKind::Value, id, owner, val.where);
            if (!val.label.empty()) add(val.label, WordKind::Value, id, owner, val.where);
            for (const auto& a : val.aliases)
                add(a, WordKind::Value, id, owner, val.where);
        }
    for (const auto& action : m.actions)
        for (const auto& attr : action.attributes) {
            for (const auto& w : attr.words) {
                auto word = normalise_phrase(w);
                auto it = std::find(d.marker_words.begin(), d.marker_words.end(), word);
                auto id = static_cast<std::uint32_t>(it - d.marker_words.begin());
                if (it == d.marker_words.end()) d.marker_words.push_back(word);
                add(word, WordKind::Marker, id, "a marker word", attr.where);
            }
            for (const auto& f : attr.phrases) {
                auto phrase = normalise_phrase(f);
                auto it = std::find(d.flag_phrases.begin(), d.flag_phrases.end(), phrase);
                auto id = static_cast<std::uint32_t>(it - d.flag_phrases.begin());
                if (it == d.flag_phrases.end()) d.flag_phrases.push_back(phrase);
                add(phrase, WordKind::Flag, id, "a flag phrase", attr.where);
            }
        }
    // Articles read naturally and mean nothing.
    for (const char* filler : {"a", "an", "the", "its", "their"})
        if (!owners.count(filler))
            entries.push_back({filler, static_cast<std::uint32_t>(WordKind::Filler), 0});
    d.lexicon = std::make_unique<syntax::Lexicon>(std::move(entries));
}

std::unique_ptr<CompiledDeal> compile(model::Deal deal, checker::CheckedDeal checked,
                                      Diagnostics& diags) {
    auto d = std::make_unique<CompiledDeal>();
    d->model = std::move(deal);
    d->strings = std::move(checked.strings);
    const auto& m = d->model;
    d->clauses.resize(m.clauses.size());
    for (std::size_t i = 0; i < m.clauses.size(); ++i) {
        const auto& c = m.clauses[i];
        auto& code = d->clauses[i];
        if (i < checked.conditions.size() && checked.conditions[i])
            code.when = std::move(*checked.conditions[i]);
        code.in_force_from = c.in_force_from;
        code.from =
            c.window.from ? std::max(c.window.from->date, c.in_force_from) : c.in_force_from;
        for (const auto& u : c.window.until) {
            if (u.kind == model::Bound::Kind::Event)
                code.until_events.push_back(u.fact);
            else
                code.until = std::min(code.until, u.date);
        }
        if (c.superseded_from) code.superseded_from = *c.superseded_from;
        code.facts = code.when.facts;
        code.facts.insert(code.facts.end(), code.until_events.begin(), code.until_events.end());
        sort_unique(code.facts);
        code.attributes = code.when.attributes;
        if (c.consequence)
            for (const auto& u : c.consequence->until) {
                if (u.kind == model::Bound::Kind::Event)
                    code.consequence_events.push_back(u.fact);
                else
                    code.consequence_until = std::min(code.consequence_until, u.date);
            }
    }
    // An exception beats the clauses it names and, transitively, what they beat.
    // `seen[c] == i` marks what clause i already beats: linear in the closure's size.
    std::vector<std::uint32_t> seen(m.clauses.size(), no_index), work;
    for (std::uint32_t i = 0; i < m.clauses.size(); ++i) {
        work.assign(m.clauses[i].exception_to.begin(), m.clauses[i].exception_to.end());
        auto& beats = d->clauses[i].beats;
        seen[i] = i;
        while (!work.empty()) {
            auto next = work.back();
            work.pop_back();
            if (seen[next] == i) continue;
            seen[next] = i;
            beats.push_back(next);
            for (auto further : m.clauses[next].exception_to)
                work.push_back(further);
        }
        sort_unique(beats);
    }
    build_lexicon(*d, diags);
    d->build_index();
    d->decisions = build_decision_index(*d);
    return d;
}

} // namespace dealcheck::compiler

namespace dealcheck {

void CompiledDeal::build_index() {
    const std::size_t parties = model.parties.size();
    index_.assign(model.actions.size() * parties, {});
    for (std::uint32_t i = 0; i < model.clauses.size(); ++i) {
        const auto& c = model.clauses[i];
        for (auto a : c.actions)
            for (std::uint32_t p = 0; p < parties; ++p)
                if (c.party == model::no_index || c.party == p)
                    index_[a * parties + p].push_back(i);
    }
}

} // namespace dealcheck
