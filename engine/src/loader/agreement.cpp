#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>

namespace dealcheck::loader {

namespace {

const std::vector<std::string> clause_keys = {
    "id",   "title", "quote",  "cite",       "tag",         "party",        "actions",  "when",
    "from", "until", "effect", "consent_of", "consequence", "exception_to", "replaces", "amends"};

class AgreementLoader {
  public:
    AgreementLoader(Context& ctx, std::uint32_t file, std::uint32_t agreement)
        : ctx_(ctx), file_(file), agreement_(agreement), sr_(ctx, file) {}

    void load(const yaml::Node& root) {
        MapReader m(ctx_, file_, root, "an agreement file",
                    {"agreement", "terminates", "clauses", "obligations", "powers"});
        if (!m.is_map()) return;
        auto& agreement = ctx_.deal().agreements[agreement_];
        if (auto n = m.require("agreement"); n.defined()) {
            auto id = sr_.identifier(n, "the agreement id");
            if (id && *id != agreement.id)
                sr_.error(DiagnosticCode::agreement_file_mismatch, n,
                          "this file belongs to agreement `" + *id +
                              "` but the manifest lists it for `" + agreement.id + "`",
                          "make the `agreement:` key match the manifest's id");
        }
        if (auto n = m.get("terminates"); n.defined()) {
            if (n.is_list()) {
                for (auto item : n.items())
                    if (auto id = sr_.identifier(item, "a terminated clause id")) {
                        agreement.terminates_ids.push_back(*id);
                        agreement.terminates_where.push_back(sr_.at(item));
                    }
            } else if (auto id = sr_.identifier(n, "a terminated clause id")) {
                agreement.terminates_ids.push_back(*id);
                agreement.terminates_where.push_back(sr_.at(n));
            }
        }
        for (const char* key : {"obligations", "powers"}) {
            auto list = m.get(key);
            if (!list.defined() || list.is_null()) continue;
            if (!list.is_list()) {
                sr_.error(DiagnosticCode::wrong_shape, list,
                          std::string("`") + key + "` must be a list");
                continue;
            }
            for (auto item : list.items())
                (key[0] == 'o' ? load_obligation : load_power)(ctx_, file_, agreement_, item);
        }
        auto clauses = m.get("clauses");
        if (!clauses.defined() || clauses.is_null()) return;
        if (!clauses.is_list()) {
            sr_.error(DiagnosticCode::wrong_shape, clauses, "`clauses` must be a list of clauses");
            return;
        }
        // Room for this file's clauses and, guessing that the agreements still to load
        // are as long, for theirs: a clause is large, and moving them all as the list
        // grew was a fifth of a large deal's load.
        auto& all = ctx_.deal().clauses;
        auto most = ctx_.limits().clauses;
        auto needed = std::min(all.size() + clauses.size(), most);
        if (needed > all.capacity()) {
            auto files_left = ctx_.deal().agreements.size() - agreement_;
            auto guess = std::min(all.size() + clauses.size() * files_left, most);
            all.reserve(std::max({guess, needed, std::min(2 * all.capacity(), most)}));
        }
        for (auto c : clauses.items()) {
            if (ctx_.deal().clauses.size() >= ctx_.limits().clauses) {
                sr_.error(DiagnosticCode::deal_too_large, c,
                          "the deal has more than " + std::to_string(ctx_.limits().clauses) +
                              " clauses",
                          ctx_.over_limit_hint());
                return;
            }
            clause(c);
        }
    }

  private:
    Context& ctx_;
    std::uint32_t file_, agreement_;
    ScalarReader sr_;

    std::vector<model::Bound> bounds(const yaml::Node& n, const std::string& what) {
        std::vector<model::Bound> out;
        auto one = [&](const yaml::Node& item) {
            if (auto src = sr_.expression(item, what)) out.push_back({std::move(*src)});
        };
        if (n.is_list()) {
            for (auto item : n.items())
                one(item);
            if (n.size() == 0) sr_.error(DiagnosticCode::empty_list, n, what + " lists no bound");
        } else {
            one(n);
        }
        return out;
    }

    void clause(const yaml::Node& node) {
        MapReader m(ctx_, file_, node, "a clause", clause_keys);
        if (!m.is_map()) return;
        auto& c = ctx_.deal().clauses.emplace_back(); // built in place: it is large
        c.agreement = agreement_;
        c.where = m.place();
        c.keys.reserve(node.size()); // one per entry, with no room to spare
        c.key_where.reserve(node.size());
        for (const auto& key : clause_keys)
            if (auto n = m.get(key); n.defined()) {
                c.keys.push_back(key);
                c.key_where.push_back(Context::position(n.mark()));
            }
        // An amending clause inherits what it does not rewrite: only `id` is required.
        bool amends = m.get("amends").defined();
        auto required = [&](const std::string& key) {
            return amends ? m.get(key) : m.require(key);
        };

        if (auto n = m.require("id"); n.defined()) {
            c.id = sr_.identifier(n, "the clause id").value_or("");
            c.where = sr_.place(n);
        }
        if (auto n = required("title"); n.defined())
            c.title = sr_.text(n, "the title").value_or("");
        if (auto n = required("quote"); n.defined())
            c.quote = sr_.text(n, "the quote").value_or("");
        if (auto n = required("cite"); n.defined())
            c.cite = sr_.text(n, "the citation").value_or("");
        if (auto n = required("tag"); n.defined()) {
            auto s = sr_.text(n, "the tag");
            if (s == "official")
                c.tag = model::Tag::Official;
            else if (s == "reported")
                c.tag = model::Tag::Reported;
            else if (s == "unverified")
                c.tag = model::Tag::Unverified;
            else if (s)
                sr_.error(DiagnosticCode::unknown_keyword, n, "unknown tag `" + *s + "`",
                          "a tag is `official`, `reported` or `unverified`");
        }
        if (auto n = required("party"); n.defined())
            c.party_id = sr_.identifier(n, "the party").value_or("");
        if (auto n = required("actions"); n.defined()) {
            c.action_ids = sr_.identifier_list(n, "an action kind", &c.action_where);
            if (c.action_ids.empty() && !n.is_scalar())
                sr_.error(DiagnosticCode::empty_list, n, "`actions` lists no action kind");
        }
        if (auto n = m.get("when"); n.defined()) c.when = sr_.expression(n, "the condition");
        if (auto n = m.get("from"); n.defined()) {
            auto b = bounds(n, "`from`");
            if (b.size() > 1)
                sr_.error(DiagnosticCode::wrong_shape, n, "`from` takes one date",
                          "a window starts once; `until` may list several ends");
            if (!b.empty()) c.window.from = std::move(b.front());
        }
        if (auto n = m.get("until"); n.defined()) c.window.until = bounds(n, "`until`");
        if (auto n = required("effect"); n.defined()) {
            auto s = sr_.text(n, "the effect");
            static const std::vector<std::pair<std::string, model::Effect>> effects = {
                {"permit", model::Effect::Permit},
                {"forbid", model::Effect::Forbid},
                {"consent", model::Effect::Consent},
                {"oblige", model::Effect::Oblige},
                {"grant", model::Effect::Grant}};
            bool found = false;
            for (const auto& [name, e] : effects)
                if (s == name) c.effect = e, found = true;
            if (s && !found) {
                std::vector<std::string> names;
                for (const auto& [name, e] : effects)
                    names.push_back(name);
                auto hint = util::did_you_mean(*s, names);
                sr_.error(DiagnosticCode::unknown_keyword, n, "unknown effect `" + *s + "`",
                          hint.empty() ? "an effect is " + util::one_of(names) : hint);
            }
        }
        if (auto n = m.get("consent_of"); n.defined())
            c.consent_of_id = sr_.identifier(n, "the consenting party").value_or("");
        if (auto n = m.get("consequence"); n.defined()) {
            MapReader cm(ctx_, file_, n, "a consequence", {"party", "text", "until"});
            if (cm.is_map()) {
                model::Consequence q;
                q.where = cm.place();
                if (auto p = cm.require("party"); p.defined()) {
                    q.party_id = sr_.identifier(p, "the party").value_or("");
                    q.party_where = sr_.place(p);
                }
                if (auto t = cm.require("text"); t.defined())
                    q.text = sr_.text(t, "the text").value_or("");
                if (auto u = cm.get("until"); u.defined()) q.until = bounds(u, "`until`");
                c.consequence = std::move(q);
            }
        }
        if (auto n = m.get("exception_to"); n.defined())
            c.exception_to_ids = sr_.identifier_list(n, "a clause id", &c.exception_to_where);
        if (auto n = m.get("replaces"); n.defined())
            c.replaces_ids = sr_.identifier_list(n, "a clause id", &c.replaces_where);
        if (auto n = m.get("amends"); n.defined())
            c.amends_id = sr_.identifier(n, "the amended clause id").value_or("");
    }
};

} // namespace

void load_agreement(Context& ctx, std::uint32_t file, std::uint32_t agreement,
                    const yaml::Document& document) {
    auto root = document.root();
    if (!root.defined()) return;
    AgreementLoader(ctx, file, agreement).load(root);
}

} // namespace dealcheck::loader
