// The limits that keep hostile rule files from exhausting time, memory or the stack.
// Each has its own error message; docs/limits.md lists them. The expression limits
// (length, nesting) live beside the grammar, in syntax/grammar.hpp.
#pragma once

#include <cstddef>

namespace dealcheck::limits {

inline constexpr std::size_t max_file_bytes = 2 * 1024 * 1024; // one rule file
inline constexpr int max_yaml_depth = 64;                      // nested YAML collections

// The limits on a deal as a whole, chosen when it is loaded (LoadOptions::large).
struct DealLimits {
    std::size_t bytes;      // all files of a deal
    std::size_t files;      // manifest, vocabulary and agreement files
    std::size_t yaml_nodes; // in all files, aliases expanded
    std::size_t yaml_text;  // the text of all YAML values, aliases expanded
    std::size_t clauses;
    bool large; // the raised set: its errors cannot suggest `--large-deal`
};
// For any rule folder, hand-edited or hostile: the largest deal within them loads in
// about a second and 200 MB (tests/bad/largest-valid-deal).
inline constexpr DealLimits standard{8u << 20, 1000, 400'000, 32u << 20, 20'000, false};
// For generated portfolios one trusts (`--large-deal`): 100,000 clauses load in about
// 6 s and 430 MB; these limits allow ten times that.
inline constexpr DealLimits large{256u << 20, 10'000, 16'000'000, 1024u << 20, 1'000'000, true};

// A condition with its definitions expanded: how deeply definitions may name other
// definitions, and how many operations the result may hold.
inline constexpr int max_definition_depth = 32;
inline constexpr int max_expression_depth = 1000; // nested operations
inline constexpr std::size_t max_condition_size = 20'000;
// Diagnostics kept for one run: Diagnostics::max_kept (dealcheck/diagnostic.hpp).

} // namespace dealcheck::limits
