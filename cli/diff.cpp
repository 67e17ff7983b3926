// dealcheck diff: the questions whose verdict differs between two versions of a deal
// (OLD_RULES NEW_RULES) or between two dates of one deal (--as-of D1 --as-of D2).
#include "commands.hpp"
#include "dealcheck/analysis.hpp"
#include "dealcheck/tester.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

namespace dealcheck::cli {

namespace {

struct DiffCommand {
    Common common;
    std::vector<std::string> paths, as_of;
    unsigned timeout_ms = 10000, steps = 0, jobs = 0;
    std::size_t max = 24;
    bool no_tests = false, tests_only = false, hypothetical = false, stats = false, all = false;
};

// The questions of a deal's regression tests, as the deal read them.
void test_questions(const Deal& deal, const std::string& path, DiffOptions& options) {
    auto files = find_test_files(path);
    if (files.empty()) return;
    TestOptions t;
    t.today = today();
    auto run = run_tests(deal, files, t);
    for (const auto& c : run.cases) {
        if (!c.answer) continue;
        const Question& q = c.answer->question;
        bool seen =
            std::any_of(options.tests.begin(), options.tests.end(),
                        [&](const DiffOptions::TestQuestion& x) { return x.question == q; });
        if (!seen) options.tests.push_back({c.name, c.where, q});
    }
}

int run(const DiffCommand& o) {
    if (!o.paths.empty() && o.paths.size() != 2) {
        std::cerr << "dealcheck diff: give two rule folders (OLD_RULES NEW_RULES), or --rules DIR "
                     "with two --as-of dates\n";
        return usage;
    }
    if (!o.paths.empty() && !o.common.rules.empty()) {
        std::cerr << "dealcheck diff: --rules is for one deal as of two dates; with OLD_RULES "
                     "NEW_RULES leave it out\n";
        return usage;
    }
    if (o.paths.empty() && o.as_of.size() != 2) {
        std::cerr << "dealcheck diff: compare two rule folders (OLD_RULES NEW_RULES), or one deal "
                     "as of two dates\n"
                     "  e.g. dealcheck diff --as-of 2026-04-26 --as-of 2026-04-27\n";
        return usage;
    }
    if (o.as_of.size() > 2) {
        std::cerr << "dealcheck diff: --as-of is given at most twice (old date, new date)\n";
        return usage;
    }
    if (o.no_tests && o.tests_only) {
        std::cerr << "dealcheck diff: --no-tests and --tests-only exclude each other\n";
        return usage;
    }
    std::vector<Date> dates;
    for (const auto& text : o.as_of) {
        auto d = parse_date(text);
        if (!d) {
            std::cerr << "dealcheck diff: --as-of takes a date YYYY-MM-DD, not `" << text << "`\n";
            return usage;
        }
        dates.push_back(*d);
    }
    Common old_common = o.common, new_common = o.common;
    if (!o.paths.empty()) {
        old_common.rules = o.paths[0];
        new_common.rules = o.paths[1];
    }
    auto old_deal = load(old_common);
    if (!old_deal) return rule_errors;
    auto new_deal = o.paths.empty() ? old_deal : load(new_common);
    if (!new_deal) return rule_errors;

    DiffOptions options;
    options.timeout_ms = o.timeout_ms;
    options.solver_steps = o.steps;
    options.jobs = o.jobs;
    options.max_per_action = o.max;
    options.symbolic = !o.tests_only;
    options.hypothetical = o.hypothetical;
    options.every_pattern = o.all;
    if (!dates.empty()) {
        options.old_as_of = dates[0];
        options.new_as_of = dates.size() == 2 ? dates[1] : dates[0];
    }
    if (!o.no_tests) {
        test_questions(*old_deal, rules_path(old_common), options);
        if (!o.paths.empty()) test_questions(*new_deal, rules_path(new_common), options);
    }
    auto report = diff(*old_deal, *new_deal, options);
    if (!o.paths.empty()) {
        report.old_label =
            o.paths[0] + (options.old_as_of ? " as of " + format_date(*options.old_as_of) : "");
        report.new_label =
            o.paths[1] + (options.new_as_of ? " as of " + format_date(*options.new_as_of) : "");
    }
    if (o.common.json)
        std::cout << render_json(report) << "\n";
    else
        std::cout << render_text(report, {use_colour(1)});
    if (o.stats) std::cerr << "diff: " << render_stats(report.stats) << "\n";
    // A difference shown is certain even when a search was cut short; "none" is not.
    if (!report.changes.empty()) return forbidden;
    return report.incomplete.empty() ? permitted : incomplete;
}

} // namespace

std::function<int()> add_diff(CLI::App& app) {
    auto o = std::make_shared<DiffCommand>();
    auto* cmd = app.add_subcommand(
        "diff", "Show the questions whose verdict differs between two versions of a deal, "
                "or between two dates");
    cmd->add_option("rules", o->paths, "OLD_RULES NEW_RULES: two versions of a deal's folder");
    add_rules(*cmd, o->common, "One deal, compared as of two dates (default: the bundled deal)");
    cmd->add_option(
           "--as-of", o->as_of,
           "Answer as of this date instead of the question's: twice (old, new) for one deal; "
           "once to fix the date of both versions")
        ->type_name("DATE");
    cmd->add_flag("--json", o->common.json, "Print the differences as JSON (docs/analysis.md)");
    cmd->add_option("--timeout-ms", o->timeout_ms,
                    "Time limit of each solver query, in milliseconds (1 to 3600000)")
        ->check(CLI::Range(1u, 3600000u).description(""))
        ->type_name("MS");
    cmd->add_option("--solver-steps", o->steps,
                    "Work the solver may do on each check, in Z3 resource units (default: no "
                    "limit); like --timeout-ms, but the same on every machine")
        ->check(CLI::Range(1u, 4000000000u).description(""))
        ->type_name("N");
    cmd->add_option("--jobs", o->jobs,
                    "Buckets (action kind and party) searched at once (default: one per core)")
        ->check(CLI::Range(1u, 1024u).description(""))
        ->type_name("N");
    cmd->add_option("--max", o->max,
                    "Differences shown per action kind and party (1 to 10000; default 24)")
        ->check(CLI::Range(1, 10000).description(""))
        ->type_name("N");
    cmd->add_flag("--all", o->all,
                  "An example for each combination of clauses behind a change, not one per change "
                  "of verdict");
    cmd->add_flag("--no-tests", o->no_tests, "Do not ask the regression tests' questions");
    cmd->add_flag("--tests-only", o->tests_only,
                  "Only the regression tests' questions (no solver)");
    cmd->add_flag("--hypothetical", o->hypothetical,
                  "Also questions that give facts against what the rules record for their date");
    cmd->add_flag("--stats", o->stats,
                  "Print the number of solver queries and the time taken (stderr)");
    cmd->footer("Exit codes: 0 no answer differs, 1 some answers differ, 3 rule errors, 5 "
                "incomplete (a search cut short) and no difference found, 64 usage.\n"
                "Examples:\n"
                "  dealcheck diff --as-of 2026-04-26 --as-of 2026-04-27   what the 2026-04-27 "
                "amendment changed\n"
                "  dealcheck diff rules-v1/acme rules-v2/acme             what an edit of the "
                "rules changed");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
