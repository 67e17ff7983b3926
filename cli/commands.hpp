// One function per subcommand: registers its flags, and runs it once parsed.
#pragma once

#include <CLI/App.hpp>
#include <functional>

namespace dealcheck::cli {

// Each returns the runner to call if the subcommand was chosen; it returns the exit code.
std::function<int()> add_ask(CLI::App& app);
std::function<int()> add_check(CLI::App& app);
std::function<int()> add_compile(CLI::App& app);
std::function<int()> add_test(CLI::App& app);
std::function<int()> add_timeline(CLI::App& app);
std::function<int()> add_batch(CLI::App& app);
std::function<int()> add_analyze(CLI::App& app);
std::function<int()> add_diff(CLI::App& app);
std::function<int()> add_init(CLI::App& app);
std::function<int()> add_vocab(CLI::App& app);
std::function<int()> add_serve(CLI::App& app);
std::function<int()> add_status(CLI::App& app);

} // namespace dealcheck::cli
