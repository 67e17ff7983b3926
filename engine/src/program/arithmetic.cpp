#include "program/arithmetic.hpp"

namespace dealcheck::compiler {

namespace {

// A whole number of cents, or nothing: 0.5 cent is not an amount.
std::optional<std::int64_t> whole(std::optional<Number> n) {
    if (!n || n->exponent < 0) return std::nullopt;
    std::int64_t cents = n->mantissa;
    for (std::int32_t k = 0; k < n->exponent; ++k)
        if (__builtin_mul_overflow(cents, 10, &cents)) return std::nullopt;
    return cents;
}

Number cents_of(const Value& v) {
    return *make_number(v.as_money().cents, 0);
}

Value money_times(const Value& money, Number factor, bool divide) {
    auto product =
        divide ? dealcheck::divide(cents_of(money), factor) : multiply(cents_of(money), factor);
    auto cents = whole(product);
    return cents ? Value::money({*cents, money.as_money().currency}) : Value::unknown();
}

Value number_or_unknown(std::optional<Number> n) {
    return n ? Value::number(*n) : Value::unknown();
}

} // namespace

Value arithmetic(Op op, const Value& l, const Value& r) {
    if (!l.known() || !r.known()) return Value::unknown();
    bool add = op == Op::Add;
    if (op == Op::Mul || op == Op::Div) {
        bool divide = op == Op::Div;
        if (l.kind == ValueKind::Money && r.kind == ValueKind::Number)
            return money_times(l, r.as_number(), divide);
        if (l.kind == ValueKind::Number && r.kind == ValueKind::Money && !divide)
            return money_times(r, l.as_number(), false);
        if (l.kind == ValueKind::Money && r.kind == ValueKind::Money && divide) {
            if (l.as_money().currency != r.as_money().currency) return Value::unknown();
            return number_or_unknown(dealcheck::divide(cents_of(l), cents_of(r)));
        }
        if (l.kind == ValueKind::Number && r.kind == ValueKind::Number)
            return number_or_unknown(divide ? dealcheck::divide(l.as_number(), r.as_number())
                                            : multiply(l.as_number(), r.as_number()));
        return Value::unknown();
    }
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
        if (x.currency != r.as_money().currency) return Value::unknown();
        std::int64_t out = 0;
        bool overflow = add ? __builtin_add_overflow(x.cents, r.payload, &out)
                            : __builtin_sub_overflow(x.cents, r.payload, &out);
        return overflow ? Value::unknown() : Value::money({out, x.currency});
    }
    case ValueKind::Number:
        return number_or_unknown(add ? dealcheck::add(l.as_number(), r.as_number())
                                     : dealcheck::subtract(l.as_number(), r.as_number()));
    default:
        return Value::unknown();
    }
}

} // namespace dealcheck::compiler
