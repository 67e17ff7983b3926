#include "compiler/conjuncts.hpp"

#include <cstdint>
#include <limits>

namespace dealcheck::compiler {

namespace {

using Kind = Conjunct::Kind;

bool reads_question(Operand o) {
    return o == Operand::Attr || o == Operand::Fact;
}

// `x == v`, `x != v`, `x in [...]`, `x not in [...]` with x an enum and v constants
// (a list of constants is a mask, or a constant set).
Conjunct enum_test(const CodeNode& n) {
    Conjunct c;
    std::uint64_t bits = 0;
    bool in = n.cmp == CmpOp::InMask || n.cmp == CmpOp::InSet;
    if ((n.cmp == CmpOp::Eq || n.cmp == CmpOp::Ne) && n.right == Operand::Const &&
        n.kind == ValueKind::Enum && n.payload >= 0 && n.payload < 64)
        bits = 1ull << n.payload;
    else if (in && n.right == Operand::Const && n.kind == ValueKind::Set)
        bits = static_cast<std::uint64_t>(n.payload);
    else
        return c;
    bool negate = n.cmp == CmpOp::Ne || (in && (n.flags & node_negate));
    c.kind = Kind::InSet;
    c.column = {n.left, ValueKind::Enum, n.a, n.b}; // b: the enum (constant's aux)
    c.param = negate ? ~bits : bits;
    return c;
}

// `x >= b` and the like, x a money amount or a date, b a constant: compared by payload.
Conjunct bound(const CodeNode& n) {
    Conjunct c;
    if (n.right != Operand::Const || (n.flags & node_number) ||
        (n.kind != ValueKind::Money && n.kind != ValueKind::Date))
        return c;
    std::int64_t b = n.payload;
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    switch (n.cmp) {
    case CmpOp::Ge:
        c.kind = Kind::AtLeast;
        break;
    case CmpOp::Gt:
        if (b == max) return c;
        c.kind = Kind::AtLeast;
        ++b;
        break;
    case CmpOp::Le:
        c.kind = Kind::AtMost;
        break;
    case CmpOp::Lt:
        if (b == min) return c;
        c.kind = Kind::AtMost;
        --b;
        break;
    default:
        return c;
    }
    if (n.left == Operand::Today) { // the question's date: a bound on the days it applies
        if (n.kind != ValueKind::Date || b < std::numeric_limits<std::int32_t>::min() ||
            b > std::numeric_limits<std::int32_t>::max())
            return {};
        c.kind = c.kind == Kind::AtLeast ? Kind::DayFrom : Kind::DayUntil;
        c.day = Date{static_cast<std::int32_t>(b)};
        return c;
    }
    c.column = {n.left, n.kind, n.a, n.b}; // b: the currency (constant's aux)
    c.param = static_cast<std::uint64_t>(b);
    return c;
}

// `flag` or `not flag`, a bool attribute or fact: the value 1 (true) or 0 (false).
Conjunct truth(const CodeNode& n, bool negated) {
    Conjunct c;
    c.kind = Kind::InSet;
    c.column = {n.left, ValueKind::Bool, n.a, 0};
    c.param = negated ? 1u : 2u;
    return c;
}

Conjunct one(const Cell* at) {
    CodeNode n = node_at(at);
    if (n.op == FastOp::Not) {
        CodeNode child = node_at(at + 1);
        if (child.op == FastOp::Truth && reads_question(child.left)) return truth(child, true);
        return {};
    }
    if (n.op == FastOp::Truth && reads_question(n.left)) return truth(n, false);
    if (n.op != FastOp::Cmp) return {};
    if (n.left == Operand::Today) return bound(n);
    if (!reads_question(n.left)) return {};
    Conjunct c = enum_test(n);
    return c.kind == Kind::Other ? bound(n) : c;
}

} // namespace

std::vector<Conjunct> conjuncts_of(const Cell* root) {
    std::vector<Conjunct> out;
    CodeNode r = node_at(root);
    if (r.op != FastOp::And) {
        out.push_back(one(root));
        return out;
    }
    const Cell* child = root + 1;
    for (std::uint32_t k = 0; k < r.a; ++k) {
        out.push_back(one(child));
        child += node_at(child).size;
    }
    return out;
}

} // namespace dealcheck::compiler
