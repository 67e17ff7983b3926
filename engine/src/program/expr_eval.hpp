// Three-valued evaluation of a Program against one question. Beside the Program
// (not in evaluator/) so that every stage that holds a Program may evaluate it: the
// checker folds constant bounds with it.
#pragma once

#include "program/history.hpp"
#include "program/program.hpp"

#include <span>
#include <vector>

namespace dealcheck::evaluator {

// What a program reads: attribute values by global attribute index, fact values by
// fact index (already merged with what the rules record as known), the date, and for
// aggregates the history and the action being asked (which counts as taking place).
struct Env {
    std::span<const Value> attributes;
    std::span<const Value> facts;
    Date date{};
    const compiler::History* history = nullptr; // none: no events
    std::uint32_t action = compiler::no_slot, party = compiler::no_slot;
};

// The first day of the window aggregate `a` ranges over on `date`.
Date window_start(const compiler::Aggregate& a, Date date);
// The total of aggregate `a`: the history's events in its window, plus the asked action
// when it is one of them (with no history, the asked action alone).
Value evaluate_aggregate(const compiler::Aggregate& a, const Env& env);

Value evaluate(const compiler::Program& p, const Env& env);
// The value of one instruction of `p` (a sub-expression), for the fast path's
// fallback on what it does not flatten.
Value evaluate_at(const compiler::Program& p, std::uint32_t instr, const Env& env);
// A condition: true, false, or unknown when it hinges on an unknown value.
Tri holds(const compiler::Program& p, const Env& env);

// The instructions instruction `i` of `p` reads, in order (an aggregate's `where` is a
// program of its own, not among them).
std::vector<std::uint32_t> operands(const compiler::Program& p, std::uint32_t i);

} // namespace dealcheck::evaluator
