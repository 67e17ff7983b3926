// dealcheck test: run a deal's regression cases, report failures and clause coverage.
#include "commands.hpp"
#include "options.hpp"

#include "dealcheck/tester.hpp"

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
    options.today = today();
    if (!o.today.empty()) {
        auto d = parse_date(o.today);
        if (!d) {
            std::cerr << "dealcheck: --today takes a date YYYY-MM-DD, not `" << o.today << "`\n";
            return usage;
        }
        options.today = *d;
    }
    auto files = o.files.empty() ? find_test_files(rules_path(o.common)) : o.files;
    if (files.empty()) {
        std::cerr << "dealcheck: no test files: put them in " << rules_path(o.common) << "/tests/*.yaml\n";
        return usage;
    }
    auto run = run_tests(*deal, files, options);
    bool colour = use_colour(1);
    for (const auto& c : run.cases) {
        if (c.status == TestCaseResult::Status::Failed)
            std::cout << (colour ? "\033[1;31m" : "") << render_failure(c) << (colour ? "\033[0m" : "");
        else if (o.verbose)
            std::cout << (c.status == TestCaseResult::Status::Passed ? "ok   " : "skip ") << c.name << "\n";
    }
    std::cerr << render(run.diagnostics, use_colour(2));
    if (!o.junit.empty()) {
        std::ofstream out(o.junit);
        out << render_junit(run, deal->summary().id);
        if (!out) {
            std::cerr << "dealcheck: cannot write " << o.junit << "\n";
            return usage;
        }
    }
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.1f", run.coverage());
    std::cout << "clause coverage: " << run.covered.size() << "/" << run.covered.size() + run.uncovered.size()
              << " (" << pct << "%)";
    if (!run.uncovered.empty() && o.filter.empty()) {
        std::cout << "; not exercised:";
        for (const auto& id : run.uncovered) std::cout << " " << id;
    }
    std::cout << "\n" << summary_line(run) << "\n";
    if (run.diagnostics.has_errors()) return rule_errors;
    if (run.failed() > 0) return forbidden;
    if (run.coverage() + 1e-9 < o.min_coverage) {
        std::cout << "clause coverage " << pct << "% is below --min-coverage " << o.min_coverage << "%\n";
        return forbidden;
    }
    return permitted;
}

} // namespace

std::function<int()> add_test(CLI::App& app) {
    auto o = std::make_shared<TestCommand>();
    auto* cmd = app.add_subcommand("test", "Run the deal's regression tests (rules/<deal>/tests/*.yaml)");
    cmd->add_option("files", o->files, "Test files (default: the deal's tests/*.yaml)");
    cmd->add_option("--rules", o->common.rules, "The deal folder (default: $DEALCHECK_RULES, then the bundled deal)");
    cmd->add_option("--filter", o->filter, "Run only the cases whose name contains this text");
    cmd->add_option("--junit", o->junit, "Also write a JUnit XML report to this file");
    cmd->add_option("--min-coverage", o->min_coverage, "Fail when fewer than PCT percent of clauses are exercised")
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_option("--today", o->today, "The date for questions that give none (default: today)");
    cmd->add_flag("-v,--verbose", o->verbose, "List every case, not just failures");
    cmd->footer("Exit codes: 0 all passed, 1 a case failed or coverage too low, 3 rule or test-file errors, 64 usage.");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
