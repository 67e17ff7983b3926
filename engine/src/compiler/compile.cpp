#include "compiler/compile.hpp"

#include "compiler/history_tables.hpp"
#include "util/inflect.hpp"

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

// The words that frame a question around its action, by where they stand. A
// vocabulary that uses one of these phrases itself keeps it (see build_lexicon).
struct FrameWords {
    Frame frame;
    std::vector<const char*> phrases;
};
static const std::vector<FrameWords>& frame_words() {
    static const std::vector<FrameWords> words = {
        {Frame::Opening,
         {"can", "may", "could", "might", "will", "would", "is", "was", "are", "were", "does",
          "did", "do"}},
        {Frame::OpeningFor,
         {"is it ok for", "is it okay for", "is it allowed for", "is it permitted for",
          "is it possible for", "is it fine for", "is it legal for", "was it ok for",
          "was it allowed for", "was it permitted for", "would it be ok for",
          "would it be allowed for", "will it be ok for", "will it be allowed for"}},
        {Frame::Permission,
         {"allowed to", "permitted to", "able to", "free to", "entitled to", "be allowed to",
          "be permitted to", "be able to", "be free to", "have the right to", "has the right to",
          "have a right to", "has a right to", "still have the right to"}},
        {Frame::Adverb, {"still", "ever", "also", "legally", "then"}},
        {Frame::Closing,
         {"allowed", "permitted", "ok", "okay", "- allowed", "- permitted", "- ok", "-- allowed",
          "-- permitted", "- is that allowed", "- is it allowed", "is that allowed",
          "is this allowed", "is that ok", "is that permitted"}},
    };
    return words;
}

// Words for question phrases, from the vocabulary. A phrase names one thing, except
// that a party or actor may share its name with an enum value ("Helios" the company and
// the cloud): the phrase reader tells them apart by position.
static void build_lexicon(CompiledDeal& d, Diagnostics& diags) {
    const auto& m = d.model;
    std::vector<syntax::LexiconEntry> entries;
    struct Owner {
        std::string name;
        SourceLocation where;
        WordKind kind;
    };
    std::map<std::string, Owner> owners;
    auto add = [&](std::string_view phrase, WordKind kind, std::uint32_t id,
                   const std::string& owner, const SourceLocation& where) {
        auto p = normalise_phrase(phrase);
        if (p.empty()) return;
        auto [it, fresh] = owners.emplace(p, Owner{owner, where, kind});
        if (!fresh) {
            if (it->second.name == owner) return;
            auto party_and_value = [&](WordKind a, WordKind b) {
                return a == WordKind::Party && b == WordKind::Value;
            };
            if (party_and_value(it->second.kind, kind) || party_and_value(kind, it->second.kind)) {
                entries.push_back({p, static_cast<std::uint32_t>(kind), id});
                return;
            }
            Diagnostic diag(DiagnosticCode::phrase_clash);
            diag.where = where;
            diag.message = "the phrase `" + p + "` names both " + it->second.name + " and " + owner;
            diag.hint = "questions could not tell them apart; change one of the aliases";
            diag.source_line = model::source_line(m, where.file, where.line);
            diags.add(std::move(diag));
            return;
        }
        entries.push_back({p, static_cast<std::uint32_t>(kind), id});
    };
    // Words the language adds (verb forms, possessives, frame words) give way to any
    // the vocabulary declares.
    auto add_derived = [&](std::string_view phrase, WordKind kind, std::uint32_t id,
                           const std::string& owner) {
        auto p = normalise_phrase(phrase);
        if (p.empty() || owners.count(p)) return;
        owners.emplace(p, Owner{owner, {}, kind});
        entries.push_back({p, static_cast<std::uint32_t>(kind), id});
    };
    for (std::uint32_t i = 0; i < m.parties.size(); ++i) {
        const auto& p = m.parties[i];
        std::string owner = (p.actor ? "actor `" : "party `") + p.id + "`";
        add(p.id, WordKind::Party, i, owner, p.where);
        add(p.name, WordKind::Party, i, owner, p.where);
        for (const auto& a : p.aliases)
            add(a, WordKind::Party, i, owner, p.where);
    }
    // A verb shared by several actions is one entry; the phrase reader picks the action
    // whose attributes fit the rest of the question.
    std::map<std::string, std::uint32_t> verb_ids;
    auto verb_id = [&](const std::string& phrase, std::uint32_t action) {
        auto [it, fresh] =
            verb_ids.emplace(phrase, static_cast<std::uint32_t>(d.verb_actions.size()));
        if (fresh) d.verb_actions.emplace_back();
        auto& actions = d.verb_actions[it->second];
        if (std::find(actions.begin(), actions.end(), action) == actions.end())
            actions.push_back(action);
        return it->second;
    };
    for (std::uint32_t i = 0; i < m.actions.size(); ++i)
        for (const auto& v : m.actions[i].verbs) {
            auto phrase = normalise_phrase(v);
            add(phrase, WordKind::Verb, verb_id(phrase, i), "a verb", m.actions[i].where);
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
    auto intern = [](std::vector<std::string>& list, const std::string& word) {
        auto at =
            static_cast<std::uint32_t>(std::find(list.begin(), list.end(), word) - list.begin());
        if (at == list.size()) list.push_back(word);
        return at;
    };
    std::vector<std::pair<std::string, std::string>> derived_flags; // form, declared phrase
    for (std::uint32_t i = 0; i < m.actions.size(); ++i) {
        const auto& action = m.actions[i];
        for (const auto& attr : action.attributes) {
            for (const auto& w : attr.words) {
                auto word = normalise_phrase(w);
                add(word, WordKind::Marker, intern(d.marker_words, word), "a marker word",
                    attr.where);
            }
            for (const auto& f : attr.phrases) {
                auto phrase = normalise_phrase(f);
                add(phrase, WordKind::Flag, intern(d.flag_phrases, phrase), "a flag phrase",
                    attr.where);
            }
            // "and withholds its IP" also reads "and withhold ..." after a modal.
            for (const auto& f : attr.phrases)
                if (auto phrase = normalise_phrase(f); phrase.starts_with("and ")) {
                    auto forms = util::verb_forms(phrase.substr(4));
                    for (const auto& form : {forms.base, forms.third_person, forms.ing})
                        derived_flags.emplace_back("and " + form, phrase);
                }
            for (const auto& u : attr.units) {
                auto unit = normalise_phrase(u);
                add(unit, WordKind::Unit, intern(d.unit_words, unit), "a unit", attr.where);
            }
        }
    }
    for (const auto& [form, declared] : derived_flags)
        add_derived(form, WordKind::Flag, intern(d.flag_phrases, declared), "a flag phrase");
    // A noun shared by several actions is one entry, like a verb.
    std::map<std::string, std::uint32_t> noun_ids;
    for (std::uint32_t i = 0; i < m.actions.size(); ++i)
        for (const auto& n : m.actions[i].nouns) {
            auto noun = normalise_phrase(n);
            auto [it, fresh] =
                noun_ids.emplace(noun, static_cast<std::uint32_t>(d.noun_actions.size()));
            if (fresh) d.noun_actions.emplace_back();
            auto& actions = d.noun_actions[it->second];
            if (std::find(actions.begin(), actions.end(), i) == actions.end()) actions.push_back(i);
            add(noun, WordKind::Noun, it->second, "a noun", m.actions[i].where);
        }
    // After every declared word, so that a declared word always wins: every form of
    // every verb, and, for a verb phrase, the same with an article or a
    // possessive after its verb: "attend OpenAI's board meetings" for "attends board
    // meetings".
    std::vector<std::string> inserts = {"the", "its", "their"};
    for (const auto& p : m.parties) {
        inserts.push_back(normalise_phrase(p.name + "'s"));
        for (const auto& a : p.aliases)
            inserts.push_back(normalise_phrase(a + "'s"));
    }
    std::vector<std::pair<std::string, std::uint32_t>> derived_verbs;
    for (std::uint32_t i = 0; i < m.actions.size(); ++i)
        for (const auto& v : m.actions[i].verbs) {
            auto declared = normalise_phrase(v);
            auto forms = util::verb_forms(declared);
            for (const auto& form : {declared, forms.base, forms.third_person, forms.ing}) {
                if (!owners.count(form)) derived_verbs.emplace_back(form, i);
                // Before each later word ("sit in on OpenAI's board meetings"), unless
                // an article or a possessive already stands there.
                for (auto space = form.find(' '); space != std::string::npos;
                     space = form.find(' ', space + 1)) {
                    auto next = form.substr(space + 1, form.find(' ', space + 1) - space - 1);
                    if (std::find(inserts.begin(), inserts.end(), next) != inserts.end()) continue;
                    for (const auto& insert : inserts) {
                        auto variant = form.substr(0, space) + " " + insert + form.substr(space);
                        if (!owners.count(variant)) derived_verbs.emplace_back(variant, i);
                    }
                }
            }
        }
    for (const auto& [form, action] : derived_verbs) {
        auto id = verb_id(form, action);
        add_derived(form, WordKind::Verb, id, "a verb");
    }
    // Articles read naturally and mean nothing; frame words shape the question.
    for (const char* filler : {"a", "an", "the", "its", "their"})
        add_derived(filler, WordKind::Filler, 0, "an article");
    // "Is it OK for X to ...": `to` before the verb, though no attribute declares it.
    add_derived("to", WordKind::Marker, intern(d.marker_words, "to"), "a marker word");
    for (const auto& group : frame_words())
        for (const char* phrase : group.phrases)
            add_derived(phrase, WordKind::Frame, static_cast<std::uint32_t>(group.frame),
                        "a question word");
    for (std::uint32_t i = 0; i < m.parties.size(); ++i) {
        const auto& p = m.parties[i];
        for (const auto* name : {&p.id, &p.name})
            add_derived(*name + "'s", WordKind::Possessive, i, "a possessive");
        for (const auto& a : p.aliases)
            add_derived(a + "'s", WordKind::Possessive, i, "a possessive");
    }
    d.lexicon = std::make_unique<syntax::Lexicon>(std::move(entries));
}

std::unique_ptr<CompiledDeal> compile(model::Deal deal, checker::CheckedDeal checked,
                                      Diagnostics& diags) {
    auto d = std::make_unique<CompiledDeal>();
    d->model = std::move(deal);
    // Which keys each clause wrote, and where, served the checker (`amends`, where to
    // report); no answer reads them and an image does not keep them: a loaded clause
    // does not either.
    for (auto& c : d->model.clauses) {
        c.keys = {};
        c.key_where = {};
    }
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
    build_history(*d);
    d->lifecycle = lifecycle(d->model);
    d->power_open = open_spans(d->model, d->lifecycle);
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
