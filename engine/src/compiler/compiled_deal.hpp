// The deal in the form the evaluator needs: names resolved to indexes, dates as day
// numbers, conditions as Programs, clauses indexed by (action kind, party).
// Immutable once built and shared by every thread.
#pragma once

#include "compiler/decision_index.hpp"
#include "compiler/lifecycle.hpp"
#include "model/deal.hpp"
#include "program/history.hpp"
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
enum class WordKind : std::uint32_t {
    Party,      // a party's or actor's name or alias; id: index in model.parties
    Verb,       // a verb form; id: index in verb_actions
    Value,      // an enum value's id, label or alias; id: index in value_words
    Marker,     // a word before an attribute's value ("for"); id: index in marker_words
    Flag,       // a phrase that sets a bool attribute; id: index in flag_phrases
    Filler,     // an article ("the", "its"): means nothing
    Frame,      // the question around the action ("Can", "allowed to"); id: a Frame
    Possessive, // "OpenAI's"; id: index in model.parties
    Noun,       // an action's object noun ("a model"); id: index in noun_actions
    Unit,       // a unit after a number ("FLOP"); id: index in unit_words
};

// Where a frame word may stand in a question (docs/questions.md).
enum class Frame : std::uint32_t {
    Opening,    // before the party: "can", "may", "is", "does"
    OpeningFor, // before the party, which "to" and the verb then follow: "is it ok for"
    Permission, // between the party and the verb: "allowed to", "have the right to"
    Adverb,     // anywhere after the opening: "still", "ever"
    Closing,    // at the end: "allowed", "- allowed", "permitted"
};

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
    std::vector<std::vector<std::uint32_t>> noun_actions; // WordKind::Noun ids: the actions
    std::vector<std::string> unit_words;                  // WordKind::Unit ids
    std::unique_ptr<syntax::Lexicon> lexicon;
    compiler::History history; // the events the conditions' aggregates range over
    // The obligations' and powers' lifecycle over the whole history, and the days each
    // power is open: an open power permits its holder's action (verdict_rule.hpp).
    compiler::Lifecycle lifecycle;
    std::vector<compiler::PowerSpan> power_open;

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
