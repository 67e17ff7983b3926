// dealcheck: the command line. Parses arguments and dispatches; no engine logic here.
#include "commands.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
    using namespace dealcheck::cli;
    CLI::App app{"dealcheck: is this action permitted under the deal, and why?"};
    app.set_version_flag("--version", std::string("dealcheck ") + DEALCHECK_VERSION);
    app.require_subcommand(1);
    // Each subcommand registers its flags and hands back how to run it.
    const std::vector<std::pair<std::string, std::function<int()>>> commands = {
        {"ask", add_ask(app)},           {"check", add_check(app)}, {"test", add_test(app)},
        {"timeline", add_timeline(app)}, {"batch", add_batch(app)}, {"analyze", add_analyze(app)},
        {"diff", add_diff(app)},         {"init", add_init(app)},
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e); // --help, --version
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return usage; // CLI11's own codes (105, 106...) all mean a usage error here
    }
    try {
        for (const auto& [name, run] : commands)
            if (app.got_subcommand(name)) return run();
    } catch (const std::exception& e) {
        std::cerr << "dealcheck: internal error: " << e.what() << "\n";
        return 70;
    }
    return usage;
}
