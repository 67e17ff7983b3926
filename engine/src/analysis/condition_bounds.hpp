// What a clause's condition says about single attributes, read from its top-level
// conjunction without the solver: the enum values it allows an attribute (`market == us
// and channel in [oem, retail]`), and the range it allows a money attribute (`amount >=
// 1M USD and amount < 100M USD`). A condition holds only where the attributes it compares
// are given, and a question gives each one value: two clauses that leave an attribute no
// common value never both apply, and the planner need not ask the solver whether they
// conflict.
#pragma once

#include "program/program.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace dealcheck::analysis {

struct ConditionBounds {
    // attribute -> bit set of the enum values allowed
    std::vector<std::pair<std::uint32_t, std::uint64_t>> enums;
    // A money attribute's allowed amounts in one currency, in cents: [lo, hi].
    struct Range {
        std::uint32_t attribute;
        Currency currency;
        std::int64_t lo, hi;
    };
    std::vector<Range> money;
};

ConditionBounds condition_bounds(const compiler::Program& when);

// No question satisfies both: some attribute has no value both allow.
bool disjoint(const ConditionBounds& a, const ConditionBounds& b);

} // namespace dealcheck::analysis
