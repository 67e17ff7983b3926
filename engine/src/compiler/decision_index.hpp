// The index the fast path decides with (evaluator/decide.cpp). Built once by the
// compiler from the CompiledDeal, immutable, shared by threads.
//
// Clauses are found by (action kind, party), then, where it pays, by the value of the
// enum attribute most of their clauses pin down (`market == us`, `cloud in [aws,
// gcp]`). Each clause is one contiguous block of 24-byte cells: a head (its window as
// two day numbers, its effect) and its condition flattened into typed comparisons in
// pre-order. A decision is memory-bound, so the layout keeps what one decision reads
// together: one record per (action, party) whose rows, read in sequence, carry each
// clause's days and its simplest conjuncts, so that most clauses are rejected, or
// decided, without reading their block (which sits elsewhere: a cache miss).
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

// The clauses of an (action, party), all of its history at once, are one record of
// `records` (32-bit words) at records[table[action * parties + party]]:
//
// - the header below (one cache line);
// - when it is split on the enum attribute most of its clauses pin down, the value
//   table: values + 1 cumulative counts of rows, padded to whole rows;
// - rows (ClauseRow, 32 bytes each): those of the clauses that pin the split attribute
//   (`pinned`, each once), those that do not (`rest`; every clause when not split),
//   then each value's clauses. Within each list forbids come first.
//
// A decision reads `pinned` and `rest` when the question does not give the split
// attribute, else its value's list and `rest`. A row carries what most clauses need
// to be rejected, or decided, without reading their block: the days they may apply,
// and up to two conjuncts of their condition on the record's `columns` (an enum or
// bool in a set of values, a money amount or date at least or at most a bound).
enum RecordWord : std::uint32_t {
    record_split,    // attribute index, or model::no_index
    record_values,   // values of the split attribute's enum
    record_flags,    // record_masks: the read masks below are complete
    record_attrs_lo, // attributes the clauses read, as bits
    record_attrs_hi,
    record_facts_lo, // facts they read (their conditions and until-events)
    record_facts_hi,
    record_pinned, // rows of clauses that pin the split attribute
    record_rest,   // rows of clauses that do not
    record_column, // two column descriptors (RowColumn), three words each
    record_split_enum = record_column + 3 * 2, // the split attribute's enum
    record_header = 16
};
inline constexpr std::uint32_t record_masks = 1;
inline constexpr std::uint32_t row_words = 8;
inline constexpr std::size_t row_columns = 2;

// What a record's column reads: an attribute or fact of one kind of value (and enum
// or currency, in `aux`). A row's test on it is only trusted for values of that kind.
struct RowColumn {
    Operand operand = Operand::Const; // Attr or Fact; Const: an unused column
    ValueKind kind = ValueKind::Unknown;
    std::uint32_t slot = 0, aux = 0;
    friend bool operator==(const RowColumn&, const RowColumn&) = default;
};

// A row's test on one column: the value in the `param` bit set (enum value index,
// or 0/1 for a bool), or its payload at least / at most `param` (money, dates).
enum class RowTest : std::uint8_t { None, InSet, AtLeast, AtMost };

inline constexpr std::uint8_t row_exact = 1; // its tests are all that decides the clause

struct ClauseRow {
    Date lo{}, hi{};         // the days it may apply (window, in force, `date` bounds)
    std::uint32_t block = 0; // its clause block in `code`
    model::Effect effect = model::Effect::Permit;
    std::uint8_t consent_of = 0;
    std::uint8_t flags = 0;
    std::uint8_t tests = 0; // column k's RowTest in bits 2k, 2k + 1
    std::array<std::uint64_t, row_columns> param{};

    RowTest test(std::size_t k) const { return static_cast<RowTest>((tests >> (2 * k)) & 3u); }
    void set_test(std::size_t k, RowTest t) {
        tests = static_cast<std::uint8_t>((tests & ~(3u << (2 * k))) |
                                          (static_cast<unsigned>(t) << (2 * k)));
    }
};
static_assert(sizeof(ClauseRow) == row_words * 4 && std::is_trivially_copyable_v<ClauseRow>);

inline ClauseRow row_at(const std::uint32_t* w) {
    ClauseRow r;
    std::memcpy(static_cast<void*>(&r), w, sizeof r);
    return r;
}

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
    std::vector<std::uint32_t> table;       // (action, party) -> its record
    std::vector<std::uint32_t> records;
    std::vector<VerdictKind> action_default; // per action kind: the default verdict
    std::vector<std::uint32_t> known_at;     // fact -> first in `known` (facts + 1 entries)
    std::vector<KnownRange> known;
    std::uint32_t parties = 0;

    // Where the record of the clauses of (action, party) starts.
    std::uint32_t record(std::uint32_t action, std::uint32_t party) const {
        return table[action * parties + party];
    }
    RowColumn column(std::uint32_t record, std::size_t k) const {
        const std::uint32_t* w = records.data() + record + record_column + 3 * k;
        RowColumn c;
        c.operand = static_cast<Operand>(w[0] & 0xff);
        c.kind = static_cast<ValueKind>(w[0] >> 8);
        c.slot = w[1];
        c.aux = w[2];
        return c;
    }

    // Heap bytes held by the index.
    std::size_t bytes() const;
};

DecisionIndex build_decision_index(const CompiledDeal& deal);

} // namespace dealcheck::compiler
