// Runs the built dealcheck binary as a user would, capturing what it prints.
#pragma once

#include "temp_dir.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck::e2e {

struct Run {
    int exit_code = -1; // the exit status, or 128 + the signal that ended it
    std::string out, err;

    // The first line of standard output, without its newline.
    std::string first_line() const;
};

// Changes to the inherited environment: a value sets the variable, nullopt unsets it.
// DEALCHECK_RULES and NO_COLOR are always unset unless given here.
using EnvChanges = std::map<std::string, std::optional<std::string>>;

// Runs the dealcheck binary under test with `args`; its standard input is `input`,
// or empty (/dev/null) when none is given.
Run cli(const std::vector<std::string>& args, const EnvChanges& env = {},
        const std::optional<std::string>& input = std::nullopt);

using TempDir = test::TempDir;

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

} // namespace dealcheck::e2e
