#include "program/history.hpp"

#include "program/arithmetic.hpp"

#include <algorithm>

namespace dealcheck::compiler {

std::pair<std::size_t, std::size_t> AggregateTable::range(Date from, Date through) const {
    auto first = std::lower_bound(dates.begin(), dates.end(), from);
    auto last = std::upper_bound(first, dates.end(), through);
    return {static_cast<std::size_t>(first - dates.begin()),
            static_cast<std::size_t>(last - dates.begin())};
}

Value aggregate_total(const Aggregate& a, const AggregateTable& t, Date from, Date through) {
    auto [first, last] = t.range(from, through);
    if (t.unknowns[last] != t.unknowns[first]) return Value::unknown();
    if (a.count) return Value::number(*make_number(static_cast<std::int64_t>(last - first), 0));
    if (first == last) return a.zero;
    return arithmetic(Op::Sub, t.totals[last], t.totals[first]);
}

} // namespace dealcheck::compiler
