// The deal in the form the evaluator needs: names resolved to indexes, dates as day
// numbers, conditions as Programs, clauses indexed by (action kind, party).
// Immutable once built and shared by every thread.
#pragma once

#include "compiler/decision_index.hpp"
#include "model/deal.hpp"
#include "program/program.hpp"
#include "syntax/grammar.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace dealcheck {

inline constexpr Date first_day{-719162}; // 0001-01-01
inline constexpr Date last_day{2932896};  // 9999-12-31
inline constexpr Date never{2932897};     // after every date: a clause never displaced

struct ClauseCode {
    compiler::Program when; // empty: always
    Date from = first_day;  // validity window, inclusive
    Date until = last_day;
    std::vector<std::uint32_t> until_events; // bool facts that end the window when true
    Date in_force_from = first_day;          // the agreement's effective date
    Date superseded_from = never;            // first day a later agreement displaced it
    std::vector<std::uint32_t> beats;        // clauses it is an exception to, transitively
    std::vector<std::uint32_t> facts;        // facts its applicability reads
    std::vector<std::uint32_t> attributes;   // attributes its applicability reads
    Date consequence_until = last_day;
    std::vector<std::uint32_t> consequence_events;
};

// Lexicon entry kinds for question phrases.
enum class WordKind : std::uint32_t { Party, Verb, Value, Marker, Flag, Filler };

struct EnumRef {
    std::uint32_t enum_index, value_index;
};

class CompiledDeal {
  public:
    model::Deal model;
    std::vector<ClauseCode> clauses;                      // parallel to model.clauses
    std::vector<std::string> strings;                     // interned string literals
    std::vector<std::vector<std::uint32_t>> verb_actions; // WordKind::Verb ids: a verb may
                                                          // name several actions ("buys")
    std::vector<EnumRef> value_words;                     // WordKind::Value ids
    std::vector<std::string> marker_words;                // WordKind::Marker ids
    std::vector<std::string> flag_phrases;                // WordKind::Flag ids
    std::unique_ptr<syntax::Lexicon> lexicon;

    std::span<const std::uint32_t> candidates(std::uint32_t action, std::uint32_t party) const {
        const auto& v = index_[action * model.parties.size() + party];
        return {v.data(), v.size()};
    }
    void build_index();

    // What the fast path (evaluator::decide) reads; built last by compile().
    compiler::DecisionIndex decisions;

  private:
    // [action * parties + party] -> clauses of that action binding that party or any
    // party, in declaration order.
    std::vector<std::vector<std::uint32_t>> index_;
};

} // namespace dealcheck
