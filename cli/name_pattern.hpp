// `test --run REGEX`: which cases to run, by a regular expression over their names.
#pragma once

#include <functional>
#include <string>

namespace dealcheck::cli {

// A POSIX extended regular expression (as `grep -E` takes it), found anywhere in a name.
// glibc's matcher does not recurse per character as std::regex does, so a long name cannot
// exhaust the stack. An empty function, with `error` set, when `pattern` is not one.
std::function<bool(const std::string&)> name_pattern(const std::string& pattern,
                                                     std::string& error);

} // namespace dealcheck::cli
