// dealcheck status: the deal's obligations and powers as of a date, from its history.
#include "commands.hpp"
#include "dealcheck/render.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

std::function<int()> add_status(CLI::App& app) {
    struct Options {
        Common common;
        std::string as_of;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "status", "List the deal's obligations and powers as of a date, with what is owed and why");
    add_rules(*cmd, o->common);
    cmd->add_option("--as-of", o->as_of, "The date to read the history up to (default: today)");
    cmd->add_flag("--json", o->common.json, "Print the status as JSON");
    add_error_format(*cmd, o->common);
    cmd->footer("Exit codes: 0 shown, 3 rule errors, 64 usage.");
    return [o]() -> int {
        auto as_of = o->as_of.empty() ? std::optional<Date>(today()) : parse_date(o->as_of);
        if (!as_of) {
            std::cerr << "dealcheck: --as-of takes a date YYYY-MM-DD, not `" << o->as_of << "`\n";
            return usage;
        }
        auto deal = load(o->common);
        if (!deal) return rule_errors;
        auto status = deal->status(*as_of);
        std::cout << (o->common.json ? render_status_json(status) + "\n"
                                     : render_status_text(status, {use_colour(1)}));
        return permitted;
    };
}

} // namespace dealcheck::cli
