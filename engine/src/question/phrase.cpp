// Reads a phrase's items (syntax/grammar.cpp) as a question:
//
//   question := opening? actor permission* verb object* closing*
//
// The frame words (opening, permission, closing) carry no meaning beyond "is this
// permitted"; the actor, the verb and the objects make the Question. Every accepted
// phrase has one reading: where two would fit, the phrase is an error that shows
// both. docs/questions.md is the reference.
#include "question/phrase.hpp"

#include "model/value_text.hpp"
#include "util/fuzzy_match.hpp"
#include "util/inflect.hpp"

#include <algorithm>
#include <set>

namespace dealcheck::question {

using model::TypeKind;
using syntax::ItemKind;
using syntax::PhraseItem;
using syntax::When;

namespace {

// "openai acquire (target=windsurf) in 2027": a reading, for ambiguity errors.
std::string describe(const Question& q) {
    std::string out = q.party + " " + q.action;
    if (!q.attributes.empty()) {
        out += " (";
        bool first = true;
        for (const auto& [k, v] : q.attributes) {
            out += (first ? "" : ", ") + k + "=" + v;
            first = false;
        }
        out += ")";
    }
    if (q.date) out += " on " + format_date(*q.date);
    if (q.period)
        out += " from " + format_date(q.period->from) + " to " + format_date(q.period->until);
    return out;
}

bool is_year(const PhraseItem& it, std::string_view text) {
    return it.kind == ItemKind::Literal && it.literal.kind == syntax::LiteralKind::Number &&
           it.unit.empty() && text.size() == 4 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class PhraseReader {
  public:
    PhraseReader(const CompiledDeal& deal, std::string_view phrase, Diagnostics& diags)
        : deal_(deal), m_(deal.model), phrase_(phrase), diags_(diags) {}

    std::optional<Question> read() {
        auto parsed = deal_.lexicon->parse(phrase_);
        items_ = std::move(parsed.items);
        if (parsed.error) {
            unknown_word(*parsed.error);
            return std::nullopt;
        }
        std::size_t i = 0;
        bool opening_for = false;
        std::optional<std::size_t> opening;
        for (; i < items_.size(); ++i) {
            if (is_frame(items_[i], Frame::Opening) || is_frame(items_[i], Frame::OpeningFor)) {
                if (opening) return misplaced(i);
                opening = i;
                opening_for = is_frame(items_[i], Frame::OpeningFor);
            } else if (!is_word(items_[i], WordKind::Filler) &&
                       !is_frame(items_[i], Frame::Adverb)) {
                break;
            }
        }
        auto actor = i < items_.size() ? meaning(items_[i], WordKind::Party) : nullptr;
        if (!actor) {
            if (i < items_.size() && items_[i].kind == ItemKind::Word &&
                items_[i].entry->kind == static_cast<std::uint32_t>(WordKind::Frame))
                return misplaced(i);
            error(DiagnosticCode::missing_part, i < items_.size() ? items_[i] : end_item(),
                  "a question names the party that acts",
                  "for example `" + example() + "`; who may act: " + util::one_of(party_names()));
            return std::nullopt;
        }
        q_.party = m_.parties[actor->id].id;
        // Between the party and the verb: permission and adverbs, a modal if none
        // opened the question, "to" after one, and a time ("Can OpenAI now serve ...").
        for (++i; i < items_.size(); ++i) {
            const auto& it = items_[i];
            bool to = is_word(it, WordKind::Marker) && deal_.marker_words[it.entry->id] == "to";
            if (it.kind == ItemKind::When) {
                early_times_.push_back(i);
                continue;
            }
            if (is_frame(it, Frame::Opening) && !opening) { // "OpenAI can acquire ..."
                opening = i;
                continue;
            }
            if (!is_frame(it, Frame::Permission) && !is_frame(it, Frame::Adverb) &&
                !is_word(it, WordKind::Filler) && !(to && (opening_for || opening)))
                break;
        }
        auto verb = i < items_.size() ? meaning(items_[i], WordKind::Verb) : nullptr;
        if (!verb) {
            if (i < items_.size() && items_[i].kind == ItemKind::Word &&
                items_[i].entry->kind == static_cast<std::uint32_t>(WordKind::Frame))
                return misplaced(i);
            error(DiagnosticCode::missing_part, i < items_.size() ? items_[i] : end_item(),
                  "expected what " + q_.party + " does", "the verbs are " + util::one_of(verbs()));
            return std::nullopt;
        }
        // Each action the verb may name is read; exactly one must fit.
        std::vector<Question> readings;
        Diagnostics best;
        for (auto a : deal_.verb_actions[verb->id]) {
            Diagnostics local;
            if (auto q = read_action(a, i + 1, local))
                readings.push_back(std::move(*q));
            else if (best.items().empty() || local.error_count() < best.error_count())
                best = std::move(local);
        }
        if (readings.size() == 1) return readings[0];
        if (readings.size() > 1) {
            std::vector<std::string> shown;
            for (const auto& r : readings)
                shown.push_back(describe(r));
            error(DiagnosticCode::ambiguous_phrase, items_[i],
                  "`" + items_[i].entry->phrase + "` could mean " + util::one_of(shown),
                  "add what tells them apart, such as a value only one of them takes");
            return std::nullopt;
        }
        for (const auto& d : best.items())
            diags_.add(d);
        return std::nullopt;
    }

  private:
    const CompiledDeal& deal_;
    const model::Deal& m_;
    std::string_view phrase_;
    Diagnostics& diags_;
    Diagnostics* out_ = &diags_; // where item errors go: per candidate action
    std::vector<PhraseItem> items_;
    Question q_;
    std::uint32_t action_ = 0;
    std::optional<std::size_t> marker_; // index of a pending marker word item
    std::set<std::string> assigned_;
    bool has_time_ = false;
    std::vector<std::size_t> early_times_; // times between the party and the verb

    std::optional<Question> read_action(std::uint32_t action, std::size_t first,
                                        Diagnostics& diags) {
        Question saved = q_;
        action_ = action;
        q_.action = m_.actions[action].id;
        marker_.reset();
        assigned_.clear();
        has_time_ = false;
        out_ = &diags;
        for (auto i : early_times_)
            item(i);
        for (std::size_t i = first; i < items_.size();)
            i = item(i);
        if (marker_)
            error(DiagnosticCode::phrase_syntax, items_[*marker_],
                  "`" + items_[*marker_].entry->phrase + "` must be followed by a value");
        out_ = &diags_;
        Question result = q_;
        q_ = saved;
        if (diags.has_errors()) return std::nullopt;
        return result;
    }

    static bool is_word(const PhraseItem& it, WordKind k) {
        return it.kind == ItemKind::Word && it.entry &&
               it.entry->kind == static_cast<std::uint32_t>(k);
    }
    static bool is_frame(const PhraseItem& it, Frame f) {
        return is_word(it, WordKind::Frame) && it.entry->id == static_cast<std::uint32_t>(f);
    }
    // The item's meaning of kind `k`, if its phrase has one ("Helios" the party).
    const syntax::LexiconEntry* meaning(const PhraseItem& it, WordKind k) const {
        if (!it.entry) return nullptr;
        for (const auto& e : deal_.lexicon->meanings(it.entry))
            if (e.kind == static_cast<std::uint32_t>(k)) return &e;
        return nullptr;
    }
    PhraseItem end_item() const {
        PhraseItem e;
        e.offset = static_cast<std::uint32_t>(phrase_.size());
        return e;
    }
    std::vector<std::string> party_names() const {
        std::vector<std::string> out;
        for (const auto& p : m_.parties)
            out.push_back(p.name);
        return out;
    }
    std::string example() const {
        std::string party = m_.parties.empty() ? "Party" : m_.parties[0].name;
        std::string verb = "acts";
        if (!m_.actions.empty() && !m_.actions[0].verbs.empty())
            verb = util::verb_forms(m_.actions[0].verbs[0]).base;
        return "Can " + party + " " + verb + " ... on 2025-06-01?";
    }
    std::vector<std::string> verbs() const {
        std::vector<std::string> out;
        for (const auto& a : m_.actions)
            if (!a.verbs.empty()) out.push_back(a.verbs[0]);
        return out;
    }
    const model::ActionKind& action() const { return m_.actions[action_]; }

    void error(DiagnosticCode code, const PhraseItem& at, std::string message,
               std::string hint = {}) {
        Diagnostic d(code);
        d.where = {"<question>", 1, static_cast<int>(at.offset) + 1};
        d.source_line = std::string(phrase_);
        d.span = static_cast<int>(std::max<std::uint32_t>(1, at.length));
        d.message = std::move(message);
        d.hint = std::move(hint);
        out_->add(std::move(d));
    }

    std::optional<Question> misplaced(std::size_t i) {
        error(DiagnosticCode::phrase_syntax, items_[i],
              "`" + items_[i].entry->phrase + "` cannot come here",
              "ask as `" + example() + "`, `Is " +
                  (m_.parties.empty() ? std::string("Party") : m_.parties[0].name) +
                  " allowed to ...?` or state the action");
        return std::nullopt;
    }

    // What could stand where the unknown word is: the parties before the actor, the
    // verbs before the verb, then the words of the values the verb's actions take.
    // Articles and question words are never offered.
    std::vector<std::string> expected_words(std::string& what) const {
        bool has_party = false;
        std::vector<std::uint32_t> actions;
        for (const auto& it : items_) {
            if (meaning(it, WordKind::Party)) has_party = true;
            if (auto v = meaning(it, WordKind::Verb); v && has_party && actions.empty())
                actions = deal_.verb_actions[v->id];
        }
        std::vector<std::string> words;
        auto kind_of = [](const syntax::LexiconEntry& e) { return static_cast<WordKind>(e.kind); };
        if (!has_party) {
            what = "who may act: " + util::one_of(party_names());
            for (const auto& e : deal_.lexicon->entries())
                if (kind_of(e) == WordKind::Party ||
                    (kind_of(e) == WordKind::Frame &&
                     e.id <= static_cast<std::uint32_t>(Frame::OpeningFor)))
                    words.push_back(e.phrase);
            return words;
        }
        if (actions.empty()) {
            what = "the verbs are " + util::one_of(verbs());
            for (const auto& e : deal_.lexicon->entries())
                if (kind_of(e) == WordKind::Verb) words.push_back(e.phrase);
            return words;
        }
        std::set<std::uint32_t> enums;
        bool parties = false;
        std::vector<std::string> attrs;
        for (auto a : actions)
            for (const auto& attr : m_.actions[a].attributes) {
                attrs.push_back(attr.id + " (" + model::type_name(m_, attr.type) +
                                (attr.words.empty() ? "" : ", after `" + attr.words[0] + "`") +
                                ")");
                if (attr.type.kind == TypeKind::Enum || attr.type.kind == TypeKind::Set)
                    enums.insert(attr.type.enum_index);
                parties = parties || attr.type.kind == TypeKind::Party;
            }
        std::string list;
        for (std::size_t k = 0; k < attrs.size(); ++k)
            list += (k == 0 ? "" : k + 1 == attrs.size() ? " and " : ", ") + attrs[k];
        what =
            "`" + m_.actions[actions[0]].id + "` takes " + (attrs.empty() ? "no attributes" : list);
        for (const auto& e : deal_.lexicon->entries()) {
            auto k = kind_of(e);
            bool value = k == WordKind::Value && enums.count(deal_.value_words[e.id].enum_index);
            if (value || (parties && k == WordKind::Party) || k == WordKind::Flag ||
                k == WordKind::Noun || k == WordKind::Unit ||
                (k == WordKind::Marker && e.phrase.size() > 3))
                words.push_back(e.phrase);
        }
        return words;
    }

    void unknown_word(const syntax::PhraseError& err) {
        PhraseItem at;
        at.offset = err.offset;
        at.length = err.length;
        if (err.word.empty()) return error(err.code, at, err.message, err.hint);
        std::string what;
        auto words = expected_words(what);
        auto hint = util::did_you_mean(err.word, words);
        if (hint.empty()) {
            // Not near anything expected here: perhaps a word of another place.
            std::vector<std::string> all;
            for (const auto& e : deal_.lexicon->entries())
                if (e.kind != static_cast<std::uint32_t>(WordKind::Filler) &&
                    e.kind != static_cast<std::uint32_t>(WordKind::Frame) && e.phrase.size() > 3)
                    all.push_back(e.phrase);
            hint = util::did_you_mean(err.word, all);
        }
        error(err.code, at, err.message, hint.empty() ? what : hint);
    }

    // Attributes of the action that a value of type `t` can fill, preferring those the
    // pending marker word introduces.
    std::vector<const model::Attribute*> slots_for(const model::Type& t,
                                                   std::string_view unit = {}) const {
        std::vector<const model::Attribute*> out;
        auto fits = [&](const model::Attribute& a) {
            if (a.type.kind == t.kind) {
                if (t.kind == TypeKind::Enum) return a.type.enum_index == t.enum_index;
                return true;
            }
            return a.type.kind == TypeKind::Set && t.kind == TypeKind::Enum &&
                   a.type.enum_index == t.enum_index;
        };
        for (const auto& a : action().attributes) {
            if (!fits(a)) continue;
            if (!has_unit(a, unit)) continue;
            if (marker_) {
                const auto& word = deal_.marker_words[items_[*marker_].entry->id];
                if (std::find(a.words.begin(), a.words.end(), word) == a.words.end()) continue;
            }
            out.push_back(&a);
        }
        if (out.size() > 1 && !marker_) {
            // Without a marker, prefer attributes that take no marker word.
            std::vector<const model::Attribute*> bare;
            for (auto* a : out)
                if (a->words.empty()) bare.push_back(a);
            if (bare.size() == 1) return bare;
        }
        return out;
    }

    // Whether a number in `unit` may fill the attribute (any attribute, without a unit).
    static bool has_unit(const model::Attribute& a, std::string_view unit) {
        return unit.empty() || std::any_of(a.units.begin(), a.units.end(), [&](const auto& u) {
                   return util::edit_distance(u, unit) == 0;
               });
    }

    // The other actions with an attribute of type `t`: a hint for a value in the
    // wrong question.
    std::string actions_taking(const model::Type& t, std::string_view unit) const {
        std::vector<std::string> names;
        for (const auto& a : m_.actions)
            for (const auto& attr : a.attributes)
                if (&a != &action() && attr.type.kind == t.kind &&
                    (t.kind != TypeKind::Enum || attr.type.enum_index == t.enum_index) &&
                    (t.kind != TypeKind::Money || attr.type.currency == t.currency) &&
                    has_unit(attr, unit)) {
                    names.push_back(a.id);
                    break;
                }
        return names.empty() ? "" : "; it fits " + util::one_of(names);
    }

    void fill(const PhraseItem& at, const model::Type& t, const std::string& shown,
              std::string_view unit = {}) {
        auto slots = slots_for(t, unit);
        std::string type_name = model::type_name(m_, t);
        if (slots.empty()) {
            std::string what = marker_ ? "`" + std::string(items_[*marker_].entry->phrase) + " " +
                                             shown + (unit.empty() || unit == "%" ? "" : " ") +
                                             std::string(unit) + "`"
                                       : "`" + shown + "` (" + type_name +
                                             (unit.empty() ? "" : " in ") + std::string(unit) + ")";
            std::vector<std::string> attrs;
            for (const auto& a : action().attributes)
                attrs.push_back(a.id + ": " + model::type_name(m_, a.type));
            error(DiagnosticCode::does_not_fit_action, at,
                  what + " does not fit action `" + action().id + "`",
                  (attrs.empty() ? "it takes no attributes"
                                 : "its attributes are " + util::all_of(attrs)) +
                      actions_taking(t, unit));
            marker_.reset();
            return;
        }
        if (slots.size() > 1) {
            std::vector<std::string> names;
            for (auto* s : slots)
                names.push_back(s->id + (s->words.empty() ? "" : " (after `" + s->words[0] + "`)"));
            error(DiagnosticCode::ambiguous_phrase, at,
                  "`" + shown + "` could be " + util::one_of(names),
                  "say which with its marker word");
            marker_.reset();
            return;
        }
        const auto* slot = slots[0];
        marker_.reset();
        if (t.kind == TypeKind::Money && slot->type.currency && t.currency != slot->type.currency) {
            error(DiagnosticCode::wrong_value_type, at,
                  "`" + shown + "` is in " + format_currency(t.currency) + ", but `" + slot->id +
                      "` is in " + format_currency(slot->type.currency),
                  "dealcheck never converts currencies; give the amount in " +
                      format_currency(slot->type.currency));
            return;
        }
        if (slot->type.kind == TypeKind::Set) {
            auto& text = q_.attributes[slot->id];
            text += (text.empty() ? "" : ", ") + shown;
            return;
        }
        if (assigned_.count(slot->id)) {
            error(DiagnosticCode::given_twice, at, "`" + slot->id + "` is given twice",
                  "a question gives each attribute once");
            return;
        }
        assigned_.insert(slot->id);
        q_.attributes[slot->id] = shown;
    }

    std::string literal_text(const PhraseItem& it) const {
        return std::string(phrase_.substr(it.offset, it.length));
    }

    // Reads item i (and a unit after a number); returns the index of the next item.
    std::size_t item(std::size_t i) {
        const PhraseItem& it = items_[i];
        if (marker_ && it.kind != ItemKind::Word && it.kind != ItemKind::Literal &&
            !(it.kind == ItemKind::When && !it.when.introduced)) {
            error(DiagnosticCode::phrase_syntax, items_[*marker_],
                  "`" + items_[*marker_].entry->phrase + "` must be followed by a value");
            marker_.reset();
        }
        switch (it.kind) {
        case ItemKind::When:
            if (!it.when.introduced && it.when.kind == When::Kind::Day) {
                day(it, it.when.from);
                return i + 1;
            }
            set_time(it);
            return i + 1;
        case ItemKind::Given:
            q_.facts[it.name] = it.given == PhraseItem::GivenValue::Unknown ? "unknown"
                                : it.given == PhraseItem::GivenValue::Ident ? it.ident
                                                                            : given_text(it);
            return i + 1;
        case ItemKind::Consent: {
            auto party = meaning(it, WordKind::Party);
            if (!party) party = meaning(it, WordKind::Possessive);
            if (!party) {
                error(DiagnosticCode::unknown_party, it,
                      "`" + std::string(it.entry ? it.entry->phrase : "") + "` is not a party",
                      "write `with consent of <party>`; the parties are " +
                          util::one_of(party_names()));
                return i + 1;
            }
            q_.consents.push_back(m_.parties[party->id].id);
            return i + 1;
        }
        case ItemKind::Literal:
            return literal(i);
        case ItemKind::Word:
            word(i);
            return i + 1;
        }
        return i + 1;
    }

    void set_time(const PhraseItem& it) {
        if (has_time_) {
            error(DiagnosticCode::given_twice, it, "the question has two dates",
                  "give one, such as `on 2025-06-01`");
            return;
        }
        has_time_ = true;
        if (it.when.kind == When::Kind::Day)
            q_.date = it.when.from;
        else if (it.when.kind == When::Kind::Period)
            q_.period = Period{it.when.from, it.when.until};
    }

    // A bare date fills a date attribute if the action has one, else it is the
    // question's date.
    void day(const PhraseItem& it, Date d) {
        if (marker_ || !slots_for(model::Type{TypeKind::Date}).empty()) {
            fill(it, model::Type{TypeKind::Date}, format_date(d));
            return;
        }
        PhraseItem as_time = it;
        as_time.kind = ItemKind::When;
        as_time.when.kind = When::Kind::Day;
        as_time.when.from = as_time.when.until = d;
        set_time(as_time);
    }

    std::string given_text(const PhraseItem& it) const {
        const auto& l = it.literal;
        switch (l.kind) {
        case syntax::LiteralKind::Bool:
            return l.boolean ? "true" : "false";
        case syntax::LiteralKind::Date:
            return format_date(l.date);
        case syntax::LiteralKind::Money:
            return format_money(l.money);
        case syntax::LiteralKind::Duration:
            return format_duration(l.duration);
        case syntax::LiteralKind::Number:
            return model::format_value(m_, Value::number(l.number), {});
        case syntax::LiteralKind::String:
            return l.string;
        }
        return {};
    }

    std::size_t literal(std::size_t i) {
        using syntax::LiteralKind;
        const PhraseItem& it = items_[i];
        const auto& l = it.literal;
        switch (l.kind) {
        case LiteralKind::Money:
            fill(it, model::Type{TypeKind::Money, 0, l.money.currency}, format_money(l.money));
            break;
        case LiteralKind::Date:
            day(it, l.date);
            break;
        case LiteralKind::Duration:
            fill(it, model::Type{TypeKind::Duration}, format_duration(l.duration));
            break;
        case LiteralKind::Number:
            return number(i);
        case LiteralKind::String:
            fill(it, model::Type{TypeKind::String}, l.string);
            break;
        case LiteralKind::Bool:
            error(DiagnosticCode::phrase_syntax, it, "a bare `true` or `false` fits nowhere",
                  "write `given fact=true`");
            break;
        }
        return i + 1;
    }

    // A number, with its unit ("20%", "1e26 FLOP"); a bare four-digit number where no
    // number attribute fits is a year ("2027").
    std::size_t number(std::size_t i) {
        const PhraseItem& it = items_[i];
        std::string text = literal_text(it);
        std::string unit = it.unit;
        std::size_t next = i + 1;
        if (unit.empty() && next < items_.size() && is_word(items_[next], WordKind::Unit))
            unit = deal_.unit_words[items_[next++].entry->id];
        model::Type t{TypeKind::Number};
        if (is_year(it, text) && !marker_ && !has_time_) {
            auto slots = slots_for(t);
            int year = std::stoi(text);
            if (slots.empty()) {
                PhraseItem as_time = it;
                as_time.kind = ItemKind::When;
                as_time.when.kind = When::Kind::Period;
                as_time.when.from = *make_date(year, 1, 1);
                as_time.when.until = *make_date(year, 12, 31);
                set_time(as_time);
                return next;
            }
            error(DiagnosticCode::ambiguous_phrase, it,
                  "`" + text + "` could be the year " + text + " or the number `" + slots[0]->id +
                      "`",
                  "write `in " + text + "` for the year" +
                      (slots[0]->words.empty()
                           ? ""
                           : ", `" + slots[0]->words[0] + " " + text + "` for the number"));
            return next;
        }
        // The number itself, without an attached unit ("20%") or thousands commas.
        fill(it, t, given_text(it), unit);
        return next;
    }

    void word(std::size_t i) {
        const PhraseItem& it = items_[i];
        switch (static_cast<WordKind>(it.entry->kind)) {
        case WordKind::Filler:
        case WordKind::Possessive:
            return;
        case WordKind::Frame:
            frame(i);
            return;
        case WordKind::Marker:
            if (marker_)
                error(DiagnosticCode::phrase_syntax, items_[*marker_],
                      "`" + items_[*marker_].entry->phrase + "` must be followed by a value");
            marker_ = i;
            return;
        case WordKind::Value:
        case WordKind::Party:
            value_or_party(it);
            return;
        case WordKind::Flag: {
            const auto& phrase = deal_.flag_phrases[it.entry->id];
            // Declared phrases differ from the lexicon's only in case.
            for (const auto& a : action().attributes)
                if (std::any_of(a.phrases.begin(), a.phrases.end(), [&](const std::string& p) {
                        return util::edit_distance(p, phrase) == 0;
                    })) {
                    q_.attributes[a.id] = "true";
                    return;
                }
            error(DiagnosticCode::does_not_fit_action, it,
                  "`" + phrase + "` does not apply to action `" + action().id + "`");
            return;
        }
        case WordKind::Noun: {
            const auto& actions = deal_.noun_actions[it.entry->id];
            if (std::find(actions.begin(), actions.end(), action_) != actions.end()) return;
            std::vector<std::string> names;
            for (auto a : actions)
                names.push_back(m_.actions[a].id);
            error(DiagnosticCode::does_not_fit_action, it,
                  "`" + it.entry->phrase + "` does not go with action `" + action().id + "`",
                  "it goes with " + util::one_of(names));
            return;
        }
        case WordKind::Unit:
            error(DiagnosticCode::phrase_syntax, it,
                  "`" + it.entry->phrase + "` must follow a number",
                  "write the number before its unit, as in `1e26 " + it.entry->phrase + "`");
            return;
        case WordKind::Verb:
            error(DiagnosticCode::given_twice, it,
                  "the question already has its action (`" + action().id + "`)",
                  "ask one action per question");
            return;
        }
    }

    // A closing word ends the question; an adverb may stand anywhere; an opening or
    // permission word after the verb is out of place.
    void frame(std::size_t i) {
        const PhraseItem& it = items_[i];
        if (is_frame(it, Frame::Adverb)) return;
        if (is_frame(it, Frame::Closing)) {
            for (std::size_t j = i + 1; j < items_.size(); ++j)
                if (!is_frame(items_[j], Frame::Closing)) {
                    error(DiagnosticCode::phrase_syntax, it,
                          "`" + it.entry->phrase + "` ends a question",
                          "put it last: `... - allowed?`");
                    return;
                }
            return;
        }
        error(DiagnosticCode::phrase_syntax, it, "`" + it.entry->phrase + "` cannot come here",
              "question words come before the party: `" + example() + "`");
    }

    // A name that is both a party and a value ("Helios") is whichever fits here.
    void value_or_party(const PhraseItem& it) {
        auto value = meaning(it, WordKind::Value);
        auto party = meaning(it, WordKind::Party);
        std::optional<model::Type> value_type, party_type;
        std::string value_shown, party_shown;
        if (value) {
            auto ref = deal_.value_words[value->id];
            value_type = model::Type{TypeKind::Enum, ref.enum_index};
            value_shown = m_.enums[ref.enum_index].values[ref.value_index].id;
        }
        if (party) {
            party_type = model::Type{TypeKind::Party};
            party_shown = m_.parties[party->id].id;
        }
        if (value_type && party_type) {
            bool value_fits = !slots_for(*value_type).empty();
            bool party_fits = !slots_for(*party_type).empty();
            if (value_fits && party_fits) {
                error(DiagnosticCode::ambiguous_phrase, it,
                      "`" + it.entry->phrase + "` could be " + value_shown + " (" +
                          model::type_name(m_, *value_type) + ") or the party " + party_shown,
                      "put the marker word of the one you mean before it");
                marker_.reset();
                return;
            }
            if (!value_fits && party_fits) value_type.reset();
        }
        if (value_type)
            fill(it, *value_type, value_shown);
        else
            fill(it, *party_type, party_shown);
    }
};

} // namespace

std::optional<Question> parse_phrase(const CompiledDeal& deal, std::string_view phrase,
                                     Diagnostics& diags) {
    if (phrase.size() > 4096) {
        Diagnostic d(DiagnosticCode::question_too_large);
        d.where = {"<question>", 1, 4097};
        d.message = "the question is longer than 4096 bytes";
        diags.add(std::move(d));
        return std::nullopt;
    }
    return PhraseReader(deal, phrase, diags).read();
}

} // namespace dealcheck::question
