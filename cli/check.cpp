// dealcheck check: load and check a deal, print every problem.
#include "commands.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

std::function<int()> add_check(CLI::App& app) {
    auto o = std::make_shared<Common>();
    auto* cmd =
        app.add_subcommand("check", "Load and check a deal's rule files; print every error");
    add_rules(*cmd, *o);
    add_error_format(*cmd, *o);
    cmd->footer("Exit codes: 0 no errors, 3 rule errors, 64 usage.");
    return [o] {
        auto deal = load(*o);
        if (!deal) return static_cast<int>(rule_errors);
        auto s = deal->summary();
        summary_out(*o) << s.id << ": " << s.parties.size() << " parties, " << s.actions.size()
                        << " action kinds, " << s.agreements.size() << " agreements, "
                        << s.clause_count << " clauses: no errors\n";
        return static_cast<int>(permitted);
    };
}

} // namespace dealcheck::cli
