#include "analysis/condition_bounds.hpp"

#include <algorithm>
#include <limits>
#include <optional>

namespace dealcheck::analysis {

namespace {

using compiler::Op;
using compiler::Program;

std::optional<std::uint32_t> attribute(const Program& p, std::uint32_t k, model::TypeKind kind) {
    const auto& x = p.code[k];
    if (x.op != Op::Attr || x.type.kind != kind) return std::nullopt;
    return x.slot;
}

std::optional<std::uint64_t> enum_bit(const Program& p, std::uint32_t k) {
    const auto& x = p.code[k];
    if (x.op != Op::Const || x.constant.kind != ValueKind::Enum || x.constant.payload < 0 ||
        x.constant.payload >= 64)
        return std::nullopt;
    return std::uint64_t{1} << x.constant.payload;
}

void narrow_enum(ConditionBounds& out, std::uint32_t g, std::uint64_t mask) {
    for (auto& [h, m] : out.enums)
        if (h == g) {
            m &= mask;
            return;
        }
    out.enums.emplace_back(g, mask);
}

void narrow_money(ConditionBounds& out, const ConditionBounds::Range& r) {
    for (auto& m : out.money)
        if (m.attribute == r.attribute && m.currency == r.currency) {
            m.lo = std::max(m.lo, r.lo);
            m.hi = std::min(m.hi, r.hi);
            return;
        }
    out.money.push_back(r);
}

// `amount < 1M USD` (or `1M USD > amount`): the amounts it allows, in whole cents as
// the solver counts them.
std::optional<ConditionBounds::Range> money_range(const Program& p, const compiler::Instr& in) {
    Op op = in.op;
    auto g = attribute(p, in.a, model::TypeKind::Money);
    std::uint32_t constant = in.b;
    if (!g) {
        g = attribute(p, in.b, model::TypeKind::Money);
        constant = in.a;
        // The attribute on the right: the comparison read from its side.
        op = op == Op::Lt   ? Op::Gt
             : op == Op::Le ? Op::Ge
             : op == Op::Gt ? Op::Lt
             : op == Op::Ge ? Op::Le
                            : op;
    }
    const auto& c = p.code[constant];
    if (!g || c.op != Op::Const || c.constant.kind != ValueKind::Money) return std::nullopt;
    constexpr auto lowest = std::numeric_limits<std::int64_t>::min(),
                   highest = std::numeric_limits<std::int64_t>::max();
    const std::int64_t v = c.constant.payload;
    ConditionBounds::Range r{*g, c.constant.aux, lowest, highest};
    switch (op) {
    case Op::Eq:
        r.lo = r.hi = v;
        break;
    case Op::Lt:
        if (v == lowest) return std::nullopt;
        r.hi = v - 1;
        break;
    case Op::Le:
        r.hi = v;
        break;
    case Op::Gt:
        if (v == highest) return std::nullopt;
        r.lo = v + 1;
        break;
    case Op::Ge:
        r.lo = v;
        break;
    default:
        return std::nullopt;
    }
    return r;
}

void collect(const Program& p, std::uint32_t i, ConditionBounds& out) {
    const auto& in = p.code[i];
    switch (in.op) {
    case Op::And:
        collect(p, in.a, out);
        collect(p, in.b, out);
        break;
    case Op::Eq:
    case Op::Ne: {
        auto g = attribute(p, in.a, model::TypeKind::Enum);
        if (!g) g = attribute(p, in.b, model::TypeKind::Enum);
        auto v = enum_bit(p, in.a) ? enum_bit(p, in.a) : enum_bit(p, in.b);
        if (g && v) narrow_enum(out, *g, in.op == Op::Eq ? *v : ~*v);
        if (auto r = money_range(p, in)) narrow_money(out, *r);
        break;
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
        if (auto r = money_range(p, in)) narrow_money(out, *r);
        break;
    case Op::InList: {
        auto g = attribute(p, in.a, model::TypeKind::Enum);
        if (!g) break;
        std::uint64_t mask = 0;
        for (std::uint32_t k = 0; k < in.b; ++k) {
            auto v = enum_bit(p, p.args[in.slot + k]);
            if (!v) return;
            mask |= *v;
        }
        narrow_enum(out, *g, in.negate ? ~mask : mask);
        break;
    }
    default:
        break;
    }
}

} // namespace

ConditionBounds condition_bounds(const compiler::Program& when) {
    ConditionBounds out;
    if (!when.empty()) collect(when, when.root, out);
    return out;
}

bool disjoint(const ConditionBounds& a, const ConditionBounds& b) {
    for (const auto& [g, m] : a.enums)
        for (const auto& [h, n] : b.enums)
            if (g == h && (m & n) == 0) return true;
    for (const auto& x : a.money)
        for (const auto& y : b.money)
            if (x.attribute == y.attribute && x.currency == y.currency &&
                std::max(x.lo, y.lo) > std::min(x.hi, y.hi))
                return true;
    return false;
}

} // namespace dealcheck::analysis
