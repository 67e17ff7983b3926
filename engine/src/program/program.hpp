// A checked expression in evaluable form: a flat array of typed instructions,
// children by index, names resolved to slots. Evaluating it allocates nothing.
// Its own stage (docs/architecture.md): the checker lowers expressions into it, the
// compiler folds and indexes it, the evaluator runs it. It keeps the compiler's
// namespace: the compiler owns the form.
#pragma once

#include "dealcheck/value.hpp"
#include "model/types.hpp"

#include <cstdint>
#include <vector>

namespace dealcheck::compiler {

enum class Op : std::uint8_t {
    Const, // constant
    Attr,  // question attribute `slot`
    Fact,  // fact `slot`
    Today, // the question's date
    Not,   // a
    And,   // a, b
    Or,    // a, b
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,     // a, b
    InSet,  // a in b, b of Set type (an attribute or a constant)
    InList, // a in args[first .. first+count)
    Add,
    Sub,
    Mul,
    Div, // a, b
    Min,
    Max,       // args[first .. first+count)
    Aggregate, // a sum or count over the history: aggregates[slot]
};

inline constexpr std::uint32_t no_slot = 0xffffffffu;

// Which past events an aggregate counts, up to and including the question's date.
enum class WindowKind : std::uint8_t {
    All,    // every event
    Term,   // since the clause came into force (resolved by the compiler to Since)
    Year,   // the calendar year of the question's date
    Within, // the last `within` before the question's date: (date - within, date]
    Since,  // from `since` on
};

struct Aggregate;

struct Instr {
    Op op = Op::Const;
    bool negate = false; // `not in`
    model::Type type;
    std::uint32_t a = 0, b = 0; // children, or first/count into args
    Value constant;
    std::uint32_t slot = 0;
    // Where it came from, for explanations: source 0 is the expression itself,
    // source k > 0 is definition k - 1 inlined into it.
    std::uint32_t source = 0;
    std::uint32_t offset = 0, length = 0;
};

struct Program {
    std::vector<Instr> code;
    std::vector<std::uint32_t> args;
    std::uint32_t root = 0;
    std::vector<std::uint32_t> facts;      // facts it reads, sorted, unique
    std::vector<std::uint32_t> attributes; // attributes it reads, sorted, unique
    std::vector<Aggregate> aggregates;     // Op::Aggregate slots
    bool empty() const { return code.empty(); }
};

// sum(pay.amount by openai where recipient == microsoft, within 1y): over the events
// of the history and the action being asked, when it is of the same kind.
struct Aggregate {
    bool count = false;                // a count of events, else the sum of `attribute`
    std::uint32_t action = 0;          // action kind
    std::uint32_t attribute = no_slot; // global attribute summed
    std::uint32_t party = no_slot;     // `by`: only this party's events
    Value zero;                        // the total over no event: 0, or 0 of the currency
    Program filter;                    // `where`, over the event's attributes; empty: all
    WindowKind window = WindowKind::All;
    Duration within{};
    Date since{};
    std::uint32_t table = no_slot; // the compiled events it ranges over (History::tables)
};

} // namespace dealcheck::compiler
