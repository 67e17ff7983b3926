#include "analysis/phrase_writer.hpp"

#include "compiler/compiled_deal.hpp"

#include <algorithm>

namespace dealcheck::analysis {

namespace {

using model::TypeKind;

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return s;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text) {
        if (c == ',' || c == '[' || c == ']') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else if (c != ' ' || !item.empty()) {
            item += c;
        }
    }
    while (!item.empty() && item.back() == ' ')
        item.pop_back();
    if (!item.empty()) out.push_back(item);
    return out;
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

enum class Style { Labels, Ids };

class Writer {
  public:
    Writer(const CompiledDeal& deal, Style style) : d_(deal), m_(deal.model), style_(style) {}

    std::string write(const Question& q) {
        std::vector<std::string> parts;
        auto party = std::find_if(m_.parties.begin(), m_.parties.end(),
                                  [&](const auto& p) { return p.id == q.party; });
        parts.push_back(party == m_.parties.end()
                            ? q.party
                            : (style_ == Style::Labels ? party->name : party->id));
        auto action = std::find_if(m_.actions.begin(), m_.actions.end(),
                                   [&](const auto& a) { return a.id == q.action; });
        if (action == m_.actions.end()) return q.party + " " + q.action;
        parts.push_back(verb(*action));
        for (const auto& attr : action->attributes) {
            auto it = q.attributes.find(attr.id);
            if (it == q.attributes.end() || it->second == "unknown") continue;
            attribute(attr, it->second, parts);
        }
        if (q.date) parts.push_back("on " + format_date(*q.date));
        std::string given;
        for (const auto& [id, text] : q.facts) {
            if (text == "unknown") continue;
            auto f = std::find_if(m_.facts.begin(), m_.facts.end(),
                                  [&id = id](const auto& x) { return x.id == id; });
            bool is_string = f != m_.facts.end() && f->type.kind == TypeKind::String;
            given +=
                (given.empty() ? "given " : ", ") + id + "=" + (is_string ? quoted(text) : text);
        }
        if (!given.empty()) parts.push_back(given);
        for (const auto& c : q.consents)
            parts.push_back("with consent of " + party_word(c));
        std::string out;
        for (const auto& p : parts)
            out += (out.empty() ? "" : " ") + p;
        return out;
    }

  private:
    const CompiledDeal& d_;
    const model::Deal& m_;
    Style style_;

    // The first verb that names only this action, else one that names it first.
    std::string verb(const model::ActionKind& action) {
        auto index = static_cast<std::uint32_t>(&action - m_.actions.data());
        const std::string* fallback = nullptr;
        for (const auto& v : action.verbs) {
            const std::vector<std::uint32_t>* actions = nullptr;
            for (const auto& e : d_.lexicon->entries())
                if (e.kind == static_cast<std::uint32_t>(WordKind::Verb) && e.phrase == lower(v))
                    actions = &d_.verb_actions[e.id];
            if (!actions) continue;
            if (actions->size() == 1) return v;
            if (!fallback && !actions->empty() && actions->front() == index) fallback = &v;
        }
        if (fallback) return *fallback;
        return action.verbs.empty() ? action.id : action.verbs.front();
    }

    std::string party_word(const std::string& id) const {
        for (const auto& p : m_.parties)
            if (p.id == id) return style_ == Style::Labels ? p.name : p.id;
        return id;
    }

    std::string enum_word(std::uint32_t e, const std::string& id) const {
        for (const auto& v : m_.enums[e].values)
            if (v.id == id) {
                if (style_ == Style::Ids) return v.id;
                if (!v.label.empty()) return v.label;
                if (!v.aliases.empty()) return v.aliases.front();
                return v.id;
            }
        return id;
    }

    std::string marker(const model::Attribute& attr) const {
        for (const auto& w : attr.words)
            if (!(attr.type.kind == TypeKind::Date && (lower(w) == "on" || lower(w) == "as of")))
                return w + " ";
        return "";
    }

    void attribute(const model::Attribute& attr, const std::string& text,
                   std::vector<std::string>& parts) {
        switch (attr.type.kind) {
        case TypeKind::Bool:
            if (text == "true" && !attr.phrases.empty()) parts.push_back(attr.phrases.front());
            return; // false: the attribute's default (a phrase cannot say false)
        case TypeKind::Enum:
            parts.push_back(marker(attr) + enum_word(attr.type.enum_index, text));
            return;
        case TypeKind::Set:
            for (const auto& item : split_list(text))
                parts.push_back(marker(attr) + enum_word(attr.type.enum_index, item));
            return;
        case TypeKind::Party:
            parts.push_back(marker(attr) + party_word(text));
            return;
        case TypeKind::String:
            parts.push_back(marker(attr) + quoted(text));
            return;
        default:
            parts.push_back(marker(attr) + text);
            return;
        }
    }
};

} // namespace

bool same_question(const Deal& deal, const Question& a, const Question& b) {
    Date today = a.date.value_or(Date{});
    auto x = deal.ask(a, today), y = deal.ask(b, today);
    if (!x.answer || !y.answer) return false;
    return x.answer->question == y.answer->question;
}

Phrased write_phrase(const Deal& deal, const Question& q) {
    Phrased first;
    for (Style style : {Style::Labels, Style::Ids}) {
        Phrased p;
        p.phrase = Writer(deal.compiled(), style).write(q);
        auto back = deal.parse_phrase(p.phrase);
        p.round_trips = back.question && same_question(deal, q, *back.question);
        if (p.round_trips) return p;
        if (first.phrase.empty()) first = p;
    }
    return first;
}

} // namespace dealcheck::analysis
