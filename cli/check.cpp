// dealcheck check: load and check a deal, print every problem; with --dump, also its
// compiled form.
#include "commands.hpp"
#include "dealcheck/dump.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

std::function<int()> add_check(CLI::App& app) {
    auto o = std::make_shared<Common>();
    auto dump = std::make_shared<bool>(false);
    auto* cmd =
        app.add_subcommand("check", "Load and check a deal's rule files; print every error");
    add_rules(*cmd, *o);
    add_error_format(*cmd, *o);
    cmd->add_flag("--dump", *dump,
                  "Also print the compiled form: each clause's window and condition program, "
                  "and the decision index (for maintainers)");
    cmd->footer("Exit codes: 0 no errors, 3 rule errors, 64 usage.");
    return [o, dump] {
        auto deal = load(*o);
        if (!deal) return static_cast<int>(rule_errors);
        if (*dump) std::cout << dump_compiled(*deal);
        auto s = deal->summary();
        summary_out(*o) << s.id << ": " << s.parties.size() << " parties, " << s.actions.size()
                        << " action kinds, " << s.agreements.size() << " agreements, "
                        << s.clause_count << " clauses"
                        << (s.obligations.empty()
                                ? ""
                                : ", " + std::to_string(s.obligations.size()) + " obligations")
                        << (s.powers.empty() ? ""
                                             : ", " + std::to_string(s.powers.size()) + " powers")
                        << (s.event_count ? ", " + std::to_string(s.event_count) + " events" : "")
                        << ": no errors\n";
        return static_cast<int>(permitted);
    };
}

} // namespace dealcheck::cli
