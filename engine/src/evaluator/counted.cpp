#include "evaluator/counted.hpp"

#include "checker/expr_checker.hpp"
#include "model/value_text.hpp"

namespace dealcheck::evaluator {

HistoryCount counted(const CompiledDeal& deal, const compiler::Aggregate& a, const Env& env) {
    const auto& m = deal.model;
    auto text = [&](const Value& v) { return model::format_value(m, v, deal.strings); };
    HistoryCount out;
    out.total = text(evaluate_aggregate(a, env));
    Env without_history = env; // what the asked action adds
    without_history.history = nullptr;
    Value own = evaluate_aggregate(a, without_history);
    if (own != a.zero) {
        HistoryCount::Item item;
        item.event = "this action (the one asked about)";
        item.value = text(own);
        out.counted.push_back(std::move(item));
    }
    if (!env.history || a.table >= env.history->tables.size()) return out;
    const auto& table = env.history->tables[a.table];
    auto [first, last] = table.range(window_start(a, env.date), env.date);
    out.events = last - first;
    for (std::size_t k = last; k > first && out.counted.size() < HistoryCount::max_listed; --k) {
        auto e = table.events[k - 1];
        HistoryCount::Item item;
        item.event = model::describe_event(m, e);
        item.where = model::event_where(m, m.events[e]);
        item.value = text(table.values[k - 1]);
        out.counted.push_back(std::move(item));
    }
    return out;
}

std::vector<HistoryCount> history_counts(const CompiledDeal& deal, std::uint32_t c,
                                         const Env& env) {
    std::vector<HistoryCount> out;
    const auto& p = deal.clauses[c].when;
    const auto& clause = deal.model.clauses[c];
    for (const auto& in : p.code) {
        if (in.op != compiler::Op::Aggregate) continue;
        auto count = counted(deal, p.aggregates[in.slot], env);
        count.clause = clause.id;
        const model::ExprSource* src = in.source == 0
                                           ? (clause.when ? &*clause.when : nullptr)
                                           : &deal.model.definitions[in.source - 1].source;
        if (src) {
            count.expression =
                src->text.substr(std::min<std::size_t>(in.offset, src->text.size()), in.length);
            count.where = checker::locate(deal.model, *src, in.offset);
        }
        out.push_back(std::move(count));
    }
    return out;
}

} // namespace dealcheck::evaluator
