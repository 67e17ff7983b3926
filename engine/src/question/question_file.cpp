#include "question/question_file.hpp"

#include "loader/yaml_reader.hpp"
#include "question/phrase.hpp"

namespace dealcheck::question {

std::optional<Question> parse_question_text(const CompiledDeal& deal, std::string_view text,
                                            const std::string& name, Diagnostics& diags) {
    if (text.size() > limits::max_file_bytes) { // as for a rule file (docs/limits.md)
        Diagnostic d;
        d.where = SourceLocation{name, 1, 1};
        d.message = "the question is " + std::to_string(text.size()) + " bytes; the limit is " +
                    std::to_string(limits::max_file_bytes >> 20) + " MiB";
        diags.add(std::move(d));
        return std::nullopt;
    }
    model::Deal scratch; // holds the question's text for located errors
    loader::Context ctx(scratch, diags);
    auto file = ctx.add_file(name, std::string(text));
    std::size_t errors_before = diags.error_count();
    auto root = loader::parse_yaml(ctx, file);
    if (!root.IsDefined()) return std::nullopt;
    loader::MapReader m(ctx, file, root, "a question",
                        {"question", "party", "action", "attributes", "date", "facts", "consents", "readings"});
    if (!m.is_map()) return std::nullopt;
    loader::ScalarReader sr(ctx, file);
    if (auto phrase = m.get("question"); phrase.IsDefined()) {
        for (const char* key : {"party", "action", "attributes", "facts", "consents", "date", "readings"})
            if (m.get(key).IsDefined()) sr.error(m.get(key), std::string("`") + key + "` cannot be used with `question`",
                                                 "give the phrase alone, or the structured fields alone");
        auto s = sr.text(phrase, "the question");
        if (!s || diags.error_count() > errors_before) return std::nullopt;
        return parse_phrase(deal, *s, diags);
    }
    Question q;
    if (auto n = m.require("party"); n.IsDefined()) q.party = sr.text(n, "the party").value_or("");
    if (auto n = m.require("action"); n.IsDefined()) q.action = sr.text(n, "the action").value_or("");
    if (auto n = m.get("date"); n.IsDefined()) q.date = sr.date(n, "the date");
    auto pairs = [&](const YAML::Node& n, std::map<std::string, std::string>& out, const std::string& what) {
        if (!n.IsDefined() || n.IsNull()) return;
        if (!n.IsMap()) {
            sr.error(n, what + " must be a map of names to values");
            return;
        }
        for (auto it = n.begin(); it != n.end(); ++it) {
            auto key = sr.text(it->first, "a name");
            if (!key) continue;
            if (out.count(*key)) {
                sr.error(it->first, "duplicate key `" + *key + "` in " + what);
                continue;
            }
            if (it->second.IsSequence()) { // a set: [aws, gcp]
                std::string joined;
                for (const auto& item : it->second)
                    if (auto s = sr.text(item, "a value")) joined += (joined.empty() ? "" : ", ") + *s;
                out[*key] = joined;
            } else if (auto v = sr.text(it->second, "a value")) {
                out[*key] = *v;
            }
        }
    };
    pairs(m.get("attributes"), q.attributes, "`attributes`");
    pairs(m.get("facts"), q.facts, "`facts`");
    if (auto n = m.get("consents"); n.IsDefined()) q.consents = sr.text_list(n, "a party");
    if (auto n = m.get("readings"); n.IsDefined()) q.readings = sr.text_list(n, "a reading");
    if (diags.error_count() > errors_before) return std::nullopt;
    return q;
}

} // namespace dealcheck::question
