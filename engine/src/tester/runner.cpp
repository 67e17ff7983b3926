// Runs regression cases against a deal and measures which clauses they exercise.
#include "dealcheck/render.hpp"
#include "dealcheck/tester.hpp"
#include "model/deal.hpp"
#include "tester/test_file.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

namespace dealcheck {

namespace fs = std::filesystem;

std::size_t TestRun::passed() const {
    return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), [](const auto& c) {
        return c.status == TestCaseResult::Status::Passed;
    }));
}
std::size_t TestRun::failed() const {
    return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), [](const auto& c) {
        return c.status == TestCaseResult::Status::Failed;
    }));
}
std::size_t TestRun::skipped() const {
    return static_cast<std::size_t>(std::count_if(cases.begin(), cases.end(), [](const auto& c) {
        return c.status == TestCaseResult::Status::Skipped;
    }));
}
std::size_t TestRun::errors() const {
    return cases.size() - passed() - failed() - skipped();
}
double TestRun::coverage() const {
    auto total = covered.size() + uncovered.size();
    return total == 0 ? 100.0
                      : 100.0 * static_cast<double>(covered.size()) / static_cast<double>(total);
}

std::vector<std::string> find_test_files(const std::string& deal_path) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::path root = deal_path;
    if (fs::is_regular_file(root, ec)) root = root.parent_path();
    for (const auto& entry : fs::directory_iterator(root / "tests", ec)) {
        auto ext = entry.path().extension();
        if (entry.is_regular_file(ec) && (ext == ".yaml" || ext == ".yml"))
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

namespace {

std::string join(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return "[" + out + "]";
}

void compare_set(const char* what, const std::optional<std::vector<std::string>>& expected,
                 std::vector<std::string> actual, std::vector<std::string>& failures) {
    if (!expected) return;
    auto e = *expected;
    std::sort(e.begin(), e.end());
    std::sort(actual.begin(), actual.end());
    actual.erase(std::unique(actual.begin(), actual.end()), actual.end());
    if (e != actual)
        failures.push_back(std::string(what) + ": expected " + join(e) + ", got " + join(actual));
}

void check(const tester::Expectation& e, const Answer& a, std::vector<std::string>& failures) {
    std::string verdict(verdict_word(a.verdict)), default_verdict(verdict_word(a.default_verdict));
    if (e.verdict && *e.verdict != verdict)
        failures.push_back("verdict: expected " + *e.verdict + ", got " + verdict);
    if (e.default_verdict &&
        (a.verdict != VerdictKind::NotCovered || *e.default_verdict != default_verdict))
        failures.push_back(
            "default: expected " + *e.default_verdict + ", got " +
            (a.verdict == VerdictKind::NotCovered ? default_verdict : "no default applied"));
    compare_set("consent_of", e.consent_of, a.consent_of, failures);
    auto deciding = model::ids_of(a.deciding);
    std::vector<std::string> consequences, depends;
    for (const auto& c : a.consequences)
        consequences.push_back(c.clause.id);
    for (const auto& d : a.depends_on)
        depends.push_back(d.name);
    compare_set("deciding", e.deciding, deciding, failures);
    compare_set("consequences", e.consequences, consequences, failures);
    compare_set("depends_on", e.depends_on, depends, failures);
}

// Clauses an answer exercised: it decided, was overridden, conflicted, or triggered.
void exercised(const Answer& a, std::set<std::string>& out) {
    for (const auto& c : a.deciding)
        out.insert(c.id);
    for (const auto& o : a.overridden)
        out.insert(o.clause.id);
    for (const auto& c : a.consequences)
        out.insert(c.clause.id);
    for (const auto& c : a.conflicts)
        out.insert(c.clauses.begin(), c.clauses.end());
}

// "pending", "fulfilled late", "pending, suspended": what a status case compares.
std::string state_words(const ObligationStatus& o) {
    std::string s(to_string(o.state));
    if (o.suspended) s += ", suspended";
    if (o.late) s += " late";
    return s;
}

void check_status(const tester::Expectation& e, const DealStatus& s,
                  const std::vector<std::string>& declared, std::vector<std::string>& failures) {
    for (const auto& [key, expected] : e.obligations) {
        auto hash = key.find('#');
        auto id = key.substr(0, hash);
        int instance = hash == std::string::npos ? 0 : std::atoi(key.c_str() + hash + 1);
        if (std::find(declared.begin(), declared.end(), id) == declared.end()) {
            failures.push_back("obligations: the deal has no obligation `" + id + "`");
            continue;
        }
        // The last instance triggered, or the one named.
        const ObligationStatus* found = nullptr;
        for (const auto& o : s.obligations)
            if (o.id == id && (instance == 0 || o.instance == instance)) found = &o;
        auto actual = found ? state_words(*found) : std::string("not triggered");
        if (actual != expected)
            failures.push_back("obligation " + key + ": expected " + expected + ", got " + actual);
    }
    for (const auto& [name, expected] : e.powers) {
        const std::string& id = name; // a structured binding cannot be captured (clang 14)
        auto it = std::find_if(s.powers.begin(), s.powers.end(),
                               [&](const PowerStatus& p) { return p.id == id; });
        if (it == s.powers.end()) {
            failures.push_back("powers: the deal has no power `" + id + "`");
            continue;
        }
        if (std::string(to_string(it->state)) != expected)
            failures.push_back("power " + id + ": expected " + expected + ", got " +
                               std::string(to_string(it->state)));
    }
}

// Obligations and powers a status case exercised: every one whose state it checked.
void exercised(const tester::Expectation& e, std::set<std::string>& out) {
    for (const auto& [key, state] : e.obligations)
        out.insert(key.substr(0, key.find('#')));
    for (const auto& [id, state] : e.powers)
        out.insert(id);
}

// A question's diagnostics, located at the case that asks it.
std::vector<Diagnostic> relocate(const Diagnostics& from, const tester::TestCase& c) {
    std::vector<Diagnostic> out;
    for (auto d : from.items()) {
        d.message = "test `" + c.name + "`: " + d.message;
        if (d.where.file == "<question>") {
            d.where = c.question_where;
            d.source_line.clear();
        }
        out.push_back(std::move(d));
    }
    return out;
}

bool selected(const tester::TestCase& c, const TestOptions& options) {
    if (!options.filter.empty() && c.name.find(options.filter) == std::string::npos) return false;
    return !options.name_matches || options.name_matches(c.name);
}

// Runs one case; exercised clauses are added to `covered`.
TestCaseResult run_case(const Deal& deal, const tester::TestCase& c, const TestOptions& options,
                        std::set<std::string>& covered) {
    TestCaseResult r;
    r.name = c.name;
    r.where = c.where;
    r.question = c.phrase.empty() ? c.question_yaml : c.phrase;
    auto cannot_run = [&](std::vector<Diagnostic> why) {
        r.status = TestCaseResult::Status::Error;
        r.errors = std::move(why);
        return r;
    };
    if (!c.problems.empty()) return cannot_run(c.problems);
    if (!c.skip.empty()) {
        r.status = TestCaseResult::Status::Skipped;
        r.skip_reason = c.skip;
        return r;
    }
    if (!c.status.empty()) {
        auto as_of = parse_date(c.status);
        if (!as_of) {
            Diagnostic d(DiagnosticCode::test_cannot_run);
            d.where = c.question_where;
            d.message = "test `" + c.name + "`: the status date `" + c.status + "` is not a date";
            d.hint = "write `status: YYYY-MM-DD`";
            return cannot_run({std::move(d)});
        }
        r.question = "status as of " + c.status;
        auto status = deal.status(*as_of);
        check_status(c.expect, status, deal.summary().obligations, r.failures);
        r.status =
            r.failures.empty() ? TestCaseResult::Status::Passed : TestCaseResult::Status::Failed;
        exercised(c.expect, covered);
        r.deal_status = std::move(status);
        return r;
    }
    auto q = c.phrase.empty() ? deal.parse_question_text(c.question_yaml, c.where.file)
                              : deal.parse_phrase(c.phrase);
    if (!q.question) return cannot_run(relocate(q.diagnostics, c));
    auto answer = deal.ask(*q.question, options.today);
    if (!answer.answer) return cannot_run(relocate(answer.diagnostics, c));
    check(c.expect, *answer.answer, r.failures);
    r.status = r.failures.empty() ? TestCaseResult::Status::Passed : TestCaseResult::Status::Failed;
    exercised(*answer.answer, covered);
    r.answer = std::move(answer.answer);
    return r;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TestRun run_tests(const Deal& own, const std::vector<std::string>& files,
                  const TestOptions& options) {
    TestRun run;
    run.started = std::chrono::system_clock::now();
    auto run_start = std::chrono::steady_clock::now();
    std::set<std::string> covered;
    // The deal with each case's own history in place of its own, loaded once per file.
    std::map<std::string, LoadResult> with_history;
    auto history_deal = [&](const std::string& history) -> const LoadResult& {
        auto it = with_history.find(history);
        if (it == with_history.end()) {
            auto load = options.load;
            load.own_history = false;
            load.history = {history};
            it = with_history.emplace(history, Deal::load(options.deal_path, load)).first;
        }
        return it->second;
    };
    std::size_t done = 0, total = 0;
    for (const auto& file : files) {
        Diagnostics read;
        auto cases = tester::read_test_file(file, read);
        total += cases.size();
        for (const auto& d : read.items())
            if (d.severity == Severity::Warning) run.diagnostics.add(d);
        // The errors of the cases run, once each (a table's rows share their case's).
        std::set<std::pair<std::string, std::string>> reported;
        for (const auto& c : cases) {
            if (options.on_progress) options.on_progress(done++, total);
            // A file that cannot be read is reported whatever the selection.
            bool whole_file = c.where.line == 0;
            if (!whole_file && !selected(c, options)) continue;
            auto start = std::chrono::steady_clock::now();
            const Deal* deal = &own;
            if (!c.history.empty() && c.problems.empty()) {
                const auto& loaded = history_deal(c.history);
                if (!loaded.deal) {
                    TestCaseResult r;
                    r.name = c.name;
                    r.where = c.where;
                    r.status = TestCaseResult::Status::Error;
                    r.errors = relocate(loaded.diagnostics, c);
                    for (const auto& d : r.errors)
                        if (reported.insert({render(d), d.message}).second) run.diagnostics.add(d);
                    run.cases.push_back(std::move(r));
                    continue;
                }
                deal = &*loaded.deal;
            }
            auto r = run_case(*deal, c, options, covered);
            r.seconds = seconds_since(start);
            for (const auto& d : r.errors)
                if (reported.insert({render(d), d.message}).second) run.diagnostics.add(d);
            run.cases.push_back(std::move(r));
        }
    }
    // Coverage counts obligations and powers beside clauses.
    auto summary = own.summary();
    for (const auto* ids : {&summary.clauses, &summary.obligations, &summary.powers})
        for (const auto& id : *ids)
            (covered.count(id) ? run.covered : run.uncovered).push_back(id);
    run.seconds = seconds_since(run_start);
    return run;
}

std::string summary_line(const TestRun& run) {
    std::string s =
        std::to_string(run.passed()) + " passed, " + std::to_string(run.failed()) + " failed";
    if (run.errors() > 0)
        s += ", " + std::to_string(run.errors()) + (run.errors() == 1 ? " error" : " errors");
    if (run.skipped() > 0) s += ", " + std::to_string(run.skipped()) + " skipped";
    return s;
}

std::string render_failure(const TestCaseResult& c) {
    std::string out =
        "FAIL " + c.name + "  (" + c.where.file + ":" + std::to_string(c.where.line) + ")\n";
    out += "  question: " + c.question + "\n";
    for (const auto& f : c.failures)
        out += "  " + f + "\n";
    if (c.deal_status)
        for (const auto& o : c.deal_status->obligations) {
            out += "    " + o.id + " #" + std::to_string(o.instance) + " " + state_words(o) +
                   " since " + format_date(o.since);
            if (!o.steps.empty()) out += ": " + o.steps.back().text;
            out += "\n";
        }
    if (c.answer) {
        out += "  answer: " + std::string(to_string(c.answer->verdict));
        if (!c.answer->consent_of.empty()) out += " of " + join(c.answer->consent_of);
        out += " on " + format_date(c.answer->date) + "\n";
        for (const auto& d : c.answer->deciding)
            out += "    decided by " + d.id + " [" + d.effect + "] " + d.where.file + ":" +
                   std::to_string(d.where.line) + "\n";
        std::string seen;
        for (const auto& [k, v] : c.answer->question.attributes)
            seen += (seen.empty() ? "" : ", ") + k + "=" + v;
        for (const auto& f : c.answer->assumed)
            seen += (seen.empty() ? "" : ", ") + f.name + "=" + f.value + " (assumed)";
        for (const auto& [k, v] : c.answer->question.facts)
            seen += (seen.empty() ? "" : ", ") + k + "=" + v;
        if (!seen.empty()) out += "    values seen: " + seen + "\n";
    }
    return out;
}

} // namespace dealcheck
