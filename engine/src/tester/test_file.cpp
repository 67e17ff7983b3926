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

    // The file's cases; errors of the file as a whole (it holds no list of cases, or keys
    // besides `cases`) are left in the diagnostics for the caller.
    std::vector<TestCase> read(const loader::yaml::Node& root) {
        loader::MapReader m(ctx_, file_, root, "a test file", {"cases"});
        if (!m.is_map()) return {};
        auto cases = m.require("cases");
        if (!cases.defined()) return {};
        if (!cases.is_list()) {
            sr_.error(DiagnosticCode::wrong_shape, cases, "`cases` must be a list of test cases");
            return {};
        }
        file_errors_ = ctx_.diagnostics().error_count();
        for (auto c : cases.items())
            test_case(c);
        return std::move(out_);
    }

    // Errors before the first case: those of the file as a whole.
    std::size_t file_errors() const { return file_errors_; }

  private:
    loader::Context& ctx_;
    std::uint32_t file_;
    loader::ScalarReader sr_;
    std::vector<TestCase> out_;
    std::size_t file_errors_ = 0;

    // The errors added since `mark`: those of what was read since.
    std::vector<Diagnostic> since(std::size_t mark) const {
        std::vector<Diagnostic> out;
        const auto& items = ctx_.diagnostics().items();
        for (auto i = mark; i < items.size(); ++i)
            if (items[i].severity == Severity::Error) out.push_back(items[i]);
        return out;
    }

    // Reads an expectation into `e`; true when it has a `verdict` key (a valid one or not).
    bool expectation(const loader::yaml::Node& n, Expectation& e,
                     const std::vector<std::string>& allowed_extra = {}) {
        auto allowed = expectation_keys;
        allowed.insert(allowed.end(), allowed_extra.begin(), allowed_extra.end());
        loader::MapReader m(ctx_, file_, n, "an expectation", allowed);
        if (!m.is_map()) return false;
        auto v = m.get("verdict");
        if (v.defined()) {
            auto s = sr_.text(v, "the verdict");
            if (s && std::find(verdicts.begin(), verdicts.end(), *s) == verdicts.end())
                sr_.error(DiagnosticCode::unknown_verdict, v, "unknown verdict `" + *s + "`",
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
            auto n = m.get(key);
            if (!n.defined()) return;
            if (!n.is_map()) {
                sr_.error(DiagnosticCode::wrong_shape, n,
                          std::string("`") + key + "` must map ids to states",
                          "for example `{pay-balance: violated, deliver-goods: fulfilled}`");
                return;
            }
            for (auto [k, state] : n.entries())
                if (auto s = sr_.text(state, "a state"))
                    out.emplace_back(std::string(k.scalar()), *s);
        };
        states("obligations", e.obligations);
        states("powers", e.powers);
        return v.defined();
    }

    // A question expects a verdict; a status case, states of obligations or powers.
    static bool expects_something(const TestCase& c, bool verdict_given) {
        return c.status.empty() ? verdict_given
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
        auto mark = ctx_.diagnostics().items().size();
        TestCase base;
        base.where = sr_.at(n);
        base.name = "case at line " + std::to_string(base.where.line);
        loader::yaml::Node table;
        bool verdict_given = false;
        if (!read_case(n, base, table, verdict_given)) {
            base.problems = since(mark);
            out_.push_back(std::move(base));
            return;
        }
        if (!table.defined()) {
            if (!expects_something(base, verdict_given))
                ctx_.error(DiagnosticCode::missing_key, base.where,
                           "test case `" + base.name + "` " +
                               (base.status.empty() ? "expects no verdict"
                                                    : "expects no obligation or power state"),
                           base.status.empty() ? "add `expect: {verdict: ...}`"
                                               : "add `expect: {obligations: {...}}` or `powers`");
            base.problems = since(mark);
            out_.push_back(std::move(base));
            return;
        }
        if (!table.is_list() || table.size() == 0) {
            sr_.error(DiagnosticCode::invalid_table, table, "`table` must be a list of rows");
            base.problems = since(mark);
            out_.push_back(std::move(base));
            return;
        }
        base.problems = since(mark);
        for (auto row : table.items())
            table_row(row, base);
    }

    static inline const std::vector<std::string> case_keys = {
        "name", "ask", "question", "status", "history", "expect", "table", "skip"};

    // The case's own keys, and its table; false when it has no question to ask.
    bool read_case(const loader::yaml::Node& n, TestCase& base, loader::yaml::Node& table,
                   bool& verdict_given) {
        loader::MapReader m(ctx_, file_, n, "a test case", case_keys);
        if (!m.is_map()) return false;
        table = m.get("table");
        if (auto v = m.require("name"); v.defined())
            base.name = sr_.text(v, "the name").value_or(base.name);
        auto ask = m.get("ask");
        auto question = m.get("question");
        auto status = m.get("status");
        if (ask.defined() + question.defined() + status.defined() != 1) {
            ctx_.error(DiagnosticCode::missing_key, base.where,
                       "a test case needs one question: `ask: \"<phrase>\"`, a structured "
                       "`question:`, or `status: <date>` for the obligations' states");
            return false;
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
                    DiagnosticCode::wrong_shape, question,
                    "`question` must be a map {party, action, attributes, date, facts, consents}");
                return false;
            }
            base.question_where = sr_.at(question);
            base.question_yaml = loader::yaml::flow_text(question);
        }
        if (auto v = m.get("skip"); v.defined())
            base.skip = sr_.text(v, "the skip reason").value_or("skipped");
        if (auto v = m.get("expect"); v.defined()) verdict_given = expectation(v, base.expect);
        return true;
    }

    // One case per row: the row's values fill the question's {placeholders}.
    void table_row(const loader::yaml::Node& row, const TestCase& base) {
        auto mark = ctx_.diagnostics().items().size();
        TestCase c = base;
        c.where = sr_.at(row);
        if (!row.is_map()) {
            sr_.error(DiagnosticCode::invalid_table, row,
                      "a table row must be a map of values and expectations");
            c.name = base.name + " [row at line " + std::to_string(c.where.line) + "]";
            auto problems = since(mark);
            c.problems.insert(c.problems.end(), problems.begin(), problems.end());
            out_.push_back(std::move(c));
            return;
        }
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
        bool verdict_given = expectation(row, c.expect, extra) || base.expect.verdict;
        std::string label;
        for (const auto& [k, v] : values)
            label += (label.empty() ? "" : ", ") + k + "=" + v;
        c.name = base.name + " [" + label + "]";
        c.phrase = substitute(c.phrase, values);
        c.question_yaml = substitute(c.question_yaml, values);
        c.status = substitute(c.status, values);
        if (!expects_something(c, verdict_given))
            ctx_.error(DiagnosticCode::invalid_table, c.where,
                       "row of `" + base.name + "` expects " +
                           (c.status.empty() ? "no verdict" : "no state"));
        auto problems = since(mark);
        c.problems.insert(c.problems.end(), problems.begin(), problems.end());
        out_.push_back(std::move(c));
    }
};

} // namespace

std::vector<TestCase> read_test_file(const std::string& path, Diagnostics& diags) {
    model::Deal scratch; // holds the file's text for located errors
    Diagnostics own;     // this file's, to tell the file's errors from its cases'
    loader::Context ctx(scratch, own);
    std::vector<TestCase> cases;
    std::size_t file_errors = 0;
    if (auto file = loader::read_file(ctx, path, {})) {
        auto document = loader::parse_yaml(ctx, *file);
        if (auto root = document.root(); root.defined()) {
            TestFileReader reader(ctx, *file);
            cases = reader.read(root);
            file_errors = cases.empty() ? own.error_count() : reader.file_errors();
        } else {
            file_errors = own.error_count();
        }
    } else {
        file_errors = own.error_count();
    }
    // A file that cannot be run as a whole is a case of its own, so that a report shows it.
    if (file_errors > 0) {
        TestCase whole;
        whole.name = path;
        whole.where = {path, 0, 0};
        for (const auto& d : own.items())
            if (d.severity == Severity::Error && whole.problems.size() < file_errors)
                whole.problems.push_back(d);
        cases.insert(cases.begin(), std::move(whole));
    }
    for (const auto& d : own.items())
        diags.add(d);
    return cases;
}

} // namespace dealcheck::tester
