// The limits that keep hostile rule files from exhausting time, memory or the stack.
// Each has its own error message; docs/limits.md lists them. The expression limits
// (length, nesting) live beside the grammar, in syntax/grammar.hpp.
#pragma once

#include <cstddef>

namespace dealcheck::limits {

// yaml-cpp reads ~15 MB/s and the loader reads each file twice (loader/yaml_reader.cpp):
// these sizes keep the largest deal under a second.
inline constexpr std::size_t max_file_bytes = 2 * 1024 * 1024; // one rule file
inline constexpr std::size_t max_deal_bytes = 4 * 1024 * 1024; // all files of a deal
inline constexpr std::size_t max_files = 1000;                 // files of a deal
inline constexpr int max_yaml_depth = 64;                      // nested YAML collections
inline constexpr std::size_t max_yaml_nodes = 100'000;         // in all files of a deal
// The text of all YAML values of a deal, aliases expanded (what the loaders copy).
inline constexpr std::size_t max_yaml_text = 16 * 1024 * 1024;
inline constexpr std::size_t max_clauses = 5000; // clauses of a deal
// A condition with its definitions expanded: how deeply definitions may name other
// definitions, and how many operations the result may hold.
inline constexpr int max_definition_depth = 32;
inline constexpr int max_expression_depth = 1000; // nested operations
inline constexpr std::size_t max_condition_size = 20'000;
// Diagnostics kept for one run: Diagnostics::max_kept (dealcheck/diagnostic.hpp).

} // namespace dealcheck::limits
