// The parsed form of one expression: a flat arena of nodes, children referenced by
// index. Produced by the grammar, consumed by the type checker and the compiler.
#pragma once

#include "dealcheck/value.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace dealcheck::syntax {

enum class NodeKind : std::uint8_t {
    Literal, // a typed constant in `literal`
    Name,    // a bare or dotted name in `text`: attribute, fact, definition, party, enum value
    List,    // [a, b, c]: children
    Call,    // min(...) / max(...): function name in `text`, arguments as children
    Not,     // not x: one child
    Binary,  // children[0] op children[1]
    // sum(pay.amount by openai where cond, within 1y): `text` is "sum" or "count";
    // children: the action (or action.attribute) name, then the `by` party, the `where`
    // condition and the Window, each no_child when left out.
    Aggregate,
    Window, // `text` is "during", "within" or "since"; one child: its name or expression
};

inline constexpr std::uint32_t no_child = 0xffffffffu;

enum class BinaryOp : std::uint8_t {
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Add,
    Sub,
    Mul,
    Div
};

enum class LiteralKind : std::uint8_t { Bool, Number, Money, Date, Duration, String };

struct Literal {
    LiteralKind kind = LiteralKind::Bool;
    bool boolean = false;
    Number number{};
    Money money{};
    Date date{};
    Duration duration{};
    std::string string;   // unescaped contents of a "..." literal
    bool percent = false; // a Number written as a percentage: 2% is 0.02
};

struct Node {
    NodeKind kind = NodeKind::Literal;
    BinaryOp op = BinaryOp::And;
    std::uint32_t offset = 0; // byte offset of the node's first character in the source
    std::uint32_t length = 0; // bytes covered
    Literal literal;          // NodeKind::Literal
    std::string text;         // NodeKind::Name / NodeKind::Call
    std::vector<std::uint32_t> children;
};

struct ExprTree {
    std::vector<Node> nodes;
    std::uint32_t root = 0;
    const Node& at(std::uint32_t i) const { return nodes[i]; }
};

} // namespace dealcheck::syntax
