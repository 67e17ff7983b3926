#include "evaluator/power_reasons.hpp"

#include "evaluator/provision_ref.hpp"

#include <algorithm>

namespace dealcheck::evaluator {

namespace {

using compiler::Instance;
using compiler::InstanceChange;
using model::no_index;

// The latest change of an instance on or before `d` (an instance triggered by then has one).
const InstanceChange& latest(const Instance& instance, Date d) {
    const InstanceChange* last = &instance.changes.front();
    for (const auto& c : instance.changes)
        if (c.date <= d) last = &c;
    return *last;
}

class Reasons {
  public:
    Reasons(const CompiledDeal& deal, Date date) : deal_(deal), m_(deal.model), date_(date) {}

    PowerRef power(std::uint32_t p, bool open_today) {
        const auto& power = m_.powers[p];
        PowerRef r;
        r.power = power_ref(deal_, p);

        const compiler::PowerChange* last = nullptr;
        const compiler::PowerChange* opened = nullptr;
        for (const auto& c : deal_.lifecycle.powers[p]) {
            if (c.date > date_) break;
            last = &c;
            if (c.state == PowerState::Open) opened = &c;
        }
        PowerState state = last ? last->state : PowerState::Dormant;
        // On the day it is exercised the power still permits the action: the exercising
        // event is that action.
        if (open_today) state = PowerState::Open;
        r.state = std::string(to_string(state));
        if (state == PowerState::Open && opened)
            r.since = opened->date;
        else if (last)
            r.since = last->date;

        switch (state) {
        case PowerState::Dormant:
            r.why = "dormant: opens when `" + power.opened_by_id + "` is " +
                    (power.opening == model::Power::Opening::Violated ? "violated" : "exercised") +
                    "; " + opening_words(power);
            break;
        case PowerState::Open:
            // An open power has its opening among the changes up to the date.
            r.why = "open since " + format_date(*r.since) + ": " +
                    (opened ? opened_words(power, *opened) : std::string("opened"));
            if (last && last->state == PowerState::Exercised)
                r.why += "; exercised on this day by " + event_words(last->event) +
                         ", which is the action asked";
            else
                r.why += "; " + m_.parties[power.party].id + " exercises it by a `" +
                         power.action_id + "` event";
            break;
        case PowerState::Exercised:
            r.why = "exercised on " + format_date(last->date) + " by " + event_words(last->event);
            break;
        case PowerState::Lapsed:
            r.why = "lapsed on " + format_date(last->date) + ": " + without_state(last->text);
            break;
        }
        events(p, r);
        return r;
    }

  private:
    const CompiledDeal& deal_;
    const model::Deal& m_;
    Date date_;

    std::string event_words(std::uint32_t e) const {
        return e == no_index ? "an event" : model::describe_event(m_, e);
    }

    // "lapsed: the violation is cured by ..." -> "the violation is cured by ..."
    static std::string without_state(const std::string& text) {
        auto colon = text.find(": ");
        return colon == std::string::npos ? text : text.substr(colon + 2);
    }

    std::string instance_name(const Instance& instance) const {
        return "`" + m_.obligations[instance.obligation].id + "` #" +
               std::to_string(instance.number);
    }

    // What is missing of an instance still owed: the owed action by its party, or the
    // rest of the amount.
    std::string missing(const Instance& instance, const InstanceChange& c) const {
        const auto& o = m_.obligations[instance.obligation];
        if (!o.amount_text.empty() && c.paid.cents > 0)
            return "paid " + format_money(Money{c.paid.cents, o.amount.currency}) + " of " +
                   format_money(o.amount);
        return "no `" + o.action_id + "` event by " + o.party_id + " yet";
    }

    // One instance of the opening obligation as of the date, and how it got there.
    std::string instance_words(const Instance& instance) const {
        const auto& c = latest(instance, date_);
        std::string name = instance_name(instance);
        switch (c.state) {
        case ObligationState::Pending:
            if (c.suspended) return name + " is pending, its deadline suspended";
            if (!c.deadline) return name + " is pending, with no deadline; " + missing(instance, c);
            return name + " is pending, due by " + format_date(*c.deadline) + "; " +
                   missing(instance, c);
        case ObligationState::Fulfilled:
            return name + " was fulfilled" + (c.late ? " late" : "") + " by " +
                   event_words(c.event);
        case ObligationState::Violated:
            return name + " is violated";
        case ObligationState::Discharged:
            return name + " was discharged on " + format_date(c.date);
        }
        return name;
    }

    std::vector<const Instance*> instances_of(std::uint32_t obligation) const {
        std::vector<const Instance*> out;
        for (const auto& instance : deal_.lifecycle.instances)
            if (instance.obligation == obligation && instance.triggered <= date_)
                out.push_back(&instance);
        return out;
    }

    // Why a dormant power has not opened: where its opening obligation or power stands.
    std::string opening_words(const model::Power& power) const {
        if (power.opening == model::Power::Opening::Exercised) {
            const auto& by = m_.powers[power.opened_by];
            PowerState state = PowerState::Dormant;
            for (const auto& c : deal_.lifecycle.powers[power.opened_by])
                if (c.date <= date_) state = c.state;
            return "`" + by.id + "` is " + std::string(to_string(state));
        }
        auto instances = instances_of(power.opened_by);
        if (instances.empty()) return "no instance of `" + power.opened_by_id + "` is owed yet";
        std::string out;
        for (const auto* instance : instances)
            out += (out.empty() ? "" : "; ") + instance_words(*instance);
        return out;
    }

    // What opened an open power: the violated instance, its deadline and what is
    // missing, or the exercise of the power that opens it.
    std::string opened_words(const model::Power& power, const compiler::PowerChange& opened) const {
        if (power.opening == model::Power::Opening::Exercised) {
            for (const auto& c : deal_.lifecycle.powers[power.opened_by])
                if (c.state == PowerState::Exercised)
                    return "opened by exercising `" + m_.powers[power.opened_by].id +
                           "`: " + event_words(c.event);
            return without_state(opened.text);
        }
        for (const auto* instance : instances_of(power.opened_by))
            for (const auto& c : instance->changes)
                if (c.state == ObligationState::Violated && c.date == opened.date) {
                    // The deadline it missed is that of the change before the violation.
                    std::optional<Date> due;
                    for (const auto& before : instance->changes)
                        if (before.date < c.date && before.deadline) due = before.deadline;
                    const auto& now = latest(*instance, date_);
                    return "the violation of " + instance_name(*instance) +
                           (due ? ", due by " + format_date(*due) : "") + ": " +
                           (now.state == ObligationState::Violated ? missing(*instance, now)
                                                                   : instance_words(*instance));
                }
        return without_state(opened.text);
    }

    SourceLocation located(std::uint32_t e, const SourceLocation& otherwise) const {
        return e == no_index ? otherwise : model::event_where(m_, m_.events[e]);
    }

    // The dated steps that made the power's state: the opening obligation's instances
    // (or the opening power's) and the power's own, up to the date.
    void events(std::uint32_t p, PowerRef& r) const {
        const auto& power = m_.powers[p];
        if (power.opening == model::Power::Opening::Violated) {
            for (const auto* instance : instances_of(power.opened_by))
                for (const auto& c : instance->changes)
                    if (c.date <= date_)
                        r.events.push_back(
                            {c.date, instance_name(*instance) + " " + c.text,
                             located(c.event, m_.obligations[power.opened_by].where)});
        } else {
            for (const auto& c : deal_.lifecycle.powers[power.opened_by])
                if (c.date <= date_)
                    r.events.push_back({c.date, "`" + m_.powers[power.opened_by].id + "` " + c.text,
                                        located(c.event, m_.powers[power.opened_by].where)});
        }
        for (const auto& c : deal_.lifecycle.powers[p])
            if (c.date <= date_)
                r.events.push_back(
                    {c.date, "`" + power.id + "` " + c.text, located(c.event, power.where)});
        std::stable_sort(r.events.begin(), r.events.end(),
                         [](const auto& a, const auto& b) { return a.date < b.date; });
    }
};

} // namespace

ClauseRef power_ref(const CompiledDeal& deal, std::uint32_t p) {
    return provision_ref(deal, deal.model.powers[p], "power");
}

std::vector<PowerRef> power_reasons(const CompiledDeal& deal, const BoundQuestion& q) {
    std::vector<PowerRef> out;
    Reasons reasons(deal, q.date);
    for (std::uint32_t p = 0; p < deal.model.powers.size(); ++p) {
        const auto& power = deal.model.powers[p];
        if (power.action != q.action || power.party != q.party) continue;
        bool open_today =
            std::any_of(deal.power_open.begin(), deal.power_open.end(),
                        [&](const auto& s) { return s.power == p && open_for(s, q); });
        out.push_back(reasons.power(p, open_today));
    }
    return out;
}

} // namespace dealcheck::evaluator
