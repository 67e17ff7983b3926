// The index the fast path decides with (evaluator/decide.cpp). Built once by the
// compiler from the CompiledDeal, immutable, shared by threads.
//
// Clauses are found by (action kind, party), then by amendment period (the dates
// where an agreement puts clauses in or out of force), then, where it pays, by the
// value of the enum attribute most of the period's clauses pin down (`market ==
// us`, `cloud in [aws, gcp]`). Each clause is one contiguous block of 24-byte cells:
// a head (its window as two day numbers, its effect) and its condition flattened
// into typed comparisons in pre-order. A decision is memory-bound, so the layout
// keeps what one decision reads together: one record per (action, party) with its
// periods' starts, headers, value tables and clause lists; one block per clause.
//
// Answers with explanations (evaluator/authorizer.cpp) do not use it: they scan
// CompiledDeal::candidates() and keep every reason. Both give the same verdicts;
// tests/e2e/batch_test.cpp checks it on the bundled deal and generated portfolios.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/value.hpp"
#include "model/deal.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace dealcheck {
class CompiledDeal;
}

namespace dealcheck::compiler {

// Condition nodes, three-valued. Comparisons read their left operand from the
// question (attribute, fact or date) and their right one from the question or a
// constant; what is not flattened (arithmetic, min/max, lists of non-constants)
// stays `General`, evaluated by the Program evaluator.
enum class FastOp : std::uint8_t { Const, Truth, Cmp, And, Or, Not, General };
enum class Operand : std::uint8_t { Attr, Fact, Today, Const };
enum class CmpOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge, InMask, InSet };

inline constexpr std::uint8_t node_number = 1; // Lt..Ge compare exact decimals
inline constexpr std::uint8_t node_negate = 2; // `not in`
inline constexpr std::uint8_t node_true = 4;   // Const: true (else false)

struct CodeNode {
    FastOp op = FastOp::Const;
    CmpOp cmp = CmpOp::Eq;
    Operand left = Operand::Const, right = Operand::Const;
    std::uint8_t flags = 0;
    ValueKind kind = ValueKind::Unknown; // the constant's kind, when right == Const
    std::uint16_t size = 1;              // nodes in this subtree, itself included
    // Cmp, Truth: left slot; right slot, or the constant's aux. And, Or: children
    // count (they follow in pre-order). General: instruction, clause.
    std::uint32_t a = 0, b = 0;
    std::int64_t payload = 0; // the constant, or InMask's bit mask
    Value constant() const { return {kind, b, payload}; }
};

inline constexpr std::uint8_t head_condition = 1; // nodes follow the head
inline constexpr std::uint8_t head_beaten = 2;    // an exception may override it

struct ClauseHead {
    Date lo{}, hi{};          // in force and inside its window: lo <= date <= hi
    std::uint32_t clause = 0; // index in CompiledDeal::clauses
    std::uint32_t events = 0; // first of its until-events in `event_facts`
    std::uint16_t event_count = 0;
    model::Effect effect = model::Effect::Permit;
    std::uint8_t consent_of = 0;
    std::uint8_t flags = 0;
};

// The storage unit of clause blocks; heads and nodes are read out with memcpy.
using Cell = std::array<std::uint64_t, 3>;
static_assert(sizeof(CodeNode) == sizeof(Cell) && sizeof(ClauseHead) <= sizeof(Cell));
static_assert(std::is_trivially_copyable_v<CodeNode> && std::is_trivially_copyable_v<ClauseHead>);

inline ClauseHead head_at(const Cell* c) {
    ClauseHead h;
    std::memcpy(static_cast<void*>(&h), c, sizeof h);
    return h;
}
inline CodeNode node_at(const Cell* c) {
    CodeNode n;
    std::memcpy(static_cast<void*>(&n), c, sizeof n);
    return n;
}

// Amendment periods are the spans between the dates where an agreement puts clauses
// in force or displaces them (`starts`, first_day first). The record of the clauses
// of an (action, party) in force in period g starts at
// records[table[(action * parties + party) * starts.size() + g]]; consecutive
// periods with the same clauses share one record.
//
// Layout of `records` (32-bit words). A period's record: the header below, then,
// when it is split, the value table
// (values + 1 cumulative counts), then the lists of clause blocks (cell offsets, in
// declaration order): all its clauses, those that do not pin the split attribute,
// then each value's clauses. Within each list forbids come first, so that a
// decision without reasons can stop at the first one that applies.
enum PeriodWord : std::uint32_t {
    period_split,    // attribute index, or model::no_index
    period_values,   // values of the split attribute's enum
    period_flags,    // period_masks: the read masks below are complete
    period_attrs_lo, // attributes the clauses read, as bits
    period_attrs_hi,
    period_facts_lo, // facts they read (their conditions and until-events)
    period_facts_hi,
    period_all,   // how many clauses
    period_rest,  // how many do not pin the split attribute
    period_header // words before the value table
};
inline constexpr std::uint32_t period_masks = 1;

// What the rules record as known about a fact over a span of dates.
struct KnownRange {
    Date from{}, through{};
    Value value;
};

class DecisionIndex {
  public:
    std::vector<Cell> code;                 // clause blocks, in declaration order
    std::vector<std::uint32_t> block_of;    // clause -> its block in `code`
    std::vector<std::uint32_t> event_facts; // until-events of the clauses
    std::vector<std::uint32_t> beaters_at;  // clause -> first in `beaters` (n + 1 entries)
    std::vector<std::uint32_t> beaters;     // the clauses that beat each clause, sorted
    std::vector<Date> starts;               // first day of each amendment period
    std::vector<std::uint32_t> table;       // (action, party, period) -> its record
    std::vector<std::uint32_t> records;
    std::vector<VerdictKind> action_default; // per action kind: the default verdict
    std::vector<std::uint32_t> known_at;     // fact -> first in `known` (facts + 1 entries)
    std::vector<KnownRange> known;
    std::uint32_t parties = 0;

    // Where the record of the clauses of (action, party) in force on `date` starts.
    std::uint32_t period(std::uint32_t action, std::uint32_t party, Date date) const {
        auto n = static_cast<std::uint32_t>(starts.size());
        std::uint32_t g = 0, hi = n; // starts[0] is first_day
        while (hi - g > 1) {
            std::uint32_t mid = g + (hi - g) / 2;
            if (starts[mid] <= date)
                g = mid;
            else
                hi = mid;
        }
        return table[(action * parties + party) * n + g];
    }

    // Heap bytes held by the index.
    std::size_t bytes() const;
};

DecisionIndex build_decision_index(const CompiledDeal& deal);

} // namespace dealcheck::compiler
