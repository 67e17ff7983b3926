// Which of a deal's obligations and powers a question (an action by a party) is about:
// the ones its timeline shows, and the relations its answer's `owed` and `powers` read.
// Defined here once (docs/cli.md, "dealcheck timeline").
#pragma once

#include "model/deal.hpp"

#include <cstdint>
#include <vector>

namespace dealcheck::evaluator {

// The asked action by the asking party performs obligation `o`: the party owes it, and
// an event of the action fulfils (or pays towards) it.
bool performs(const model::Obligation& o, std::uint32_t action, std::uint32_t party);
// The asked action by the asking party starts an instance of obligation `o`.
bool triggers(const model::Obligation& o, std::uint32_t action, std::uint32_t party);
// The asking party holds power `p` over the asked action: open, it permits it.
bool holds_power(const model::Power& p, std::uint32_t action, std::uint32_t party);

// By index into the deal's obligations and powers: which are related to the question.
struct Related {
    std::vector<bool> obligations, powers;
    std::size_t count() const; // how many of both are
};

// An obligation is related when the asked action performs or triggers it; a power when
// the asking party holds it over the asked action. What opens a related power is
// related too: the obligation whose violation opens it, or the power whose exercise
// does (and, in turn, what opens that one).
Related related(const model::Deal& deal, std::uint32_t action, std::uint32_t party);
// Every obligation and power of the deal.
Related every(const model::Deal& deal);

} // namespace dealcheck::evaluator
