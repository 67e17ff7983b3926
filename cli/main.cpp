// dealcheck: the command line. Parses arguments and dispatches; no engine logic here.
#include "commands.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <malloc.h>

namespace {

// A flag the command does not have, with the nearest one it has: `--jsn` gets "did you
// mean `--json`?". False when every flag given is known (the error is another one).
bool unknown_flag(CLI::App& app, int argc, char** argv) {
    CLI::App* command = &app;
    std::string name = "dealcheck";
    int first = 1;
    if (argc > 1 && argv[1][0] != '-') {
        try {
            command = app.get_subcommand(argv[1]);
        } catch (const CLI::OptionNotFound&) {
            return false;
        }
        name += std::string(" ") + argv[1];
        first = 2;
    }
    std::vector<std::string> flags;
    for (const auto* option : command->get_options()) {
        for (const auto& l : option->get_lnames())
            flags.push_back("--" + l);
        for (const auto& s : option->get_snames())
            flags.push_back("-" + s);
    }
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") break;
        if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;
        arg = arg.substr(0, arg.find('='));
        if (std::find(flags.begin(), flags.end(), arg) != flags.end()) continue;
        // One letter is too little to guess from.
        auto hint = arg.size() > 2 ? dealcheck::did_you_mean(arg, flags) : "";
        std::cerr << name << ": unknown flag `" << arg << "`" << (hint.empty() ? "" : "; " + hint)
                  << "\n  " << name << " --help lists its flags\n";
        return true;
    }
    return false;
}

// A command is one short process that builds its deal once and exits. glibc would
// hand each large list to mmap and give freed memory back to the kernel, only to fault
// it in again: a third of loading a 100,000-event history (docs/performance.md).
// `serve` runs for long and keeps glibc's defaults.
void keep_memory_for_the_run() {
    mallopt(M_MMAP_THRESHOLD, 32 << 20); // glibc's largest
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
}

} // namespace

int main(int argc, char** argv) {
    using namespace dealcheck::cli;
    CLI::App app{"dealcheck: is this action permitted under the deal, and why?", "dealcheck"};
    app.set_version_flag("--version", std::string("dealcheck ") + DEALCHECK_VERSION);
    app.require_subcommand(1);
    app.footer(program_footer());
    // Each subcommand registers its flags and hands back how to run it.
    const std::vector<std::pair<std::string, std::function<int()>>> commands = {
        {"ask", add_ask(app)},           {"check", add_check(app)},   {"test", add_test(app)},
        {"timeline", add_timeline(app)}, {"batch", add_batch(app)},   {"analyze", add_analyze(app)},
        {"diff", add_diff(app)},         {"init", add_init(app)},     {"vocab", add_vocab(app)},
        {"serve", add_serve(app)},       {"status", add_status(app)}, {"compile", add_compile(app)},
    };
    one_value_per_flag(app);
    // No subcommand: say which there are. A word that is none: the nearest one.
    if (argc < 2) {
        std::cerr << app.help()
                  << "\ndealcheck: give a subcommand, e.g. `dealcheck ask "
                     "\"OpenAI acquires Windsurf on 2025-06-01\"`\n";
        return usage;
    }
    if (std::string first = argv[1]; !first.empty() && first[0] != '-') {
        std::vector<std::string> names;
        for (const auto& command : commands)
            names.push_back(command.first);
        if (std::find(names.begin(), names.end(), first) == names.end()) {
            auto hint = dealcheck::did_you_mean(first, names);
            std::cerr << "dealcheck: unknown subcommand `" << first << "`"
                      << (hint.empty() ? "" : "; " + hint) << "\n  the subcommands are ";
            for (std::size_t i = 0; i < names.size(); ++i)
                std::cerr << (i ? ", " : "") << names[i];
            std::cerr << "; dealcheck --help says more\n";
            return usage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e); // --help, --version
    } catch (const CLI::ParseError& e) {
        if (!unknown_flag(app, argc, argv)) app.exit(e);
        return usage; // CLI11's own codes (105, 106...) all mean a usage error here
    }
    if (!app.got_subcommand("serve")) keep_memory_for_the_run();
    try {
        for (const auto& [name, run] : commands)
            if (app.got_subcommand(name)) return run();
    } catch (const std::exception& e) {
        std::cerr << "dealcheck: internal error: " << e.what() << "\n";
        return internal_error;
    }
    return usage;
}
