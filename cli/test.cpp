// dealcheck test: run a deal's regression cases, report failures and clause coverage.
#include "commands.hpp"
#include "dealcheck/tester.hpp"
#include "name_pattern.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "watch.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace dealcheck::cli {

namespace {

struct TestCommand {
    Common common;
    std::vector<std::string> files;
    std::string filter, name_like, junit, today;
    double min_coverage = 0;
    bool verbose = false, watch = false;
};

int run(const TestCommand& o) {
    TestOptions options;
    options.filter = o.filter;
    if (!o.name_like.empty()) {
        std::string error;
        options.name_matches = name_pattern(o.name_like, error);
        if (!options.name_matches) {
            std::cerr << "dealcheck test: --run takes a regular expression; `" << o.name_like
                      << "` is not one (" << error << ")\n";
            return usage;
        }
    }
    options.deal_path = rules_path(o.common);
    options.load = load_options(o.common);
    auto deal = load(o.common);
    if (!deal) return rule_errors;
    // An image's tests, and the deal its what-if histories reload, are its folder's.
    if (is_deal_image(options.deal_path)) {
        auto folder = deal->summary().folder;
        options.deal_path = folder.empty() ? "." : folder;
    }
    auto day = today_option(o.today);
    if (!day) return usage;
    options.today = *day;
    auto files = o.files.empty() ? find_test_files(options.deal_path) : o.files;
    if (files.empty()) {
        std::cerr << "dealcheck: no test files: put them in " << options.deal_path
                  << "/tests/*.yaml\n";
        return usage;
    }
    TestRun run;
    {
        Progress progress("dealcheck test", "cases", !o.common.json);
        options.on_progress = [&](std::size_t done, std::size_t total) {
            progress.update(done, total);
        };
        run = run_tests(*deal, files, options);
    }
    if (!o.junit.empty()) {
        std::ofstream junit(o.junit);
        junit << render_junit(run, deal->summary().id);
        if (!junit) {
            std::cerr << "dealcheck: cannot write " << o.junit << "\n";
            return io_error;
        }
    }
    if (o.common.json) {
        std::cout << render_test_json(run, deal->summary().id) << std::endl;
        std::cerr << summary_line(run) << "\n";
    }
    // Human output reads as a report; json and github give each failure as a diagnostic
    // located at its case, and keep the summary below for people.
    bool human = o.common.error_format == ErrorFormat::Human;
    auto& out = o.common.json ? std::cerr : summary_out(o.common);
    bool colour = human && use_colour(1);
    Diagnostics failures;
    for (const auto& c : run.cases) {
        if (o.common.json) break; // all of it is in the document
        if (c.status == TestCaseResult::Status::Failed && human)
            out << (colour ? "\033[1;31m" : "") << render_failure(c) << (colour ? "\033[0m" : "");
        else if (c.status == TestCaseResult::Status::Failed)
            failures.add(failure_diagnostic(c));
        else if (o.verbose && c.status != TestCaseResult::Status::Error)
            out << (c.status == TestCaseResult::Status::Passed ? "ok   " : "skip ") << c.name
                << "\n";
    }
    if (!o.common.json) {
        report(run.diagnostics, o.common);
        report(failures, o.common);
    }
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f", run.coverage());
    out << "clause coverage: " << run.covered.size() << "/"
        << run.covered.size() + run.uncovered.size() << " (" << pct << "%)";
    if (!run.uncovered.empty() && o.filter.empty() && o.name_like.empty()) {
        out << "; not exercised:";
        for (const auto& id : run.uncovered)
            out << " " << id;
    }
    if (!o.common.json) out << "\n" << summary_line(run) << "\n";
    out << std::flush;
    if (run.diagnostics.has_errors() || run.errors() > 0) return rule_errors;
    if (run.failed() > 0) return forbidden;
    if (run.coverage() + 1e-9 < o.min_coverage) {
        out << "clause coverage " << pct << "% is below --min-coverage " << o.min_coverage << "%\n";
        return forbidden;
    }
    return permitted;
}

// Runs the tests, then again whenever a file of the deal or a test file changes, until
// interrupted.
[[noreturn]] void watch(const TestCommand& o) {
    namespace fs = std::filesystem;
    std::vector<std::string> watched = {rules_path(o.common)};
    watched.insert(watched.end(), o.files.begin(), o.files.end());
    watched.insert(watched.end(), o.common.history.begin(), o.common.history.end());
    for (;;) {
        auto before = file_states(watched);
        run(o);
        std::cerr << "dealcheck test: watching " << rules_path(o.common)
                  << " for changes (Ctrl-C to stop)" << std::endl;
        wait_for_change(watched, before);
        std::cerr << "dealcheck test: files changed; running again" << std::endl;
    }
}

} // namespace

std::function<int()> add_test(CLI::App& app) {
    auto o = std::make_shared<TestCommand>();
    auto* cmd =
        app.add_subcommand("test", "Run the deal's regression tests (rules/<deal>/tests/*.yaml)");
    cmd->add_option("files", o->files, "Test files (default: the deal's tests/*.yaml)");
    add_rules(*cmd, o->common);
    cmd->add_option("--filter", o->filter, "Run only the cases whose name contains this text")
        ->type_name("TEXT");
    cmd->add_option("--run", o->name_like,
                    "Run only the cases whose name matches this regular expression (as grep -E)")
        ->type_name("REGEX");
    cmd->add_option("--junit", o->junit, "Also write a JUnit XML report to this file")
        ->type_name("FILE");
    cmd->add_flag(
        "--json", o->common.json,
        "Print the whole report as one JSON document (docs/schema/test-report.schema.json)");
    cmd->add_flag(
        "--watch", o->watch,
        "Run again whenever a file of the deal or a test file changes, until interrupted");
    cmd->add_option("--min-coverage", o->min_coverage,
                    "Fail when fewer than PCT percent of clauses are exercised (0 to 100)")
        ->check(CLI::Range(0.0, 100.0).description(""))
        ->type_name("PCT");
    cmd->add_option("--today", o->today, "The date for questions that give none (default: today)")
        ->type_name("DATE");
    cmd->add_flag("-v,--verbose", o->verbose, "List every case, not just failures");
    add_error_format(*cmd, o->common);
    cmd->footer("Exit codes: 0 all passed, 1 a case failed or coverage too low, 3 rule or "
                "test-file errors or a case that cannot run, 64 usage, 74 the JUnit report cannot "
                "be written.");
    return [o] {
        if (o->watch) watch(*o);
        return run(*o);
    };
}

} // namespace dealcheck::cli
