#include "evaluator/date_changes.hpp"

#include <algorithm>

namespace dealcheck::evaluator {

using compiler::Op;
using compiler::Program;

namespace {

// Calls `f` on each operand of instruction `i`.
template <class F> void operands(const Program& p, std::uint32_t i, F f) {
    const auto& in = p.code[i];
    switch (in.op) {
    case Op::Const:
    case Op::Attr:
    case Op::Fact:
    case Op::Today:
    case Op::Aggregate:
        return;
    case Op::Not:
        f(in.a);
        return;
    case Op::InList:
        f(in.a);
        for (std::uint32_t k = 0; k < in.b; ++k)
            f(p.args[in.slot + k]);
        return;
    case Op::Min:
    case Op::Max:
        for (std::uint32_t k = 0; k < in.b; ++k)
            f(p.args[in.slot + k]);
        return;
    default:
        f(in.a);
        f(in.b);
        return;
    }
}

// Which instructions' values depend on the question's date.
std::vector<bool> dated_instructions(const Program& p) {
    enum : std::uint8_t { unseen, no, yes };
    std::vector<std::uint8_t> state(p.code.size(), unseen);
    auto visit = [&](auto& self, std::uint32_t i) -> bool {
        if (state[i] == unseen) {
            bool dated = p.code[i].op == Op::Today || p.code[i].op == Op::Aggregate;
            operands(p, i, [&](std::uint32_t k) { dated = self(self, k) || dated; });
            state[i] = dated ? yes : no;
        }
        return state[i] == yes;
    };
    std::vector<bool> out(p.code.size());
    for (std::uint32_t i = 0; i < p.code.size(); ++i)
        out[i] = visit(visit, i);
    return out;
}

// -1, 0 or 1 as date `a` is before, on or after date `b`.
int order(const Value& a, const Value& b) {
    return a.payload < b.payload ? -1 : (a.payload > b.payload ? 1 : 0);
}

// Finds where the comparison of two date-valued instructions `x` and `y` may change
// over [from, through] and appends those days to `out`. Every condition on the date
// is made of such comparisons (`<`, `==`, ..., and `in` a list of dates).
class Comparison {
  public:
    Comparison(const Program& p, const Env& env, Date from, Date through, std::vector<Date>& out)
        : p_(p), env_(env), from_(from), through_(through), out_(out) {}

    void changes(std::uint32_t x, std::uint32_t y, const std::vector<bool>& dated) {
        if (dated[x] && dated[y])
            scan(x, y);
        else if (dated[x])
            threshold(x, evaluate_at(p_, y, env_));
        else if (dated[y])
            threshold(y, evaluate_at(p_, x, env_));
    }

  private:
    const Program& p_;
    const Env& env_;
    Date from_, through_;
    std::vector<Date>& out_;

    Value on(std::uint32_t instr, Date d) const {
        Env e = env_;
        e.date = d;
        return evaluate_at(p_, instr, e);
    }

    // A date expression of `date` is non-decreasing in it: `+`/`-` a duration (even
    // when a month's end clamps the day) and `min`/`max` keep the order of dates. So
    // against a value `c` that does not move, it is first below, then equal, then
    // above: two days to find by bisection. Bisection rather than inverting the
    // arithmetic, since month arithmetic has no inverse (2027-01-29, -30 and -31 are
    // all followed a month later by 2027-02-28).
    void threshold(std::uint32_t f, const Value& c) {
        if (!c.known() || !on(f, through_).known()) return; // unknown on every day
        for (int above : {0, 1}) {
            auto reached = [&](Date d) { return order(on(f, d), c) >= above; };
            if (!reached(through_) || reached(from_)) continue;
            std::int32_t lo = from_.days, hi = through_.days; // not reached at lo, reached at hi
            while (hi - lo > 1) {
                std::int32_t mid = lo + (hi - lo) / 2;
                (reached(Date{mid}) ? hi : lo) = mid;
            }
            out_.push_back(Date{hi});
        }
    }

    // Both sides move with the date (`date + 1mo > date + 30d`): their order has no
    // single threshold, so it is followed day by day (rare, and a walk of 10,000 years
    // is still only milliseconds).
    void scan(std::uint32_t x, std::uint32_t y) {
        auto compared = [&](Date d) {
            auto l = on(x, d), r = on(y, d);
            return l.known() && r.known() ? order(l, r) : 2;
        };
        int before = compared(from_);
        for (std::int32_t d = from_.days + 1; d <= through_.days; ++d) {
            int now = compared(Date{d});
            if (now != before) out_.push_back(Date{d});
            before = now;
        }
    }
};

bool date_typed(const Program& p, std::uint32_t i) {
    return p.code[i].type.kind == model::TypeKind::Date;
}

} // namespace

void aggregate_changes(const compiler::Aggregate& a, const Env& env, Date from, Date through,
                       std::vector<Date>& out) {
    auto keep = [&](Date d) {
        if (from < d && d <= through) out.push_back(d);
    };
    if (a.window == compiler::WindowKind::Since) keep(a.since);
    if (a.window == compiler::WindowKind::Year) {
        int y0 = 0, y1 = 0, m = 0, d = 0;
        civil_from_date(from, y0, m, d);
        civil_from_date(through, y1, m, d);
        for (int y = y0 + 1; y <= y1; ++y)
            keep(*make_date(y, 1, 1));
    }
    if (!env.history || a.table >= env.history->tables.size()) return;
    const auto& table = env.history->tables[a.table];
    for (Date e : table.dates) {
        keep(e);
        if (a.window != compiler::WindowKind::Within) continue;
        // The first day whose window starts after e: window starts never decrease, and
        // month arithmetic has no inverse (a month after Jan 31 is Feb 28), so search.
        std::int32_t lo = e.days, hi = add(add(e, a.within), Duration{0, 31}).days;
        while (hi - lo > 1) {
            std::int32_t mid = lo + (hi - lo) / 2;
            (window_start(a, Date{mid}) > e ? hi : lo) = mid;
        }
        keep(Date{hi});
    }
}

bool reads_date(const Program& p) {
    return std::any_of(p.code.begin(), p.code.end(), [](const compiler::Instr& in) {
        return in.op == Op::Today || in.op == Op::Aggregate;
    });
}

std::vector<Date> date_changes(const Program& p, const Env& env, Date from, Date through) {
    std::vector<Date> out;
    if (!reads_date(p) || through <= from) return out;
    auto dated = dated_instructions(p);
    Comparison comparison(p, env, from, through, out);
    for (std::uint32_t i = 0; i < p.code.size(); ++i) {
        const auto& in = p.code[i];
        if (!dated[i]) continue;
        switch (in.op) {
        case Op::Aggregate:
            aggregate_changes(p.aggregates[in.slot], env, from, through, out);
            break;
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
            if (date_typed(p, in.a)) comparison.changes(in.a, in.b, dated);
            break;
        case Op::InList:
            if (date_typed(p, in.a))
                for (std::uint32_t k = 0; k < in.b; ++k)
                    comparison.changes(in.a, p.args[in.slot + k], dated);
            break;
        default:
            break;
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace dealcheck::evaluator
