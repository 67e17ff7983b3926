#include "program/expr_eval.hpp"

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
            return arithmetic(in);
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

    Value arithmetic(const Instr& in) const {
        Value l = eval(in.a), r = eval(in.b);
        if (!l.known() || !r.known()) return Value::unknown();
        bool add = in.op == Op::Add;
        switch (l.kind) {
        case ValueKind::Date: {
            Duration d = r.as_duration();
            return Value::date(add ? dealcheck::add(l.as_date(), d) : subtract(l.as_date(), d));
        }
        case ValueKind::Duration: {
            Duration x = l.as_duration(), y = r.as_duration();
            return Value::duration(add ? Duration{x.months + y.months, x.days + y.days}
                                       : Duration{x.months - y.months, x.days - y.days});
        }
        case ValueKind::Money: {
            Money x = l.as_money();
            std::int64_t out = 0;
            bool overflow = add ? __builtin_add_overflow(x.cents, r.payload, &out)
                                : __builtin_sub_overflow(x.cents, r.payload, &out);
            return overflow ? Value::unknown() : Value::money({out, x.currency});
        }
        case ValueKind::Number: {
            // A result a Number cannot hold exactly is unknown, never rounded.
            auto n = add ? dealcheck::add(l.as_number(), r.as_number())
                         : dealcheck::subtract(l.as_number(), r.as_number());
            return n ? Value::number(*n) : Value::unknown();
        }
        default:
            return Value::unknown();
        }
    }
};

} // namespace

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

} // namespace dealcheck::evaluator
