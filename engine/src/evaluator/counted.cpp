#include "evaluator/counted.hpp"

#include "checker/expr_checker.hpp"
#include "model/value_text.hpp"

namespace dealcheck::evaluator {

using compiler::Op;
using compiler::Program;

namespace {

struct Written {
    std::string text;
    SourceLocation where;
};

// A piece of clause `c`'s condition as written, and where: in the clause, or in the
// definition it was inlined from.
Written written(const CompiledDeal& deal, std::uint32_t c, const compiler::Instr& in) {
    const auto& clause = deal.model.clauses[c];
    const model::ExprSource* src = in.source == 0 ? (clause.when ? &*clause.when : nullptr)
                                                  : &deal.model.definitions[in.source - 1].source;
    if (!src) return {};
    return {src->text.substr(std::min<std::size_t>(in.offset, src->text.size()), in.length),
            checker::locate(deal.model, *src, in.offset)};
}

// The comparison's operator with the operand at `left` or not on the left side.
const char* op_text(Op op, bool left) {
    switch (op) {
    case Op::Lt:
        return left ? "<" : ">";
    case Op::Le:
        return left ? "<=" : ">=";
    case Op::Gt:
        return left ? ">" : "<";
    case Op::Ge:
        return left ? ">=" : "<=";
    case Op::Eq:
        return "==";
    case Op::Ne:
        return "!=";
    default:
        return nullptr;
    }
}

// The instructions from `from` down to `target`, `from` first; false when `target` is
// not below it.
bool path_to(const Program& p, std::uint32_t from, std::uint32_t target,
             std::vector<std::uint32_t>& path) {
    path.push_back(from);
    if (from == target) return true;
    for (auto k : operands(p, from))
        if (path_to(p, k, target, path)) return true;
    path.pop_back();
    return false;
}

// The innermost comparison that aggregate instruction `i` of clause `c`'s condition is
// inside, with both operands' values on the date: the cap the total is held to.
std::optional<HistoryCount::Limit> limit_of(const CompiledDeal& deal, std::uint32_t c,
                                            std::uint32_t i, const Env& env) {
    const Program& p = deal.clauses[c].when;
    auto text = [&](const Value& v) { return model::format_value(deal.model, v, deal.strings); };
    std::vector<std::uint32_t> path;
    if (!path_to(p, p.root, i, path)) return std::nullopt;
    for (std::size_t k = path.size() - 1; k-- > 0;) {
        const auto& compare = p.code[path[k]];
        std::uint32_t side = path[k + 1];
        bool left = side == compare.a;
        const char* op = op_text(compare.op, left);
        if (!op) continue;
        HistoryCount::Limit l;
        l.comparison = written(deal, c, compare).text;
        l.side = written(deal, c, p.code[side]).text;
        l.value = text(evaluate_at(p, side, env));
        l.op = op;
        std::uint32_t other = left ? compare.b : compare.a;
        l.other = written(deal, c, p.code[other]).text;
        l.limit = text(evaluate_at(p, other, env));
        l.holds = text(evaluate_at(p, path[k], env));
        return l;
    }
    return std::nullopt;
}

} // namespace

HistoryCount counted(const CompiledDeal& deal, const compiler::Aggregate& a, const Env& env,
                     std::size_t listed) {
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
        item.asked = true;
        out.counted.push_back(std::move(item));
    }
    if (!env.history || a.table >= env.history->tables.size()) return out;
    const auto& table = env.history->tables[a.table];
    auto [first, last] = table.range(window_start(a, env.date), env.date);
    out.events = last - first;
    for (std::size_t k = last; k > first && last - k < listed; --k) {
        auto e = table.events[k - 1];
        HistoryCount::Item item;
        item.event = model::describe_event(m, e);
        item.where = model::event_where(m, m.events[e]);
        item.value = text(table.values[k - 1]);
        out.counted.push_back(std::move(item));
    }
    return out;
}

std::vector<HistoryCount> history_counts(const CompiledDeal& deal, std::uint32_t c, const Env& env,
                                         std::size_t listed) {
    std::vector<HistoryCount> out;
    const auto& p = deal.clauses[c].when;
    for (std::uint32_t i = 0; i < p.code.size(); ++i) {
        const auto& in = p.code[i];
        if (in.op != Op::Aggregate) continue;
        auto count = counted(deal, p.aggregates[in.slot], env, listed);
        count.clause = deal.model.clauses[c].id;
        auto w = written(deal, c, in);
        count.expression = std::move(w.text);
        count.where = std::move(w.where);
        count.limit = limit_of(deal, c, i, env);
        out.push_back(std::move(count));
    }
    return out;
}

} // namespace dealcheck::evaluator
