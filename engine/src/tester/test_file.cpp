#include "tester/test_file.hpp"

#include "loader/load.hpp"
#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"

#include <algorithm>
#include <filesystem>

namespace dealcheck::tester {

namespace {

const std::vector<std::string> verdicts = {"permitted", "forbidden", "needs-consent", "not-covered",
                                           "depends"};
const std::vector<std::string> expectation_keys = {"verdict",     "default",      "consent_of",
                                                   "deciding",    "consequences", "depends_on",
                                                   "obligations", "powers"};

class TestFileReader {
  public:
    TestFileReader(loader::Context& ctx, std::uint32_t file)
        : ctx_(ctx), file_(file), sr_(ctx, file) {}

    std::vector<TestCase> read(const loader::yaml::Node& root) {
        loader::MapReader m(ctx_, file_, root, "a test file", {"cases"});
        if (!m.is_map()) return {};
        auto cases = m.require("cases");
        if (!cases.defined()) return {};
        if (!cases.is_list()) {
            sr_.error(cases, "`cases` must be a list of test cases");
            return {};
        }
        for (auto c : cases.items())
            test_case(c);
        return std::move(out_);
    }

  private:
    loader::Context& ctx_;
    std::uint32_t file_;
    loader::ScalarReader sr_;
    std::vector<TestCase> out_;

    void expectation(const loader::yaml::Node& n, Expectation& e,
                     const std::vector<std::string>& allowed_extra = {}) {
        auto allowed = expectation_keys;
        allowed.insert(allowed.end(), allowed_extra.begin(), allowed_extra.end());
        loader::MapReader m(ctx_, file_, n, "an expectation", allowed);
        if (!m.is_map()) return;
        if (auto v = m.get("verdict"); v.defined()) {
            auto s = sr_.text(v, "the verdict");
            if (s && std::find(verdicts.begin(), verdicts.end(), *s) == verdicts.end())
                sr_.error(v, "unknown verdict `" + *s + "`",
                          "a verdict is one of permitted, forbidden, needs-consent, not-covered, "
                          "depends");
            else if (s)
                e.verdict = *s;
        }
        if (auto v = m.get("default"); v.defined()) e.default_verdict = sr_.text(v, "the default");
        auto list = [&](const char* key, std::optional<std::vector<std::string>>& out) {
            if (auto v = m.get(key); v.defined())
                out = sr_.text_list(v, std::string("`") + key + "`");
        };
        list("consent_of", e.consent_of);
        list("deciding", e.deciding);
        list("consequences", e.consequences);
        list("depends_on", e.depends_on);
        auto states = [&](const char* key, std::vector<std::pair<std::string, std::string>>& out) {
            auto v = m.get(key);
            if (!v.defined()) return;
            if (!v.is_map()) {
                sr_.error(v, std::string("`") + key + "` must map ids to states",
                          "for example `{pay-balance: violated, deliver-goods: fulfilled}`");
                return;
            }
            for (auto [k, state] : v.entries())
                if (auto s = sr_.text(state, "a state"))
                    out.emplace_back(std::string(k.scalar()), *s);
        };
        states("obligations", e.obligations);
        states("powers", e.powers);
    }

    // A question expects a verdict; a status expects states.
    static bool expects_something(const TestCase& c) {
        return c.status.empty() ? c.expect.verdict.has_value()
                                : !c.expect.obligations.empty() || !c.expect.powers.empty();
    }

    static std::string substitute(std::string text,
                                  const std::map<std::string, std::string>& values) {
        for (const auto& [k, v] : values) {
            std::string key = "{" + k + "}";
            for (auto pos = text.find(key); pos != std::string::npos;
                 pos = text.find(key, pos + v.size()))
                text.replace(pos, key.size(), v);
        }
        return text;
    }

    void test_case(const loader::yaml::Node& n) {
        loader::MapReader m(
            ctx_, file_, n, "a test case",
            {"name", "ask", "question", "status", "history", "expect", "table", "skip"});
        if (!m.is_map()) return;
        TestCase base;
        base.where = m.where();
        if (auto v = m.require("name"); v.defined())
            base.name = sr_.text(v, "the name").value_or("");
        auto ask = m.get("ask");
        auto question = m.get("question");
        auto status = m.get("status");
        if (ask.defined() + question.defined() + status.defined() != 1) {
            ctx_.error(base.where,
                       "a test case needs one question: `ask: \"<phrase>\"`, a structured "
                       "`question:`, or `status: <date>` for the obligations' states");
            return;
        }
        if (auto v = m.get("history"); v.defined()) {
            auto path = sr_.text(v, "the history file").value_or("");
            base.history =
                (std::filesystem::path(ctx_.deal().files[file_].path).parent_path() / path)
                    .lexically_normal()
                    .string();
        }
        if (status.defined()) {
            base.status = sr_.text(status, "the status date").value_or("");
            base.question_where = sr_.at(status);
        } else if (ask.defined()) {
            base.phrase = sr_.text(ask, "the question").value_or("");
            base.question_where = sr_.at(ask);
        } else {
            if (!question.is_map()) {
                sr_.error(
                    question,
                    "`question` must be a map {party, action, attributes, date, facts, consents}");
                return;
            }
            base.question_where = sr_.at(question);
            base.question_yaml = loader::yaml::flow_text(question);
        }
        if (auto v = m.get("skip"); v.defined())
            base.skip = sr_.text(v, "the skip reason").value_or("skipped");
        if (auto v = m.get("expect"); v.defined()) expectation(v, base.expect);
        auto table = m.get("table");
        if (!table.defined()) {
            if (!expects_something(base))
                ctx_.error(base.where,
                           "test case `" + base.name + "` " +
                               (base.status.empty() ? "expects no verdict"
                                                    : "expects no obligation or power state"),
                           base.status.empty() ? "add `expect: {verdict: ...}`"
                                               : "add `expect: {obligations: {...}}` or `powers`");
            out_.push_back(std::move(base));
            return;
        }
        if (!table.is_list() || table.size() == 0) {
            sr_.error(table, "`table` must be a list of rows");
            return;
        }
        for (auto row : table.items()) {
            if (!row.is_map()) {
                sr_.error(row, "a table row must be a map of values and expectations");
                continue;
            }
            TestCase c = base;
            c.where = sr_.at(row);
            std::map<std::string, std::string> values;
            std::vector<std::string> extra;
            for (auto [k, v] : row.entries()) {
                auto key = std::string(k.scalar());
                if (std::find(expectation_keys.begin(), expectation_keys.end(), key) !=
                    expectation_keys.end())
                    continue;
                extra.push_back(key);
                if (auto s = sr_.text(v, "a table value")) values[key] = *s;
            }
            expectation(row, c.expect, extra);
            std::string label;
            for (const auto& [k, v] : values)
                label += (label.empty() ? "" : ", ") + k + "=" + v;
            c.name = base.name + " [" + label + "]";
            c.phrase = substitute(c.phrase, values);
            c.question_yaml = substitute(c.question_yaml, values);
            c.status = substitute(c.status, values);
            if (!expects_something(c))
                ctx_.error(c.where, "row of `" + base.name + "` expects no verdict");
            out_.push_back(std::move(c));
        }
    }
};

} // namespace

std::vector<TestCase> read_test_file(const std::string& path, Diagnostics& diags) {
    model::Deal scratch; // holds the file's text for located errors
    loader::Context ctx(scratch, diags);
    auto file = loader::read_file(ctx, path, {});
    if (!file) return {};
    auto document = loader::parse_yaml(ctx, *file);
    auto root = document.root();
    if (!root.defined()) return {};
    return TestFileReader(ctx, *file).read(root);
}

} // namespace dealcheck::tester
