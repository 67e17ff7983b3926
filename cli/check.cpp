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
        // "1 obligation", "2 obligations"; zero obligations, powers or events go unsaid.
        auto count = [](std::size_t n, std::string one, std::string many) {
            return std::to_string(n) + " " + (n == 1 ? one : many);
        };
        auto optional = [&](std::size_t n, const char* one, const char* many) {
            return n ? ", " + count(n, one, many) : std::string();
        };
        summary_out(*o) << s.id << ": " << count(s.parties.size(), "party", "parties") << ", "
                        << count(s.actions.size(), "action kind", "action kinds") << ", "
                        << count(s.agreements.size(), "agreement", "agreements") << ", "
                        << count(s.clause_count, "clause", "clauses")
                        << optional(s.obligations.size(), "obligation", "obligations")
                        << optional(s.powers.size(), "power", "powers")
                        << optional(s.event_count, "event", "events") << ": no errors\n";
        return static_cast<int>(permitted);
    };
}

} // namespace dealcheck::cli
