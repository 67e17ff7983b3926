#include "question/phrase.hpp"

#include "model/value_text.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>
#include <set>

namespace dealcheck::question {

using model::TypeKind;
using syntax::ItemKind;
using syntax::PhraseItem;

namespace {

class PhraseReader {
  public:
    PhraseReader(const CompiledDeal& deal, std::string_view phrase, Diagnostics& diags)
        : deal_(deal), m_(deal.model), phrase_(phrase), diags_(diags) {}

    std::optional<Question> read() {
        auto parsed = deal_.lexicon->parse(phrase_);
        if (auto* err = std::get_if<syntax::PhraseError>(&parsed)) {
            unknown_word(*err);
            return std::nullopt;
        }
        items_ = std::move(std::get<std::vector<PhraseItem>>(parsed));
        std::size_t i = 0;
        skip_fillers(i);
        if (i >= items_.size() || !is_word(items_[i], WordKind::Party)) {
            error(i < items_.size() ? items_[i] : end_item(),
                  "a question starts with the party that acts",
                  "for example `" + example_party() + " ...`; the parties are " +
                      util::one_of(party_names()));
            return std::nullopt;
        }
        q_.party = m_.parties[items_[i].entry->id].id;
        ++i;
        skip_fillers(i);
        if (i >= items_.size() || !is_word(items_[i], WordKind::Verb)) {
            error(i < items_.size() ? items_[i] : end_item(), "expected what " + q_.party + " does",
                  "the verbs are " + util::one_of(verbs()));
            return std::nullopt;
        }
        const auto& actions = deal_.verb_actions[items_[i].entry->id];
        std::size_t rest = i + 1;
        // Try each action the verb may name; keep the first whose attributes fit.
        Diagnostics best_diags;
        for (auto a : actions) {
            Diagnostics local;
            auto q = read_action(a, rest, local);
            if (q) return q;
            if (best_diags.items().empty() || local.error_count() < best_diags.error_count())
                best_diags = local;
        }
        for (const auto& d : best_diags.items())
            diags_.add(d);
        return std::nullopt;
    }

  private:
    std::optional<Question> read_action(std::uint32_t action, std::size_t first,
                                        Diagnostics& diags) {
        Question saved = q_;
        action_ = action;
        q_.action = m_.actions[action].id;
        marker_.reset();
        assigned_.clear();
        Diagnostics* outer = out_;
        out_ = &diags;
        for (std::size_t i = first; i < items_.size(); ++i)
            item(i);
        if (marker_)
            error(items_[*marker_],
                  "`" + items_[*marker_].entry->phrase + "` must be followed by a value");
        out_ = outer;
        Question result = q_;
        q_ = saved;
        if (diags.has_errors()) return std::nullopt;
        return result;
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

    static bool is_word(const PhraseItem& it, WordKind k) {
        return it.kind == ItemKind::Word && it.entry &&
               it.entry->kind == static_cast<std::uint32_t>(k);
    }
    void skip_fillers(std::size_t& i) const {
        while (i < items_.size() && is_word(items_[i], WordKind::Filler))
            ++i;
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
    std::string example_party() const { return m_.parties.empty() ? "Party" : m_.parties[0].name; }
    std::vector<std::string> verbs() const {
        std::vector<std::string> out;
        for (const auto& a : m_.actions)
            if (!a.verbs.empty()) out.push_back(a.verbs[0]);
        return out;
    }
    const model::ActionKind& action() const { return m_.actions[action_]; }

    void error(const PhraseItem& at, std::string message, std::string hint = {}) {
        Diagnostic d;
        d.where = {"<question>", 1, static_cast<int>(at.offset) + 1};
        d.source_line = std::string(phrase_);
        d.span = static_cast<int>(std::max<std::uint32_t>(1, at.length));
        d.message = std::move(message);
        d.hint = std::move(hint);
        out_->add(std::move(d));
    }

    void unknown_word(const syntax::PhraseError& err) {
        PhraseItem at;
        at.offset = err.offset;
        at.length = err.length;
        if (!err.hint.empty()) return error(at, err.message, err.hint); // a malformed literal
        std::vector<std::string> words;
        for (const auto& e : deal_.lexicon->entries())
            words.push_back(e.phrase);
        auto hint = util::did_you_mean(err.word, words);
        std::string expected = "expected a party, a verb, a value such as a company or cloud, a "
                               "date (`on 2025-06-01`), "
                               "`given fact=value` or `with consent of <party>`";
        error(at, err.message, hint.empty() ? expected : hint + " (" + expected + ")");
    }

    // Attributes of the action that a value of type `t` can fill, preferring those the
    // pending marker word introduces.
    std::vector<const model::Attribute*> slots_for(const model::Type& t) const {
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

    void fill(const PhraseItem& at, const model::Type& t, const Value& v,
              const std::string& shown) {
        auto slots = slots_for(t);
        std::string type_name = model::type_name(m_, t);
        if (slots.empty()) {
            std::string what =
                marker_ ? "`" + std::string(items_[*marker_].entry->phrase) + " " + shown + "`"
                        : "`" + shown + "` (" + type_name + ")";
            std::vector<std::string> attrs;
            for (const auto& a : action().attributes)
                attrs.push_back(a.id + ": " + model::type_name(m_, a.type));
            error(at, what + " does not fit action `" + action().id + "`",
                  attrs.empty() ? "it takes no attributes"
                                : "its attributes are " + util::one_of(attrs));
            marker_.reset();
            return;
        }
        if (slots.size() > 1) {
            std::vector<std::string> names;
            for (auto* s : slots)
                names.push_back(s->id + (s->words.empty() ? "" : " (after `" + s->words[0] + "`)"));
            error(at, "`" + shown + "` could be " + util::one_of(names),
                  "say which with its marker word");
            marker_.reset();
            return;
        }
        const auto* slot = slots[0];
        marker_.reset();
        if (slot->type.kind == TypeKind::Set) {
            auto& text = q_.attributes[slot->id];
            text += (text.empty() ? "" : ", ") + shown;
            return;
        }
        if (assigned_.count(slot->id)) {
            error(at, "`" + slot->id + "` is given twice", "a question gives each attribute once");
            return;
        }
        assigned_.insert(slot->id);
        q_.attributes[slot->id] = shown;
        (void)v;
    }

    std::string literal_text(const PhraseItem& it) const {
        return std::string(phrase_.substr(it.offset, it.length));
    }

    void item(std::size_t i) {
        const PhraseItem& it = items_[i];
        if (marker_ && it.kind != ItemKind::Word && it.kind != ItemKind::Literal) {
            error(items_[*marker_],
                  "`" + items_[*marker_].entry->phrase + "` must be followed by a value");
            marker_.reset();
        }
        switch (it.kind) {
        case ItemKind::AsOf:
            if (q_.date) error(it, "the question has two dates", "give one `on YYYY-MM-DD`");
            q_.date = it.literal.date;
            return;
        case ItemKind::Given:
            q_.facts[it.name] = it.given == PhraseItem::GivenValue::Unknown ? "unknown"
                                : it.given == PhraseItem::GivenValue::Ident ? it.ident
                                                                            : given_text(it);
            return;
        case ItemKind::Consent:
            if (!it.entry || it.entry->kind != static_cast<std::uint32_t>(WordKind::Party)) {
                error(it, "`" + std::string(it.entry ? it.entry->phrase : "") + "` is not a party",
                      "write `with consent of <party>`; the parties are " +
                          util::one_of(party_names()));
                return;
            }
            q_.consents.push_back(m_.parties[it.entry->id].id);
            return;
        case ItemKind::Literal:
            literal(it);
            return;
        case ItemKind::Word:
            word(i);
            return;
        }
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

    void literal(const PhraseItem& it) {
        using syntax::LiteralKind;
        const auto& l = it.literal;
        switch (l.kind) {
        case LiteralKind::Money:
            fill(it, model::Type{TypeKind::Money, 0, l.money.currency}, Value::money(l.money),
                 format_money(l.money));
            break;
        case LiteralKind::Date:
            fill(it, model::Type{TypeKind::Date}, Value::date(l.date), format_date(l.date));
            break;
        case LiteralKind::Duration:
            fill(it, model::Type{TypeKind::Duration}, Value::duration(l.duration),
                 format_duration(l.duration));
            break;
        case LiteralKind::Number:
            fill(it, model::Type{TypeKind::Number}, Value::number(l.number), literal_text(it));
            break;
        case LiteralKind::String:
            fill(it, model::Type{TypeKind::String}, Value::unknown(), l.string);
            break;
        case LiteralKind::Bool:
            error(it, "a bare `true` or `false` fits nowhere", "write `given fact=true`");
            break;
        }
    }

    void word(std::size_t i) {
        const PhraseItem& it = items_[i];
        switch (static_cast<WordKind>(it.entry->kind)) {
        case WordKind::Filler:
            return;
        case WordKind::Marker:
            if (marker_)
                error(items_[*marker_],
                      "`" + items_[*marker_].entry->phrase + "` must be followed by a value");
            marker_ = i;
            return;
        case WordKind::Value: {
            auto ref = deal_.value_words[it.entry->id];
            fill(it, model::Type{TypeKind::Enum, ref.enum_index},
                 Value::enumerated(ref.enum_index, ref.value_index),
                 m_.enums[ref.enum_index].values[ref.value_index].id);
            return;
        }
        case WordKind::Party:
            fill(it, model::Type{TypeKind::Party}, Value::party(it.entry->id),
                 m_.parties[it.entry->id].id);
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
            error(it, "`" + phrase + "` does not apply to action `" + action().id + "`");
            return;
        }
        case WordKind::Verb:
            error(it, "the question already has its action (`" + action().id + "`)",
                  "ask one action per question");
            return;
        }
    }
};

} // namespace

std::optional<Question> parse_phrase(const CompiledDeal& deal, std::string_view phrase,
                                     Diagnostics& diags) {
    if (phrase.size() > 4096) {
        Diagnostic d;
        d.where = {"<question>", 1, 4097};
        d.message = "the question is longer than 4096 bytes";
        diags.add(std::move(d));
        return std::nullopt;
    }
    return PhraseReader(deal, phrase, diags).read();
}

} // namespace dealcheck::question
