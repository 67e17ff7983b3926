// `dealcheck vocab` as text and JSON.
#include "dealcheck/render.hpp"
#include "util/json_writer.hpp"

#include <algorithm>

namespace dealcheck {

namespace {

std::string join(const std::vector<std::string>& v, const char* separator = ", ") {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : separator) + s;
    return out;
}

// Columns on a terminal: UTF-8 continuation bytes take none.
std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Rows whose cells line up in columns. A row's last cell runs on to the end of the
// line and widens no column (a short row's note may be long); a column empty in every
// row takes no room.
class Table {
  public:
    void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

    std::string str(const std::string& indent) const {
        std::vector<std::size_t> widths;
        for (const auto& r : rows_)
            for (std::size_t i = 0; i < r.size(); ++i) {
                if (widths.size() <= i) widths.push_back(0);
                if (i + 1 < r.size()) widths[i] = std::max(widths[i], width(r[i]));
            }
        std::string out;
        for (const auto& r : rows_) {
            std::string line = indent;
            for (std::size_t i = 0; i < r.size(); ++i) {
                if (widths[i] == 0 && i + 1 < r.size()) continue;
                line += r[i];
                if (i + 1 < r.size()) line += std::string(widths[i] - width(r[i]) + 2, ' ');
            }
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            out += line + "\n";
        }
        return out;
    }

  private:
    std::vector<std::vector<std::string>> rows_;
};

struct Style {
    bool on;
    std::string heading(const std::string& s) const { return on ? "\033[1m" + s + "\033[0m" : s; }
};

std::string also(const std::vector<std::string>& aliases) {
    return aliases.empty() ? "" : "also " + join(aliases);
}

// The enum a type names: `cloud` for `cloud` and `set<cloud>`.
std::string enum_of(const std::string& type) {
    if (type.rfind("set<", 0) == 0 && type.back() == '>') return type.substr(4, type.size() - 5);
    return type;
}

std::string known_text(const VocabularyKnown& k) {
    std::string out = k.value;
    if (k.from) out += " from " + format_date(*k.from);
    if (k.through) out += " through " + format_date(*k.through);
    if (!k.from && !k.through) out += " always";
    return out;
}

} // namespace

std::string render_vocabulary_text(const Vocabulary& v, const RenderOptions& options) {
    Style st{options.colour};
    std::string out = v.id + (v.title.empty() || v.title == v.id ? "" : ": " + v.title) + "\n";
    out += "A question reads: PARTY VERB [VALUE...] [on YYYY-MM-DD] [given FACT=VALUE] [with "
           "consent of PARTY]\n";
    out += "What no clause decides is " + v.default_verdict +
           " (the deal's default, unless an action has its own).\n";

    out += "\n" + st.heading("Parties") + " (by id, name or alias)\n";
    Table parties;
    for (const auto& p : v.parties)
        parties.row({p.id, p.name, also(p.aliases)});
    out += parties.str("  ");
    if (!v.actors.empty()) {
        out += "\n" + st.heading("Actors") +
               " (who act under the deal's terms without being parties: by id, name or alias)\n";
        Table actors;
        for (const auto& p : v.actors)
            actors.row({p.id, p.name, also(p.aliases)});
        out += actors.str("  ");
    }

    out += "\n" + st.heading("Actions") +
           " (VERB, then values, each after its marker word if it has one)\n";
    std::vector<std::pair<std::string, const std::vector<VocabularyValue>*>> enums;
    auto note_enum = [&](const std::string& type, const std::vector<VocabularyValue>& values) {
        if (values.empty()) return;
        auto name = enum_of(type);
        if (std::none_of(enums.begin(), enums.end(),
                         [&](const auto& e) { return e.first == name; }))
            enums.emplace_back(name, &values);
    };
    for (const auto& a : v.actions) {
        out += "  " + a.id + (a.description.empty() ? "" : ": " + a.description);
        std::vector<std::string> notes;
        if (a.default_verdict) notes.push_back("default " + *a.default_verdict);
        if (a.covered) notes.push_back("covered");
        if (!notes.empty()) out += " (" + join(notes) + ")";
        out += "\n    verbs: " + join(a.verbs) + "\n";
        if (!a.nouns.empty()) out += "    nouns: " + join(a.nouns) + "\n";
        if (a.attributes.empty()) {
            out += "    no attributes\n";
            continue;
        }
        Table attributes;
        for (const auto& attr : a.attributes) {
            note_enum(attr.type, attr.values);
            attributes.row(
                {attr.id, attr.type, attr.words.empty() ? "" : "after " + join(attr.words),
                 attr.units.empty() ? "" : "units " + join(attr.units),
                 attr.default_value ? "default " + *attr.default_value : "", attr.description});
            if (!attr.phrases.empty())
                attributes.row({"", "set true by: " + join(attr.phrases, "; ")});
        }
        out += attributes.str("    ");
    }

    for (const auto& f : v.facts)
        note_enum(f.type, f.values);
    if (!enums.empty()) {
        out += "\n" + st.heading("Values") + " (of the types above: by id, label or alias)\n";
        for (const auto& [name, values] : enums) {
            out += "  " + name + "\n";
            Table t;
            for (const auto& val : *values)
                t.row({val.id, val.label, also(val.aliases)});
            out += t.str("    ");
        }
    }

    if (!v.facts.empty()) {
        out += "\n" + st.heading("Facts") +
               " (given FACT=VALUE or FACT=unknown; else what the rules record, else unknown)\n";
        Table t;
        for (const auto& f : v.facts) {
            t.row({f.id, f.type, f.description});
            for (const auto& k : f.known)
                t.row({"", "", "known: " + known_text(k)});
        }
        out += t.str("  ");
    }

    if (!v.readings.empty()) {
        out += "\n" + st.heading("Readings") + " (ask --reading VALUE; else the default)\n";
        for (const auto& r : v.readings) {
            out += "  " + r.id + (r.description.empty() ? "" : ": " + r.description) + "\n";
            Table t;
            for (const auto& val : r.values)
                t.row({val.id, val.id == r.default_value ? "(default)" : "", val.label});
            out += t.str("    ");
        }
    }

    if (!v.examples.empty()) {
        out += "\n" + st.heading("Examples") + " (each one asked: its verdict)\n";
        Table t;
        for (const auto& e : v.examples)
            t.row({std::string(to_string(e.verdict)), e.phrase});
        out += t.str("  ");
    }
    return out;
}

namespace {

void strings(util::JsonWriter& w, const std::vector<std::string>& v) {
    w.begin_array();
    for (const auto& s : v)
        w.value(s);
    w.end_array();
}

void optional_text(util::JsonWriter& w, const std::string& s) {
    if (s.empty())
        w.null();
    else
        w.value(s);
}

void values(util::JsonWriter& w, const std::vector<VocabularyValue>& v) {
    w.begin_array();
    for (const auto& val : v) {
        w.begin_object().key("id").value(val.id).key("label");
        optional_text(w, val.label);
        w.key("aliases");
        strings(w, val.aliases);
        w.end_object();
    }
    w.end_array();
}

} // namespace

std::string render_vocabulary_json(const Vocabulary& v) {
    util::JsonWriter w;
    w.begin_object().key("deal").value(v.id).key("title").value(v.title);
    w.key("default").value(v.default_verdict);
    w.key("parties").begin_array();
    for (const auto& p : v.parties) {
        w.begin_object().key("id").value(p.id).key("name").value(p.name).key("aliases");
        strings(w, p.aliases);
        w.end_object();
    }
    w.end_array();
    w.key("actors").begin_array();
    for (const auto& p : v.actors) {
        w.begin_object().key("id").value(p.id).key("name").value(p.name).key("aliases");
        strings(w, p.aliases);
        w.end_object();
    }
    w.end_array();
    w.key("actions").begin_array();
    for (const auto& a : v.actions) {
        w.begin_object().key("id").value(a.id).key("description").value(a.description);
        w.key("verbs");
        strings(w, a.verbs);
        w.key("nouns");
        strings(w, a.nouns);
        w.key("default");
        optional_text(w, a.default_verdict.value_or(""));
        w.key("covered").value(a.covered);
        w.key("attributes").begin_array();
        for (const auto& attr : a.attributes) {
            w.begin_object().key("id").value(attr.id).key("type").value(attr.type);
            w.key("description").value(attr.description).key("words");
            strings(w, attr.words);
            w.key("phrases");
            strings(w, attr.phrases);
            w.key("units");
            strings(w, attr.units);
            w.key("default");
            if (attr.default_value)
                w.value(*attr.default_value);
            else
                w.null();
            w.key("values");
            values(w, attr.values);
            w.end_object();
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.key("facts").begin_array();
    for (const auto& f : v.facts) {
        w.begin_object().key("id").value(f.id).key("type").value(f.type);
        w.key("description").value(f.description).key("values");
        values(w, f.values);
        w.key("known").begin_array();
        for (const auto& k : f.known) {
            w.begin_object().key("value").value(k.value).key("from");
            optional_text(w, k.from ? format_date(*k.from) : "");
            w.key("through");
            optional_text(w, k.through ? format_date(*k.through) : "");
            w.end_object();
        }
        w.end_array().end_object();
    }
    w.end_array();
    w.key("readings").begin_array();
    for (const auto& r : v.readings) {
        w.begin_object().key("id").value(r.id).key("description").value(r.description);
        w.key("default").value(r.default_value).key("values").begin_array();
        for (const auto& val : r.values)
            w.begin_object().key("id").value(val.id).key("says").value(val.label).end_object();
        w.end_array().end_object();
    }
    w.end_array();
    w.key("examples").begin_array();
    for (const auto& e : v.examples)
        w.begin_object()
            .key("question")
            .value(e.phrase)
            .key("action")
            .value(e.action)
            .key("verdict")
            .value(verdict_word(e.verdict))
            .end_object();
    w.end_array().end_object();
    return w.str();
}

} // namespace dealcheck
