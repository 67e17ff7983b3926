// The history as aggregates read it: for each aggregate of the deal, the events it
// matches, by date, with running totals, so that a sum or a count over any window is
// two binary searches. Built by the compiler from the checked events; read by the
// evaluator through Env.
#pragma once

#include "program/program.hpp"

#include <vector>

namespace dealcheck::compiler {

struct AggregateTable {
    std::vector<Date> dates;           // of the matching events, ascending
    std::vector<std::uint32_t> events; // the history event of each, for explanations
    std::vector<Value> values;         // what each adds: 1, or its amount (unknown if none)
    // Over the first i events, i = 0..size: the total (Money or Number; unknown from
    // the first one whose value is unknown or past what a value holds exactly), and
    // how many of them have an unknown `where` or value.
    std::vector<Value> totals;
    std::vector<std::uint32_t> unknowns;

    // Events in [from, through]: [first, last) indexes.
    std::pair<std::size_t, std::size_t> range(Date from, Date through) const;
};

struct History {
    std::vector<AggregateTable> tables;
};

// The sum (or count) of an aggregate over its events in [from, through], before the
// asked action is added: unknown when one of them is.
Value aggregate_total(const Aggregate& a, const AggregateTable& t, Date from, Date through);

} // namespace dealcheck::compiler
