#include "program/expr_eval.hpp"

#include "program/arithmetic.hpp"

#include <limits>

namespace dealcheck::evaluator {

using compiler::Instr;
using compiler::Op;
using compiler::Program;

namespace {

Tri as_tri(const Value& v) {
    if (v.kind != ValueKind::Bool) return Tri::Unknown;
    return v.as_bool() ? Tri::True : Tri::False;
}

Value from_tri(Tri t) {
    return t == Tri::Unknown ? Value::unknown() : Value::boolean(t == Tri::True);
}

// -1, 0, 1 for ordered kinds (the checker guarantees both sides have the same type).
int compare(const Value& a, const Value& b) {
    if (a.kind == ValueKind::Number) {
        auto c = dealcheck::compare(a.as_number(), b.as_number());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return a.payload < b.payload ? -1 : (a.payload > b.payload ? 1 : 0);
}

class Evaluator {
  public:
    Evaluator(const Program& p, const Env& env) : p_(p), env_(env) {}

    Value eval(std::uint32_t i) const {
        const Instr& in = p_.code[i];
        switch (in.op) {
        case Op::Const:
            return in.constant;
        case Op::Attr:
            return env_.attributes[in.slot];
        case Op::Fact:
            return env_.facts[in.slot];
        case Op::Today:
            return Value::date(env_.date);
        case Op::Not:
            return from_tri(tri_not(as_tri(eval(in.a))));
        case Op::And: {
            Tri l = as_tri(eval(in.a));
            if (l == Tri::False) return Value::boolean(false);
            return from_tri(tri_and(l, as_tri(eval(in.b))));
        }
        case Op::Or: {
            Tri l = as_tri(eval(in.a));
            if (l == Tri::True) return Value::boolean(true);
            return from_tri(tri_or(l, as_tri(eval(in.b))));
        }
        case Op::Eq:
        case Op::Ne: {
            Value l = eval(in.a), r = eval(in.b);
            if (!l.known() || !r.known()) return Value::unknown();
            return Value::boolean(in.op == Op::Eq ? l == r : l != r);
        }
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge: {
            Value l = eval(in.a), r = eval(in.b);
            if (!l.known() || !r.known()) return Value::unknown();
            int c = compare(l, r);
            bool result = in.op == Op::Lt   ? c < 0
                          : in.op == Op::Le ? c <= 0
                          : in.op == Op::Gt ? c > 0
                                            : c >= 0;
            return Value::boolean(result);
        }
        case Op::InSet: {
            Value l = eval(in.a), r = eval(in.b);
            if (!l.known() || !r.known()) return Value::unknown();
            bool member = (r.as_bits() >> l.payload) & 1u;
            return Value::boolean(member != in.negate);
        }
        case Op::InList: {
            Value l = eval(in.a);
            if (!l.known()) return Value::unknown();
            bool unknown = false;
            for (std::uint32_t k = 0; k < in.b; ++k) {
                Value item = eval(p_.args[in.slot + k]);
                if (!item.known()) {
                    unknown = true;
                    continue;
                }
                if (l == item) return Value::boolean(!in.negate);
            }
            return unknown ? Value::unknown() : Value::boolean(in.negate);
        }
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
            return compiler::arithmetic(in.op, eval(in.a), eval(in.b));
        case Op::Aggregate:
            return evaluate_aggregate(p_.aggregates[in.slot], env_);
        case Op::Min:
        case Op::Max: {
            Value best;
            for (std::uint32_t k = 0; k < in.b; ++k) {
                Value item = eval(p_.args[in.slot + k]);
                if (!item.known()) return Value::unknown();
                if (k == 0 ||
                    (in.op == Op::Min ? compare(item, best) < 0 : compare(item, best) > 0))
                    best = item;
            }
            return best;
        }
        }
        return Value::unknown();
    }

  private:
    const Program& p_;
    const Env& env_;
};

} // namespace

Date window_start(const compiler::Aggregate& a, Date date) {
    switch (a.window) {
    case compiler::WindowKind::Year: {
        int y = 0, m = 0, d = 0;
        civil_from_date(date, y, m, d);
        return *make_date(y, 1, 1);
    }
    case compiler::WindowKind::Within:
        return Date{subtract(date, a.within).days + 1};
    case compiler::WindowKind::Since:
        return a.since;
    default:
        return Date{std::numeric_limits<std::int32_t>::min()};
    }
}

// What `sum(pay.amount ...) + ...` caps is what has been paid and this payment.
Value evaluate_aggregate(const compiler::Aggregate& a, const Env& env) {
    Value total = a.zero;
    if (env.history && a.table < env.history->tables.size())
        total = compiler::aggregate_total(a, env.history->tables[a.table],
                                          window_start(a, env.date), env.date);
    bool asked = env.action == a.action && (a.party == compiler::no_slot || env.party == a.party) &&
                 window_start(a, env.date) <= env.date;
    if (!asked) return total;
    Tri matches = a.filter.empty() ? Tri::True : holds(a.filter, Env{env.attributes, {}, env.date});
    if (matches == Tri::False) return total;
    if (matches == Tri::Unknown) return Value::unknown();
    return compiler::arithmetic(
        Op::Add, total, a.count ? Value::number(*make_number(1, 0)) : env.attributes[a.attribute]);
}

Value evaluate(const Program& p, const Env& env) {
    if (p.empty()) return Value::boolean(true);
    return Evaluator(p, env).eval(p.root);
}

Value evaluate_at(const Program& p, std::uint32_t instr, const Env& env) {
    return instr < p.code.size() ? Evaluator(p, env).eval(instr) : Value::unknown();
}

Tri holds(const Program& p, const Env& env) {
    return as_tri(evaluate(p, env));
}

std::vector<std::uint32_t> operands(const Program& p, std::uint32_t i) {
    const auto& in = p.code[i];
    switch (in.op) {
    case Op::Not:
        return {in.a};
    case Op::And:
    case Op::Or:
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
    case Op::InSet:
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
        return {in.a, in.b};
    case Op::InList: {
        std::vector<std::uint32_t> out{in.a};
        for (std::uint32_t k = 0; k < in.b; ++k)
            out.push_back(p.args[in.slot + k]);
        return out;
    }
    case Op::Min:
    case Op::Max:
        return {p.args.begin() + in.slot, p.args.begin() + in.slot + in.b};
    default:
        return {};
    }
}

} // namespace dealcheck::evaluator
