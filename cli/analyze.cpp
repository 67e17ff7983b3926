// dealcheck analyze: conflicts, dead and shadowed clauses, and gaps, found with Z3;
// each finding with an example question the evaluator has answered.
#include "commands.hpp"
#include "dealcheck/analysis.hpp"
#include "options.hpp"
#include "progress.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

namespace {

struct AnalyzeCommand {
    Common common;
    unsigned timeout_ms = 10000;
    unsigned jobs = 0;
    unsigned steps = 0;
    std::string cache;
    bool stats = false;
};

int run(const AnalyzeCommand& o) {
    auto deal = load(o.common);
    if (!deal) return rule_errors;
    AnalysisOptions options;
    options.timeout_ms = o.timeout_ms;
    options.jobs = o.jobs;
    options.solver_steps = o.steps;
    options.cache_file = o.cache;
    auto report = [&] {
        // The engine reports each finished bucket under its own lock: one thread at a time.
        Progress progress("dealcheck analyze", "buckets", !o.common.json);
        options.progress = [&](std::size_t done, std::size_t total) {
            progress.update(done, total);
        };
        return analyze(*deal, options);
    }();
    if (!report.cache_saved)
        std::cerr << "dealcheck analyze: cannot write the cache " << o.cache << "\n";
    if (o.common.json) {
        std::cout << render_json(report) << "\n";
    } else {
        // --error-format json|github: each error and warning also as a diagnostic at its
        // first clause; with json the text report moves to stderr.
        if (o.common.error_format != ErrorFormat::Human)
            cli::report(finding_diagnostics(report, rules_path(o.common) + "/deal.yaml"), o.common);
        bool to_stderr = o.common.error_format == ErrorFormat::Json;
        summary_out(o.common) << render_text(report, {use_colour(to_stderr ? 2 : 1)});
    }
    if (o.stats) std::cerr << report.deal << ": " << render_stats(report.stats) << "\n";
    // Findings are certain even when other checks were not done; "nothing found" is not.
    if (!report.clean()) return forbidden;
    return report.incomplete.empty() ? permitted : incomplete;
}

} // namespace

std::function<int()> add_analyze(CLI::App& app) {
    auto o = std::make_shared<AnalyzeCommand>();
    auto* cmd = app.add_subcommand(
        "analyze", "Find conflicting, dead and shadowed clauses and coverage gaps (Z3)");
    add_rules(*cmd, o->common);
    cmd->add_flag("--json", o->common.json, "Print the findings as JSON (docs/analysis.md)");
    cmd->add_option("--timeout-ms", o->timeout_ms,
                    "Time limit of each solver query, in milliseconds (1 to 3600000)")
        ->check(CLI::Range(1u, 3600000u).description(""))
        ->type_name("MS");
    cmd->add_option("--jobs", o->jobs,
                    "Buckets (action kind and party) checked at once (default: one per core)")
        ->check(CLI::Range(1u, 1024u).description(""))
        ->type_name("N");
    cmd->add_option("--solver-steps", o->steps,
                    "Work the solver may do on each check, in Z3 resource units (default: no "
                    "limit); like --timeout-ms, but the same on every machine")
        ->check(CLI::Range(1u, 4000000000u).description(""))
        ->type_name("N");
    cmd->add_option("--cache", o->cache,
                    "Keep results by bucket content in FILE: a run after an edit checks again only "
                    "what the edited clauses meet")
        ->type_name("FILE");
    add_error_format(*cmd, o->common);
    cmd->add_flag("--stats", o->stats,
                  "Print the number of solver queries and the time taken (stderr)");
    cmd->footer("Exit codes: 0 no errors or warnings (notes allowed), 1 findings, 3 rule errors, "
                "5 incomplete (some checks not done) and no findings, 64 usage.\n"
                "Each finding has an example: paste it into `dealcheck ask`.");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
