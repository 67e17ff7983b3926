#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"
#include "util/fuzzy_match.hpp"

#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace dealcheck::loader {

std::optional<model::Type> parse_type(const model::Deal& deal, std::string_view text,
                                      std::string& hint) {
    using model::TypeKind;
    static const std::vector<std::pair<std::string, TypeKind>> scalars = {
        {"bool", TypeKind::Bool},  {"number", TypeKind::Number},     {"money", TypeKind::Money},
        {"date", TypeKind::Date},  {"duration", TypeKind::Duration}, {"string", TypeKind::String},
        {"party", TypeKind::Party}};
    for (const auto& [name, kind] : scalars)
        if (text == name)
            return model::Type{kind, 0, kind == TypeKind::Money ? make_currency("USD") : 0};
    if (text.starts_with("money<") && text.ends_with(">")) {
        auto code = text.substr(6, text.size() - 7);
        if (auto c = make_currency(code)) return model::Type{TypeKind::Money, 0, c};
        hint = "a currency is three capital letters, as in `money<EUR>`";
        return std::nullopt;
    }
    bool is_set = text.starts_with("set<") && text.ends_with(">");
    auto enum_name = is_set ? text.substr(4, text.size() - 5) : text;
    std::vector<std::string> names;
    for (std::uint32_t i = 0; i < deal.enums.size(); ++i) {
        if (deal.enums[i].id == enum_name) {
            if (is_set && deal.enums[i].values.size() > 64) {
                hint = "a set's enum may have at most 64 values";
                return std::nullopt;
            }
            return model::Type{is_set ? TypeKind::Set : TypeKind::Enum, i, 0};
        }
        names.push_back(deal.enums[i].id);
    }
    for (const auto& [name, kind] : scalars)
        names.push_back(name);
    hint = util::did_you_mean(enum_name, names);
    if (hint.empty())
        hint = "a type is bool, number, money, date, duration, string, party, an enum of the "
               "vocabulary, or set<enum>";
    return std::nullopt;
}

namespace {

class VocabularyLoader {
  public:
    VocabularyLoader(Context& ctx, std::uint32_t file) : ctx_(ctx), file_(file), sr_(ctx, file) {}

    // Enums first, those of every vocabulary file: attribute and fact types refer to
    // them, whichever file declares them.
    bool load_enums(const yaml::Node& root) {
        m_.emplace(ctx_, file_, root, "the vocabulary",
                   std::vector<std::string>{"enums", "actors", "actions", "facts", "readings",
                                            "definitions"});
        if (!m_->is_map()) return false;
        for_each_entry(m_->get("enums"), "`enums`", [&](auto& k, auto& v) { enum_(k, v); });
        return true;
    }

    void load_rest() {
        const MapReader& m = *m_;
        if (auto actors = m.get("actors"); actors.defined() && !actors.is_list())
            sr_.error(DiagnosticCode::wrong_shape, actors,
                      "`actors` must be a list of {id, name, aliases}",
                      "actors act under the deal's terms without being parties to it");
        else if (actors.defined())
            for (auto a : actors.items())
                if (auto actor = read_party(ctx_, file_, a)) {
                    actor->actor = true;
                    deal().parties.push_back(std::move(*actor));
                }
        for_each_entry(m.get("actions"), "`actions`", [&](auto& k, auto& v) { action(k, v); });
        for_each_entry(m.get("facts"), "`facts`", [&](auto& k, auto& v) { fact(k, v); });
        for_each_entry(m.get("readings"), "`readings`", [&](auto& k, auto& v) { reading(k, v); });
        for_each_entry(m.get("definitions"), "`definitions`",
                       [&](auto& k, auto& v) { definition(k, v); });
    }

  private:
    Context& ctx_;
    std::uint32_t file_;
    ScalarReader sr_;
    std::optional<MapReader> m_;

    model::Deal& deal() { return ctx_.deal(); }

    // Calls f(key node, value node) for each entry of a map, reporting duplicate keys.
    template <class F> void for_each_entry(const yaml::Node& n, const std::string& what, F f) {
        if (!n.defined() || n.is_null()) return;
        if (!n.is_map()) {
            sr_.error(DiagnosticCode::wrong_shape, n,
                      what + " must be a map from names to definitions");
            return;
        }
        std::unordered_map<std::string, yaml::Mark> seen;
        for (auto [key, value] : n.entries()) {
            auto id = sr_.identifier(key, "a name in " + what);
            if (!id) continue;
            auto [first, fresh] = seen.emplace(*id, key.mark());
            if (!fresh) {
                ctx_.error(DiagnosticCode::duplicate_key, file_, key.mark(),
                           "duplicate key `" + *id + "` in " + what,
                           "the first `" + *id + "` is on line " +
                               std::to_string(first->second.line + 1),
                           static_cast<int>(id->size()));
                continue;
            }
            f(key, value);
        }
    }

    std::optional<model::Type> type_of(const yaml::Node& n) {
        auto s = sr_.text(n, "a type");
        if (!s) return std::nullopt;
        std::string hint;
        auto t = parse_type(deal(), *s, hint);
        if (!t) sr_.error(DiagnosticCode::unknown_keyword, n, "unknown type `" + *s + "`", hint);
        return t;
    }

    void enum_(const yaml::Node& key, const yaml::Node& v) {
        model::Enum e;
        e.id = key.scalar();
        e.where = sr_.at(key);
        std::unordered_set<std::string> ids;
        auto add = [&](const yaml::Node& k, const yaml::Node* body) {
            auto id = sr_.identifier(k, "an enum value");
            if (!id) return;
            if (!ids.insert(*id).second) {
                sr_.error(DiagnosticCode::duplicate_value, k,
                          "duplicate value `" + *id + "` in enum `" + e.id + "`");
                return;
            }
            model::EnumValue val;
            val.id = *id;
            val.where = sr_.at(k);
            if (body && body->defined() && !body->is_null()) {
                MapReader vm(ctx_, file_, *body, "an enum value", {"label", "aliases"});
                if (auto n = vm.get("label"); n.defined())
                    val.label = sr_.text(n, "a label").value_or("");
                if (auto n = vm.get("aliases"); n.defined())
                    val.aliases = sr_.text_list(n, "an alias");
            }
            e.values.push_back(std::move(val));
        };
        if (v.is_list()) {
            for (auto item : v.items())
                add(item, nullptr);
        } else if (v.is_map()) {
            for (auto [k, body] : v.entries())
                add(k, &body);
        } else {
            sr_.error(DiagnosticCode::wrong_shape, v, "enum `" + e.id + "` must list its values",
                      "write `" + e.id + ": [a, b, c]` or a map of values with aliases");
            return;
        }
        if (e.values.empty())
            sr_.error(DiagnosticCode::empty_list, key, "enum `" + e.id + "` has no values");
        deal().enums.push_back(std::move(e));
    }

    std::optional<model::Attribute> attribute(const yaml::Node& key, const yaml::Node& v) {
        model::Attribute a;
        a.id = key.scalar();
        a.where = sr_.at(key);
        if (v.is_scalar()) { // short form: `target: company`
            auto t = type_of(v);
            if (!t) return std::nullopt;
            a.type = *t;
            return a;
        }
        MapReader m(ctx_, file_, v, "attribute `" + a.id + "`",
                    {"type", "description", "words", "phrases", "units", "default"});
        if (!m.is_map()) return std::nullopt;
        auto tn = m.require("type");
        if (!tn.defined()) return std::nullopt;
        auto t = type_of(tn);
        if (!t) return std::nullopt;
        a.type = *t;
        if (auto n = m.get("description"); n.defined())
            a.description = sr_.text(n, "a description").value_or("");
        if (auto n = m.get("default"); n.defined()) {
            a.default_text = sr_.text(n, "the default");
            a.default_where = sr_.at(n);
        }
        if (auto n = m.get("words"); n.defined()) a.words = sr_.text_list(n, "a marker word");
        if (auto n = m.get("phrases"); n.defined()) {
            a.phrases = sr_.text_list(n, "a phrase");
            if (a.type.kind != model::TypeKind::Bool)
                sr_.error(DiagnosticCode::conflicting_keys, n,
                          "`phrases` set a bool attribute; `" + a.id + "` is not bool",
                          "use `words` for marker words before a value");
        }
        if (auto n = m.get("units"); n.defined()) {
            a.units = sr_.text_list(n, "a unit");
            if (a.type.kind != model::TypeKind::Number)
                sr_.error(DiagnosticCode::conflicting_keys, n,
                          "`units` follow a number; `" + a.id + "` is not a number",
                          "declare `type: number` or remove `units`");
        }
        return a;
    }

    void action(const yaml::Node& key, const yaml::Node& v) {
        model::ActionKind act;
        act.id = key.scalar();
        act.where = sr_.at(key);
        MapReader m(ctx_, file_, v, "action `" + act.id + "`",
                    {"description", "verbs", "nouns", "attributes", "default", "covered"});
        if (!m.is_map()) return;
        if (auto n = m.get("description"); n.defined())
            act.description = sr_.text(n, "a description").value_or("");
        if (auto n = m.require("verbs"); n.defined()) act.verbs = sr_.text_list(n, "a verb");
        if (auto n = m.get("nouns"); n.defined()) act.nouns = sr_.text_list(n, "a noun");
        if (auto n = m.get("default"); n.defined()) {
            auto s = sr_.text(n, "the default verdict");
            if (s == "permitted")
                act.default_verdict = model::DefaultVerdict::Permitted;
            else if (s == "forbidden")
                act.default_verdict = model::DefaultVerdict::Forbidden;
            else if (s)
                sr_.error(DiagnosticCode::unknown_keyword, n,
                          "the default verdict must be `permitted` or `forbidden`, not `" + *s +
                              "`");
        }
        if (auto n = m.get("covered"); n.defined())
            act.covered = sr_.boolean(n, "`covered`").value_or(false);
        for_each_entry(m.get("attributes"), "the attributes of `" + act.id + "`",
                       [&](auto& k, auto& val) {
                           if (auto a = attribute(k, val)) act.attributes.push_back(std::move(*a));
                       });
        deal().actions.push_back(std::move(act));
    }

    void fact(const yaml::Node& key, const yaml::Node& v) {
        model::Fact f;
        f.id = key.scalar();
        f.where = sr_.at(key);
        MapReader m(ctx_, file_, v, "fact `" + f.id + "`", {"type", "description", "known"});
        if (!m.is_map()) return;
        auto tn = m.require("type");
        if (!tn.defined()) return;
        auto t = type_of(tn);
        if (!t) return;
        f.type = *t;
        if (auto n = m.get("description"); n.defined())
            f.description = sr_.text(n, "a description").value_or("");
        if (auto known = m.get("known"); known.defined()) {
            if (!known.is_list()) {
                sr_.error(DiagnosticCode::wrong_shape, known,
                          "`known` must be a list of {value, from, through}");
            } else {
                for (auto k : known.items()) {
                    MapReader km(ctx_, file_, k, "a known value", {"value", "from", "through"});
                    if (!km.is_map()) continue;
                    model::KnownValue kv;
                    kv.where = km.where();
                    kv.from = Date{-719162};    // 0001-01-01: open start
                    kv.through = Date{2932896}; // 9999-12-31
                    if (auto n = km.require("value"); n.defined()) {
                        // Read as text here; the checker types it against the fact.
                        kv.text = sr_.text(n, "a value").value_or("");
                        kv.where = sr_.at(n);
                    }
                    if (auto n = km.get("from"); n.defined())
                        kv.from = sr_.date(n, "`from`").value_or(kv.from);
                    if (auto n = km.get("through"); n.defined())
                        kv.through = sr_.date(n, "`through`").value_or(kv.through);
                    f.known.push_back(kv);
                }
            }
        }
        deal().facts.push_back(std::move(f));
    }

    // A reading becomes an enum of its values and a fact of that enum whose known value,
    // on every date, is the default reading.
    void reading(const yaml::Node& key, const yaml::Node& v) {
        model::Enum e;
        e.id = key.scalar();
        e.where = sr_.at(key);
        MapReader m(ctx_, file_, v, "reading `" + e.id + "`", {"description", "default", "values"});
        if (!m.is_map()) return;
        model::Fact f;
        f.id = e.id;
        f.where = e.where;
        f.is_reading = true;
        if (auto n = m.get("description"); n.defined())
            f.description = sr_.text(n, "a description").value_or("");
        auto values = m.require("values");
        if (values.defined() && !values.is_map()) {
            sr_.error(DiagnosticCode::wrong_shape, values,
                      "`values` must map each reading to what it says");
        } else if (values.defined()) {
            for (auto [key_, value] : values.entries()) {
                auto id = sr_.identifier(key_, "a reading");
                if (!id) continue;
                model::EnumValue val;
                val.id = *id;
                val.where = sr_.at(key_);
                val.label = sr_.text(value, "what the reading says").value_or("");
                e.values.push_back(std::move(val));
            }
        }
        if (e.values.size() < 2)
            sr_.error(DiagnosticCode::invalid_setting, key,
                      "reading `" + e.id + "` needs at least two values");
        if (auto n = m.require("default"); n.defined()) {
            model::KnownValue k;
            k.text = sr_.identifier(n, "the default reading").value_or("");
            k.where = sr_.at(n);
            k.from = Date{-719162};
            k.through = Date{2932896};
            f.known.push_back(k);
        }
        f.type =
            model::Type{model::TypeKind::Enum, static_cast<std::uint32_t>(deal().enums.size())};
        deal().enums.push_back(std::move(e));
        deal().facts.push_back(std::move(f));
    }

    void definition(const yaml::Node& key, const yaml::Node& v) {
        model::Definition d;
        d.id = key.scalar();
        d.where = sr_.at(key);
        auto src = sr_.expression(v, "definition `" + d.id + "`");
        if (!src) return;
        d.source = std::move(*src);
        deal().definitions.push_back(std::move(d));
    }
};

} // namespace

void load_vocabularies(Context& ctx, const std::vector<std::uint32_t>& files) {
    std::vector<std::unique_ptr<VocabularyLoader>> loaders;
    std::vector<yaml::Document> documents; // read by the loaders until the end
    for (auto file : files) {
        documents.push_back(parse_yaml(ctx, file));
        auto root = documents.back().root();
        if (!root.defined()) continue;
        auto loader = std::make_unique<VocabularyLoader>(ctx, file);
        if (loader->load_enums(root)) loaders.push_back(std::move(loader));
    }
    for (auto& loader : loaders)
        loader->load_rest();
}

} // namespace dealcheck::loader
