#include "evaluator/explain.hpp"

#include "checker/expr_checker.hpp"
#include "evaluator/counted.hpp"
#include "model/value_text.hpp"
#include "program/expr_eval.hpp"

#include <algorithm>

namespace dealcheck::evaluator {

using compiler::Op;

namespace {

// Rebuilds a condition's tree with the value of every node, by evaluating each
// sub-program: explanations are off the fast path, so clarity wins over speed.
class Tracer {
  public:
    Tracer(const CompiledDeal& deal, const model::Clause& clause, const compiler::Program& p,
           const Env& env)
        : deal_(deal), clause_(clause), p_(p), env_(env) {}

    ConditionTrace trace(std::uint32_t i) const {
        const auto& in = p_.code[i];
        ConditionTrace t;
        t.kind = kind(in.op);
        const model::ExprSource* src = source(in.source);
        if (src) {
            t.text =
                src->text.substr(std::min<std::size_t>(in.offset, src->text.size()), in.length);
            t.where = checker::locate(deal_.model, *src, in.offset);
        }
        compiler::Program sub = p_;
        sub.root = i;
        Value v = evaluate(sub, env_);
        t.value = model::format_value(deal_.model, v, deal_.strings);
        if (in.op == Op::Aggregate) t.children = counted_events(p_.aggregates[in.slot]);
        for (auto child : operands(p_, i)) {
            auto c = trace(child);
            // An inlined definition shows up as a node naming it.
            if (p_.code[child].source != in.source && p_.code[child].source != 0)
                c = named(p_.code[child].source, std::move(c));
            t.children.push_back(std::move(c));
        }
        if (i == p_.root && p_.code[i].source != 0) // the whole condition is a definition
            return named(p_.code[i].source, std::move(t));
        return t;
    }

  private:
    const CompiledDeal& deal_;
    const model::Clause& clause_;
    const compiler::Program& p_;
    const Env& env_;

    // What an aggregate counted on the question's date: the asked action first, then
    // the latest events; the answer's `history` lists more of them.
    std::vector<ConditionTrace> counted_events(const compiler::Aggregate& a) const {
        std::vector<ConditionTrace> out;
        auto count = counted(deal_, a, env_, HistoryCount::max_shown);
        std::size_t listed = 0;
        for (auto& item : count.counted) {
            if (!item.asked) ++listed;
            ConditionTrace t;
            t.kind = "event";
            t.text = std::move(item.event);
            t.where = std::move(item.where);
            t.value = std::move(item.value);
            out.push_back(std::move(t));
        }
        if (count.events > listed) {
            ConditionTrace more;
            more.kind = "event";
            more.text = "and " + std::to_string(count.events - listed) + " earlier events (" +
                        std::to_string(count.events) + " in all)";
            more.value = "unknown";
            out.push_back(std::move(more));
        }
        return out;
    }

    // `inner` under a node naming the definition (source - 1) it was inlined from.
    ConditionTrace named(std::uint32_t source, ConditionTrace inner) const {
        const auto& d = deal_.model.definitions[source - 1];
        ConditionTrace t;
        t.kind = "definition";
        t.text = d.id;
        t.where = d.where;
        t.value = inner.value;
        t.children.push_back(std::move(inner));
        return t;
    }

    static const char* kind(Op op) {
        switch (op) {
        case Op::And:
            return "and";
        case Op::Or:
            return "or";
        case Op::Not:
            return "not";
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
            return "compare";
        case Op::InSet:
        case Op::InList:
            return "in";
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
            return "arith";
        case Op::Aggregate:
            return "aggregate";
        case Op::Min:
        case Op::Max:
            return "call";
        default:
            return "value";
        }
    }

    const model::ExprSource* source(std::uint32_t s) const {
        if (s == 0) return clause_.when ? &*clause_.when : nullptr;
        return &deal_.model.definitions[s - 1].source;
    }
};

// The first part of a false (or unknown) condition that made it so: down through
// `and`s to the first conjunct that failed; an `or`, a `not` or a comparison stands
// as it is, with its operands' values as children.
ConditionTrace first_failure(const ConditionTrace& t, const std::string& failed) {
    const ConditionTrace* node = &t;
    while (true) {
        const ConditionTrace* next = nullptr;
        if (node->kind == "definition") {
            next = &node->children.front();
        } else if (node->kind == "and") {
            for (const auto& c : node->children)
                if (c.value == failed) {
                    next = &c;
                    break;
                }
        }
        if (!next) return *node;
        node = next;
    }
}

// The sums and counts among `all` (a clause's) that are inside `failed`: the aggregate
// nodes of its trace, matched by where they are written.
std::vector<HistoryCount> counted_in(const ConditionTrace& failed, std::vector<HistoryCount> all) {
    std::vector<const ConditionTrace*> aggregates, todo{&failed};
    while (!todo.empty()) {
        const auto* t = todo.back();
        todo.pop_back();
        if (t->kind == "aggregate") aggregates.push_back(t);
        for (const auto& c : t->children)
            todo.push_back(&c);
    }
    std::erase_if(all, [&](const HistoryCount& h) {
        return std::none_of(aggregates.begin(), aggregates.end(), [&](const ConditionTrace* t) {
            return t->where == h.where && t->text == h.expression;
        });
    });
    return all;
}

std::string terms_line(const model::Deal& m, std::uint32_t a) {
    const auto& ag = m.agreements[a];
    std::string line = ag.id + " (effective " + format_date(ag.effective) + ")";
    std::vector<std::string> displaced;
    for (const auto& c : m.clauses)
        if (c.superseded_by == a) displaced.push_back(c.id);
    if (!displaced.empty()) {
        line += ": displaces";
        for (const auto& id : displaced)
            line += " " + id;
    }
    return line;
}

} // namespace

Explanation explain_clauses(const CompiledDeal& deal, const BoundQuestion& q) {
    const auto& m = deal.model;
    Explanation out;
    for (std::uint32_t a = 0; a < m.agreements.size(); ++a)
        if (m.agreements[a].effective <= q.date) out.terms.push_back(terms_line(m, a));

    std::vector<Value> facts(m.facts.size());
    resolve_facts(deal, q, facts);
    Env env = question_env(deal, q, facts, q.date);
    Answer verdict = answer(deal, q, Question{}, 0);
    auto overridden_by = [&](const std::string& id) -> std::string {
        for (const auto& o : verdict.overridden)
            if (o.clause.id == id) return o.overridden_by;
        return {};
    };

    for (auto i : deal.candidates(q.action, q.party)) {
        const auto& c = m.clauses[i];
        const auto& code = deal.clauses[i];
        ClauseTrace t;
        t.clause.id = c.id;
        t.clause.title = c.title;
        t.clause.quote = c.quote;
        t.clause.cite = c.cite;
        t.clause.tag = std::string(model::to_string(c.tag));
        t.clause.effect = std::string(model::to_string(c.effect));
        t.clause.agreement = c.agreement < m.agreements.size() ? m.agreements[c.agreement].id : "";
        t.clause.where = model::location(m, c.where);
        if (!code.when.empty()) {
            t.condition = Tracer(deal, c, code.when, env).trace(code.when.root);
        }
        using S = ClauseTrace::Status;
        if (q.date < code.in_force_from) {
            t.status = S::NotYetInForce;
            t.detail = "its agreement " + t.clause.agreement + " takes effect on " +
                       format_date(code.in_force_from);
        } else if (q.date >= code.superseded_from) {
            t.status = S::Displaced;
            t.detail = "displaced by " + m.agreements[c.superseded_by].id + " from " +
                       format_date(code.superseded_from);
        } else if (q.date < code.from) {
            t.status = S::OutsideWindow;
            t.detail = "its window opens on " + format_date(code.from);
        } else if (q.date > code.until) {
            t.status = S::OutsideWindow;
            t.detail = "its window closed after " + format_date(code.until);
        } else {
            std::string happened, unknown;
            for (auto f : code.until_events) {
                if (facts[f].known() && facts[f].as_bool()) happened = m.facts[f].id;
                if (!facts[f].known()) unknown = m.facts[f].id;
            }
            Tri cond = holds(code.when, env);
            auto failed_counts = [&] {
                t.history = counted_in(*t.failed, history_counts(deal, i, env));
            };
            if (!happened.empty()) {
                t.status = S::EventHappened;
                t.detail = "it ends once " + happened + " is true, and it is";
            } else if (cond == Tri::False) {
                t.status = S::ConditionFalse;
                t.failed = first_failure(*t.condition, "false");
                t.detail = "`" + t.failed->text + "` is false";
                failed_counts();
            } else if (cond == Tri::Unknown || !unknown.empty()) {
                t.status = S::Unknown;
                if (cond == Tri::Unknown) {
                    t.failed = first_failure(*t.condition, "unknown");
                    t.detail = "`" + t.failed->text + "` is unknown";
                    failed_counts();
                } else {
                    t.detail = "it ends once " + unknown + " is true, which is unknown";
                }
            } else if (auto by = overridden_by(c.id); !by.empty()) {
                t.status = S::Overridden;
                t.overridden_by = by;
                t.detail = "overridden by the exception " + by;
            } else {
                t.status = S::Applies;
                t.detail = "in force since " + format_date(std::max(code.in_force_from, code.from));
            }
        }
        out.clauses.push_back(std::move(t));
    }
    return out;
}

} // namespace dealcheck::evaluator

namespace dealcheck {

std::string_view to_string(ClauseTrace::Status s) {
    using S = ClauseTrace::Status;
    switch (s) {
    case S::Applies:
        return "applies";
    case S::Overridden:
        return "overridden";
    case S::NotYetInForce:
        return "not yet in force";
    case S::Displaced:
        return "displaced";
    case S::OutsideWindow:
        return "outside its window";
    case S::EventHappened:
        return "ended by an event";
    case S::ConditionFalse:
        return "condition false";
    case S::Unknown:
        return "unknown";
    }
    return "unknown";
}

} // namespace dealcheck
