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
    Sub, // a, b
    Min,
    Max, // args[first .. first+count)
};

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
    bool empty() const { return code.empty(); }
};

} // namespace dealcheck::compiler
