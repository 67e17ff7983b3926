#include "compiler/history_tables.hpp"

#include "program/arithmetic.hpp"
#include "program/expr_eval.hpp"

namespace dealcheck::compiler {

namespace {

// An event's attributes by global index, as a question's would be: what it omits takes
// the attribute's default, else is unknown.
void event_row(const model::Deal& m, const model::Event& e, std::vector<Value>& row) {
    std::fill(row.begin(), row.end(), Value::unknown());
    for (const auto& attribute : m.actions[e.action].attributes)
        if (attribute.default_text) row[attribute.global] = attribute.default_value;
    for (const auto& [global, value] : e.attributes)
        row[global] = value;
}

AggregateTable table_of(const model::Deal& m, const Aggregate& a) {
    AggregateTable t;
    t.totals.push_back(a.zero);
    t.unknowns.push_back(0);
    std::vector<Value> row(m.attributes.size());
    Value total = a.zero;
    for (std::uint32_t i = 0; i < m.events.size(); ++i) {
        const auto& e = m.events[i];
        if (e.action != a.action || (a.party != no_slot && e.party != a.party)) continue;
        event_row(m, e, row);
        Tri matches = a.filter.empty()
                          ? Tri::True
                          : evaluator::holds(a.filter, evaluator::Env{row, {}, e.date});
        if (matches == Tri::False) continue;
        Value value = a.count ? Value::number(*make_number(1, 0)) : row[a.attribute];
        bool unknown = matches == Tri::Unknown || !value.known();
        if (!unknown && !a.count) total = arithmetic(Op::Add, total, value);
        t.dates.push_back(e.date);
        t.events.push_back(i);
        t.values.push_back(value);
        t.totals.push_back(total);
        t.unknowns.push_back(t.unknowns.back() + (unknown ? 1 : 0));
    }
    return t;
}

} // namespace

void build_history(CompiledDeal& deal) {
    for (auto& code : deal.clauses)
        for (auto& a : code.when.aggregates) {
            if (a.window == WindowKind::Term) {
                a.window = WindowKind::Since;
                a.since = code.from;
            }
            a.table = static_cast<std::uint32_t>(deal.history.tables.size());
            deal.history.tables.push_back(table_of(deal.model, a));
        }
}

} // namespace dealcheck::compiler
