#include "question/question_file.hpp"

#include "dealcheck/deal.hpp"
#include "loader/yaml_reader.hpp"
#include "question/phrase.hpp"

namespace dealcheck::question {

std::optional<Question> parse_question_text(const CompiledDeal& deal, std::string_view text,
                                            const std::string& name, Diagnostics& diags) {
    if (text.size() > max_question_bytes) { // as for a rule file (docs/limits.md)
        Diagnostic d(DiagnosticCode::question_too_large);
        d.where = SourceLocation{name, 1, 1};
        d.message = "the question is more than " + std::to_string(max_question_bytes >> 20) +
                    " MiB, the limit for a question file";
        diags.add(std::move(d));
        return std::nullopt;
    }
    model::Deal scratch; // holds the question's text for located errors
    loader::Context ctx(scratch, diags);
    auto file = ctx.add_file(name, std::string(text));
    std::size_t errors_before = diags.error_count();
    auto document = loader::parse_yaml(ctx, file);
    auto root = document.root();
    if (!root.defined()) return std::nullopt;
    loader::MapReader m(ctx, file, root, "a question",
                        {"question", "party", "action", "attributes", "date", "period", "facts",
                         "consents", "readings"});
    if (!m.is_map()) return std::nullopt;
    loader::ScalarReader sr(ctx, file);
    if (auto phrase = m.get("question"); phrase.defined()) {
        for (const char* key :
             {"party", "action", "attributes", "facts", "consents", "date", "period", "readings"})
            if (m.get(key).defined())
                sr.error(DiagnosticCode::conflicting_keys, m.get(key),
                         std::string("`") + key + "` cannot be used with `question`",
                         "give the phrase alone, or the structured fields alone");
        auto s = sr.text(phrase, "the question");
        if (!s || diags.error_count() > errors_before) return std::nullopt;
        return parse_phrase(deal, *s, diags);
    }
    Question q;
    if (auto n = m.require("party"); n.defined()) q.party = sr.text(n, "the party").value_or("");
    if (auto n = m.require("action"); n.defined()) q.action = sr.text(n, "the action").value_or("");
    if (auto n = m.get("date"); n.defined()) q.date = sr.date(n, "the date");
    if (auto n = m.get("period"); n.defined()) { // {from: DATE, until: DATE}, both included
        loader::MapReader p(ctx, file, n, "a period", {"from", "until"});
        if (p.is_map()) {
            auto from = p.require("from"), until = p.require("until");
            auto f = from.defined() ? sr.date(from, "the period's first day") : std::nullopt;
            auto u = until.defined() ? sr.date(until, "the period's last day") : std::nullopt;
            if (f && u) q.period = Period{*f, *u};
        }
    }
    auto pairs = [&](const loader::yaml::Node& n, std::map<std::string, std::string>& out,
                     const std::string& what) {
        if (!n.defined() || n.is_null()) return;
        if (!n.is_map()) {
            sr.error(DiagnosticCode::wrong_shape, n, what + " must be a map of names to values");
            return;
        }
        for (auto [k, v] : n.entries()) {
            auto key = sr.text(k, "a name");
            if (!key) continue;
            if (out.count(*key)) {
                sr.error(DiagnosticCode::duplicate_key, k,
                         "duplicate key `" + *key + "` in " + what);
                continue;
            }
            if (v.is_list()) { // a set: [aws, gcp]
                std::string joined;
                for (auto item : v.items())
                    if (auto s = sr.text(item, "a value"))
                        joined += (joined.empty() ? "" : ", ") + *s;
                out[*key] = joined;
            } else if (auto s = sr.text(v, "a value")) {
                out[*key] = *s;
            }
        }
    };
    pairs(m.get("attributes"), q.attributes, "`attributes`");
    pairs(m.get("facts"), q.facts, "`facts`");
    if (auto n = m.get("consents"); n.defined()) q.consents = sr.text_list(n, "a party");
    if (auto n = m.get("readings"); n.defined()) q.readings = sr.text_list(n, "a reading");
    if (diags.error_count() > errors_before) return std::nullopt;
    return q;
}

} // namespace dealcheck::question
