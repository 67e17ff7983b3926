#include "evaluator/owed.hpp"

#include "evaluator/related.hpp"

namespace dealcheck::evaluator {

std::vector<OwedRef> owed_by(const CompiledDeal& deal, const BoundQuestion& q) {
    const auto& m = deal.model;
    std::vector<OwedRef> out;
    for (const auto& instance : deal.lifecycle.instances) {
        const auto& o = m.obligations[instance.obligation];
        if (!performs(o, q.action, q.party) || instance.triggered > q.date) continue;
        const compiler::InstanceChange* now = nullptr;
        std::optional<Date> due; // the deadline it had before any violation
        for (const auto& c : instance.changes) {
            if (c.date > q.date) break;
            now = &c;
            if (c.deadline) due = c.deadline;
        }
        if (!now ||
            (now->state != ObligationState::Pending && now->state != ObligationState::Violated))
            continue;
        OwedRef r;
        r.obligation = o.id;
        r.instance = instance.number;
        r.state = std::string(to_string(now->state));
        r.text = "`" + o.id + "` #" + std::to_string(instance.number) + " " + r.state;
        if (now->state == ObligationState::Violated) r.text += " since " + format_date(now->date);
        if (now->suspended)
            r.text += ", its deadline suspended";
        else if (due)
            r.text += ", due by " + format_date(*due);
        else if (o.deadline.source.text.empty())
            r.text += ", no deadline stated";
        if (!o.amount_text.empty())
            r.text += "; paid " + format_money(Money{now->paid.cents, o.amount.currency}) + " of " +
                      format_money(o.amount);
        r.where = o.where;
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace dealcheck::evaluator
