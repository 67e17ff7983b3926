// The index the fast path decides with (evaluator/decide.cpp): clauses by (action
// kind, party), then by amendment period, then, where it pays, by the value of the
// enum attribute most of their conditions test; each clause as a 32-byte record with
// its window as two day numbers and its condition flattened into a small tree of
// typed comparisons. Built once by the compiler, immutable, shared by threads.
//
// Answers with explanations (evaluator/authorizer.cpp) do not use it: they scan
// CompiledDeal::candidates() and keep every reason. Both must give the same verdict;
// tests/e2e/batch_test.cpp checks it on the bundled deal and generated portfolios.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/value.hpp"
#include "model/deal.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dealcheck {
class CompiledDeal;
}

namespace dealcheck::compiler {

inline constexpr std::uint32_t no_node = 0xffffffffu;

// A condition node, three-valued. Comparisons read their left operand from the
// question (attribute, fact or date) and their right one from the question or a
// constant; anything else (arithmetic, min/max, lists of non-constants) stays a
// `General` node evaluated by the Program evaluator.
enum class FastOp : std::uint8_t { Const, Truth, Cmp, And, Or, Not, General };
enum class Operand : std::uint8_t { Attr, Fact, Today, Const };
enum class CmpOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge, InMask, InSet };

struct FastNode {
    FastOp op = FastOp::Const;
    CmpOp cmp = CmpOp::Eq;
    Operand left = Operand::Const, right = Operand::Const;
    bool number = false; // Eq..Ge on numbers: compare as doubles
    bool negate = false; // InMask, InSet: `not in`
    Tri truth = Tri::True; // Const
    // Cmp, Truth: slots of the left and right operands. And, Or: first child in
    // DecisionIndex::children and how many. Not: the child. General: the clause whose
    // condition it is, and the instruction.
    std::uint32_t a = 0, b = 0;
    Value constant; // Cmp: the right operand when Const; InMask: the mask in `payload`
};

// A clause as the fast path sees it.
struct FastClause {
    Date lo{}, hi{};                // in force and inside its window: lo <= date <= hi
    std::uint32_t cond = no_node;   // root FastNode; no_node: always
    std::uint32_t events = 0;       // first of its until-events in `event_facts`
    std::uint32_t beaters = 0;      // first clause that beats it, in `beaters`
    std::uint32_t beater_count = 0;
    std::uint16_t event_count = 0;
    model::Effect effect = model::Effect::Permit;
    std::uint8_t consent_of = 0;
};

// The clauses of one (action, party) in force during one amendment period: from
// `start` to the next period's start. A clause is listed in every period it is in
// force for, and only if its own window meets the period.
struct Period {
    Date start{};
    std::uint32_t begin = 0, end = 0; // all of them: entries[begin, end), declaration order
    // When `split` is an attribute: the clauses that test it by equality or `in` are
    // also listed by value (entries[value_offsets[table + v] .. table + v + 1]) and the
    // others in entries[rest_begin, rest_end). A question that gives the attribute only
    // visits its value's list and the rest.
    std::uint32_t split = model::no_index;
    std::uint32_t table = 0, values = 0;
    std::uint32_t rest_begin = 0, rest_end = 0;
    // What the listed clauses read, as bits (valid when `masks` is set): a question
    // that knows all of it cannot meet an unknown, so a forbid decides at once.
    std::uint64_t attributes_read = 0, facts_read = 0;
    bool masks = false;
    bool has_beaten = false; // an exception may override one of them
};

struct Bucket {
    std::uint32_t first = 0, count = 0; // periods[first, first + count), by start
};

class DecisionIndex {
  public:
    std::vector<FastClause> clauses; // parallel to CompiledDeal::clauses
    std::vector<FastNode> nodes;
    std::vector<std::uint32_t> children;
    std::vector<std::uint32_t> event_facts;
    std::vector<std::uint32_t> beaters; // per clause, sorted: the clauses that beat it
    std::vector<Bucket> buckets;        // [action * parties + party]
    std::vector<Period> periods;
    std::vector<std::uint32_t> entries;
    std::vector<std::uint32_t> value_offsets;
    std::vector<VerdictKind> action_default; // per action kind: the default verdict
    std::uint32_t parties = 0;
    std::uint32_t longest_list = 0; // the most clauses one decision can visit

    const Period& period(std::uint32_t action, std::uint32_t party, Date date) const {
        const Bucket& b = buckets[action * parties + party];
        std::uint32_t lo = b.first, hi = b.first + b.count; // periods[lo].start is first_day
        while (hi - lo > 1) {
            std::uint32_t mid = lo + (hi - lo) / 2;
            if (periods[mid].start <= date) lo = mid;
            else hi = mid;
        }
        return periods[lo];
    }

    // Heap bytes held by the index.
    std::size_t bytes() const;
};

DecisionIndex build_decision_index(const CompiledDeal& deal);

} // namespace dealcheck::compiler
