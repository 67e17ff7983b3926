// Reading the lifecycle: its state as of a day (status) and its changes (timelines).
// Nothing here decides a state: each is the latest change on or before the day.
#include "evaluator/obligations.hpp"
#include "model/deal.hpp"

#include <algorithm>

namespace dealcheck {

std::string_view to_string(ObligationState s) {
    switch (s) {
    case ObligationState::Pending:
        return "pending";
    case ObligationState::Fulfilled:
        return "fulfilled";
    case ObligationState::Violated:
        return "violated";
    case ObligationState::Discharged:
        return "discharged";
    }
    return "pending";
}

std::string_view to_string(PowerState s) {
    switch (s) {
    case PowerState::Dormant:
        return "dormant";
    case PowerState::Open:
        return "open";
    case PowerState::Exercised:
        return "exercised";
    case PowerState::Lapsed:
        return "lapsed";
    }
    return "dormant";
}

namespace evaluator {

namespace {

SourceLocation located(const model::Deal& deal, std::uint32_t event,
                       const SourceLocation& otherwise) {
    return event == model::no_index ? otherwise : model::event_where(deal, deal.events[event]);
}

} // namespace

DealStatus status_as_of(const model::Deal& deal, const Lifecycle& life, Date as_of) {
    DealStatus s;
    s.deal = deal.id;
    s.as_of = as_of;
    if (life.terminated && *life.terminated <= as_of) s.terminated = life.terminated;
    for (const auto& instance : life.instances) {
        if (instance.triggered > as_of) continue;
        const auto& o = deal.obligations[instance.obligation];
        ObligationStatus st;
        st.id = o.id;
        st.title = o.title;
        st.tag = model::to_string(o.tag);
        st.instance = instance.number;
        st.where = o.where;
        st.debtor = o.party_id;
        st.creditor = o.creditor_id;
        st.action = o.action_id;
        st.triggered = instance.triggered;
        st.open_ended = o.deadline.source.text.empty();
        if (!o.amount_text.empty()) st.owed = format_money(o.amount);
        for (const auto& c : instance.changes) {
            if (c.date > as_of) break;
            if (c.state != st.state || st.steps.empty()) st.since = c.date;
            st.state = c.state;
            st.suspended = c.suspended;
            st.late = c.late;
            st.deadline = c.deadline;
            if (!o.amount_text.empty()) {
                st.paid = format_money(Money{c.paid.cents, o.amount.currency});
                auto left = std::max<std::int64_t>(0, o.amount.cents - c.paid.cents);
                st.open = format_money(Money{left, o.amount.currency});
            }
            st.steps.push_back({c.date, c.text, located(deal, c.event, o.where)});
        }
        s.obligations.push_back(std::move(st));
    }
    for (std::uint32_t p = 0; p < deal.powers.size(); ++p) {
        const auto& power = deal.powers[p];
        PowerStatus st;
        st.id = power.id;
        st.title = power.title;
        st.tag = model::to_string(power.tag);
        st.where = power.where;
        st.holder = power.party_id;
        st.action = power.action_id;
        st.effect = model::to_string(power.effect);
        for (const auto& c : life.powers[p]) {
            if (c.date > as_of) break;
            st.state = c.state;
            st.since = c.date;
            st.steps.push_back({c.date, c.text, located(deal, c.event, power.where)});
        }
        s.powers.push_back(std::move(st));
    }
    return s;
}

std::vector<ObligationChange> changes(const model::Deal& deal, const Lifecycle& life) {
    std::vector<ObligationChange> out;
    for (const auto& instance : life.instances) {
        const auto& o = deal.obligations[instance.obligation];
        for (const auto& c : instance.changes)
            out.push_back({c.date, o.id, false, instance.number, std::string(to_string(c.state)),
                           c.text, located(deal, c.event, o.where)});
    }
    for (std::uint32_t p = 0; p < deal.powers.size(); ++p)
        for (const auto& c : life.powers[p])
            out.push_back({c.date, deal.powers[p].id, true, 1, std::string(to_string(c.state)),
                           c.text, located(deal, c.event, deal.powers[p].where)});
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    return out;
}

} // namespace evaluator

} // namespace dealcheck
