// dealcheck test: run a deal's regression cases, report failures and clause coverage.
#include "commands.hpp"
#include "dealcheck/tester.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

namespace dealcheck::cli {

namespace {

struct TestCommand {
    Common common;
    std::vector<std::string> files;
    std::string filter, junit, today;
    double min_coverage = 0;
    bool verbose = false;
};

int run(const TestCommand& o) {
    auto deal = load(o.common);
    if (!deal) return rule_errors;
    TestOptions options;
    options.filter = o.filter;
    options.deal_path = rules_path(o.common);
    options.load = load_options(o.common);
    auto day = today_option(o.today);
    if (!day) return usage;
    options.today = *day;
    auto files = o.files.empty() ? find_test_files(rules_path(o.common)) : o.files;
    if (files.empty()) {
        std::cerr << "dealcheck: no test files: put them in " << rules_path(o.common)
                  << "/tests/*.yaml\n";
        return usage;
    }
    auto run = run_tests(*deal, files, options);
    // Human output reads as a report; json and github give each failure as a diagnostic
    // located at its case, and keep the summary below for people.
    bool human = o.common.error_format == ErrorFormat::Human;
    auto& out = summary_out(o.common);
    bool colour = human && use_colour(1);
    Diagnostics failures;
    for (const auto& c : run.cases) {
        if (c.status == TestCaseResult::Status::Failed && human)
            out << (colour ? "\033[1;31m" : "") << render_failure(c) << (colour ? "\033[0m" : "");
        else if (c.status == TestCaseResult::Status::Failed)
            failures.add(failure_diagnostic(c));
        else if (o.verbose)
            out << (c.status == TestCaseResult::Status::Passed ? "ok   " : "skip ") << c.name
                << "\n";
    }
    report(run.diagnostics, o.common);
    report(failures, o.common);
    if (!o.junit.empty()) {
        std::ofstream junit(o.junit);
        junit << render_junit(run, deal->summary().id);
        if (!junit) {
            std::cerr << "dealcheck: cannot write " << o.junit << "\n";
            return usage;
        }
    }
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f", run.coverage());
    out << "clause coverage: " << run.covered.size() << "/"
        << run.covered.size() + run.uncovered.size() << " (" << pct << "%)";
    if (!run.uncovered.empty() && o.filter.empty()) {
        out << "; not exercised:";
        for (const auto& id : run.uncovered)
            out << " " << id;
    }
    out << "\n" << summary_line(run) << "\n";
    if (run.diagnostics.has_errors()) return rule_errors;
    if (run.failed() > 0) return forbidden;
    if (run.coverage() + 1e-9 < o.min_coverage) {
        out << "clause coverage " << pct << "% is below --min-coverage " << o.min_coverage << "%\n";
        return forbidden;
    }
    return permitted;
}

} // namespace

std::function<int()> add_test(CLI::App& app) {
    auto o = std::make_shared<TestCommand>();
    auto* cmd =
        app.add_subcommand("test", "Run the deal's regression tests (rules/<deal>/tests/*.yaml)");
    cmd->add_option("files", o->files, "Test files (default: the deal's tests/*.yaml)");
    add_rules(*cmd, o->common);
    cmd->add_option("--filter", o->filter, "Run only the cases whose name contains this text");
    cmd->add_option("--junit", o->junit, "Also write a JUnit XML report to this file");
    cmd->add_option("--min-coverage", o->min_coverage,
                    "Fail when fewer than PCT percent of clauses are exercised")
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_option("--today", o->today, "The date for questions that give none (default: today)");
    cmd->add_flag("-v,--verbose", o->verbose, "List every case, not just failures");
    add_error_format(*cmd, o->common);
    cmd->footer("Exit codes: 0 all passed, 1 a case failed or coverage too low, 3 rule or "
                "test-file errors, 64 usage.");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
