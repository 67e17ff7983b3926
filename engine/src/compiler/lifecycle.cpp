// The lifecycle, simulated in date order. On each day that matters (a date trigger, a
// history event, the day after a deadline) the day's work goes in a fixed order:
// deadlines passed are violations first (so a payment on the day after the deadline
// is late), then date triggers, then the day's events in the history's order, then
// deadlines that already passed for instances triggered that day.
#include "compiler/lifecycle.hpp"

#include "compiler/compiled_deal.hpp"
#include "model/business_days.hpp"

#include <algorithm>

namespace dealcheck::compiler {

namespace {

using model::no_index;

struct Working {
    ObligationState state = ObligationState::Pending;
    std::optional<Date> deadline;
    std::optional<Date> suspended_since; // paused: the deadline moves on by the pause
    Money paid{};
    std::uint32_t trigger_event = no_index;
};

class Simulation {
  public:
    explicit Simulation(const model::Deal& deal)
        : deal_(deal), owed_(deal.obligations.size()), owed_from_(deal.obligations.size(), 0),
          violated_(deal.obligations.size(), 0), instances_of_(deal.obligations.size(), 0),
          suspended_(deal.obligations.size()), power_state_(deal.powers.size()) {
        life_.powers.resize(deal.powers.size());
    }

    Lifecycle run() {
        std::vector<std::uint32_t> dated; // obligations triggered on a date, by date
        for (std::uint32_t o = 0; o < deal_.obligations.size(); ++o)
            if (deal_.obligations[o].trigger.kind == model::Trigger::Kind::Date) dated.push_back(o);
        std::stable_sort(dated.begin(), dated.end(), [&](auto a, auto b) {
            return deal_.obligations[a].trigger.date < deal_.obligations[b].trigger.date;
        });
        std::vector<std::uint32_t> ended; // obligations a later agreement terminates, by date
        for (std::uint32_t o = 0; o < deal_.obligations.size(); ++o)
            if (deal_.obligations[o].discharged_from) ended.push_back(o);
        std::stable_sort(ended.begin(), ended.end(), [&](auto a, auto b) {
            return *deal_.obligations[a].discharged_from < *deal_.obligations[b].discharged_from;
        });
        std::size_t next_dated = 0, next_event = 0, next_ended = 0;
        while (true) {
            std::optional<Date> t;
            auto consider = [&](Date d) {
                if (!t || d < *t) t = d;
            };
            if (next_dated < dated.size())
                consider(deal_.obligations[dated[next_dated]].trigger.date);
            if (next_event < deal_.events.size()) consider(deal_.events[next_event].date);
            if (next_ended < ended.size())
                consider(*deal_.obligations[ended[next_ended]].discharged_from);
            for (auto i : pending_) {
                const auto& w = working_[i];
                if (w.state == ObligationState::Pending && w.deadline && !w.suspended_since)
                    consider(Date{w.deadline->days + 1});
            }
            if (!t) break;
            violations(*t);
            for (; next_ended < ended.size() &&
                   *deal_.obligations[ended[next_ended]].discharged_from == *t;
                 ++next_ended)
                discharge(ended[next_ended], *t);
            for (; next_dated < dated.size() &&
                   deal_.obligations[dated[next_dated]].trigger.date == *t;
                 ++next_dated)
                trigger(dated[next_dated], *t, no_index, "on its date");
            for (; next_event < deal_.events.size() && deal_.events[next_event].date == *t;
                 ++next_event)
                event(next_event, *t);
            violations(*t);
            // Later days' deadlines and powers need only look at what is still pending.
            std::erase_if(pending_, [&](std::uint32_t i) {
                return working_[i].state != ObligationState::Pending;
            });
        }
        return std::move(life_);
    }

  private:
    const model::Deal& deal_;
    Lifecycle life_;
    std::vector<Working> working_; // parallel to life_.instances
    // The instances pending, in the order they were triggered: what each day's deadlines
    // and powers may change. Per obligation, every instance in that order, and the first
    // that may still be owed (pending or violated): what an event may perform.
    std::vector<std::uint32_t> pending_;
    std::vector<std::vector<std::uint32_t>> owed_;
    std::vector<std::size_t> owed_from_;
    std::vector<int> violated_;     // per obligation: instances violated and not performed
    std::vector<int> instances_of_; // per obligation: how many were triggered
    std::vector<std::optional<Date>> suspended_; // per obligation: paused since
    std::vector<PowerState> power_state_;

    std::string event_text(std::uint32_t e) const { return model::describe_event(deal_, e); }

    void change(std::uint32_t i, Date date, std::uint32_t event, std::string text,
                bool late = false) {
        const auto& w = working_[i];
        InstanceChange c;
        c.date = date;
        c.state = w.state;
        c.suspended = w.suspended_since.has_value();
        c.late = late;
        c.deadline = w.suspended_since ? std::nullopt : w.deadline;
        c.paid = w.paid;
        c.event = event;
        c.text = std::move(text);
        life_.instances[i].changes.push_back(std::move(c));
    }

    // The anchor plus the duration, then the business days.
    std::optional<Date> deadline(const model::Obligation& o, Date triggered,
                                 std::uint32_t event) const {
        const auto& d = o.deadline;
        if (d.source.text.empty()) return std::nullopt; // none stated: never violated
        std::optional<Date> anchor;
        switch (d.anchor) {
        case model::Deadline::Anchor::Trigger:
            anchor = triggered;
            break;
        case model::Deadline::Anchor::Date:
            anchor = d.date;
            break;
        case model::Deadline::Anchor::Attribute:
            if (event != no_index)
                for (const auto& [attribute, value] : deal_.events[event].attributes)
                    if (attribute == d.index && value.kind == ValueKind::Date)
                        anchor = value.as_date();
            break;
        case model::Deadline::Anchor::Fact:
            for (const auto& k : deal_.facts[d.index].known)
                if (k.from <= triggered && triggered <= k.through &&
                    k.value.kind == ValueKind::Date)
                    anchor = k.value.as_date();
            break;
        }
        if (!anchor) return std::nullopt;
        return model::add_business_days(deal_.calendar, add(*anchor, d.plus), d.business_days);
    }

    // A later agreement terminates obligation `o`: its pending instances are discharged.
    void discharge(std::uint32_t o, Date t) {
        const auto& ob = deal_.obligations[o];
        const auto& by = deal_.agreements[ob.discharged_by];
        for (auto i : pending_)
            if (life_.instances[i].obligation == o &&
                working_[i].state == ObligationState::Pending) {
                working_[i].state = ObligationState::Discharged;
                working_[i].suspended_since.reset();
                change(i, t, no_index,
                       "discharged: agreement `" + by.id + "` terminates it (" + by.where.file +
                           ":" + std::to_string(by.where.line) + ")");
            }
    }

    void trigger(std::uint32_t o, Date t, std::uint32_t event, const std::string& why) {
        const auto& ob = deal_.obligations[o];
        if (life_.terminated || (ob.discharged_from && *ob.discharged_from <= t)) return;
        Instance instance;
        instance.obligation = o;
        instance.triggered = t;
        instance.number = ++instances_of_[o];
        Working w;
        w.deadline = deadline(ob, t, event);
        w.trigger_event = event;
        if (suspended_[o]) w.suspended_since = t;
        life_.instances.push_back(std::move(instance));
        working_.push_back(w);
        auto i = static_cast<std::uint32_t>(working_.size() - 1);
        pending_.push_back(i);
        owed_[o].push_back(i);
        std::string text = "triggered " + why;
        if (ob.deadline.source.text.empty())
            text += "; no deadline is stated";
        else if (!w.deadline)
            text += "; its deadline counts from `" + ob.deadline.source.text + "`, unknown on " +
                    format_date(t);
        change(static_cast<std::uint32_t>(working_.size() - 1), t, event, std::move(text));
    }

    // Triggers what a change of instance `i` starts: obligations triggered by its
    // violation or fulfilment, and powers its violation opens.
    void follow(std::uint32_t i, Date t, model::Trigger::Kind kind) {
        auto o = life_.instances[i].obligation;
        const auto& id = deal_.obligations[o].id;
        std::string why = (kind == model::Trigger::Kind::Violated ? "by the violation of `"
                                                                  : "by the fulfilment of `") +
                          id + "` #" + std::to_string(life_.instances[i].number);
        for (std::uint32_t n = 0; n < deal_.obligations.size(); ++n) {
            const auto& tr = deal_.obligations[n].trigger;
            if (tr.kind == kind && tr.obligation == o) trigger(n, t, no_index, why);
        }
        if (kind == model::Trigger::Kind::Violated)
            open_powers(model::Power::Opening::Violated, o, t, "opened " + why);
    }

    void open_powers(model::Power::Opening opening, std::uint32_t by, Date t,
                     const std::string& why) {
        if (life_.terminated) return;
        for (std::uint32_t p = 0; p < deal_.powers.size(); ++p) {
            const auto& power = deal_.powers[p];
            if (power.opening != opening || power.opened_by != by ||
                power_state_[p] != PowerState::Dormant)
                continue;
            power_state_[p] = PowerState::Open;
            life_.powers[p].push_back({t, PowerState::Open, no_index, why});
        }
    }

    void violations(Date t) {
        // By index: a violation may trigger instances, appended to pending_ as it is read.
        for (std::size_t k = 0; k < pending_.size(); ++k) {
            auto i = pending_[k];
            auto& w = working_[i];
            if (w.state != ObligationState::Pending || !w.deadline || w.suspended_since ||
                *w.deadline >= t)
                continue;
            w.state = ObligationState::Violated;
            ++violated_[life_.instances[i].obligation];
            change(i, t, no_index,
                   "violated: not performed by its deadline, " + format_date(*w.deadline));
            follow(i, t, model::Trigger::Kind::Violated);
        }
    }

    void event(std::uint32_t e, Date t) {
        const auto& ev = deal_.events[e];
        if (ev.action == no_index) return; // a fact event
        bool used = exercise(e, t);
        for (std::uint32_t o = 0; o < deal_.obligations.size(); ++o) {
            const auto& tr = deal_.obligations[o].trigger;
            if (tr.kind == model::Trigger::Kind::Event && tr.action == ev.action &&
                tr.party == ev.party) {
                trigger(o, t, e, "by " + event_text(e));
                used = true;
            }
        }
        if (fulfil(e, t)) used = true;
        bool owed = std::any_of(deal_.obligations.begin(), deal_.obligations.end(),
                                [&](const model::Obligation& o) { return o.action == ev.action; });
        if (!used && owed)
            life_.notes.push_back(
                {e, DiagnosticCode::fulfils_nothing,
                 "the event fulfils nothing: no obligation of `" + deal_.parties[ev.party].id +
                     "` to `" + deal_.actions[ev.action].id + "` is pending or violated on " +
                     format_date(t),
                 "check its date, party and action against the obligations it should fulfil "
                 "(`dealcheck status --as-of " +
                     format_date(t) + "` lists them)"});
    }

    // The amount an event pays towards obligation `o`: its `amount` in o's currency.
    std::optional<Money> payment(const model::Event& ev, const model::Obligation& o) const {
        for (const auto& [attribute, value] : ev.attributes)
            if (attribute == o.amount_attribute && value.kind == ValueKind::Money &&
                value.as_money().currency == o.amount.currency)
                return value.as_money();
        return std::nullopt;
    }

    // The first instance of `o` event `e` may perform: pending or violated, not the one
    // it triggered itself, and, for an amount, paid in its currency.
    std::optional<std::uint32_t> owed_instance(std::uint32_t o, std::uint32_t e) {
        const auto& ob = deal_.obligations[o];
        if (ob.amount_attribute != no_index && !payment(deal_.events[e], ob)) return std::nullopt;
        auto owed = [&](std::uint32_t i) {
            return working_[i].state == ObligationState::Pending ||
                   working_[i].state == ObligationState::Violated;
        };
        auto& from = owed_from_[o];
        while (from < owed_[o].size() && !owed(owed_[o][from]))
            ++from;
        for (auto k = from; k < owed_[o].size(); ++k)
            if (owed(owed_[o][k]) && working_[owed_[o][k]].trigger_event != e) return owed_[o][k];
        return std::nullopt;
    }

    // The event performs the earliest instance still owed of an obligation of its
    // party to its action: on time while pending, late once violated.
    bool fulfil(std::uint32_t e, Date t) {
        const auto& ev = deal_.events[e];
        std::optional<std::uint32_t> earliest;
        for (std::uint32_t o = 0; o < deal_.obligations.size(); ++o)
            if (deal_.obligations[o].action == ev.action && deal_.obligations[o].party == ev.party)
                if (auto i = owed_instance(o, e); i && (!earliest || *i < *earliest)) earliest = i;
        if (!earliest) return false;
        auto i = *earliest;
        auto& w = working_[i];
        auto ob = life_.instances[i].obligation;
        const auto& o = deal_.obligations[ob];
        bool late = w.state == ObligationState::Violated;
        if (o.amount_attribute != no_index) {
            auto paid = *payment(ev, o);
            w.paid.cents += paid.cents;
            w.paid.currency = o.amount.currency;
            if (w.paid.cents < o.amount.cents) {
                change(i, t, e,
                       "paid " + format_money(paid) + " (" + format_money(w.paid) + " of " +
                           format_money(o.amount) + "): " + event_text(e));
                return true;
            }
        }
        w.state = ObligationState::Fulfilled;
        w.suspended_since.reset();
        change(i, t, e, std::string(late ? "fulfilled late" : "fulfilled") + ": " + event_text(e),
               late);
        follow(i, t, model::Trigger::Kind::Fulfilled);
        if (late && --violated_[ob] == 0) cured(ob, t, e);
        return true;
    }

    // No instance of `o` is left violated: the powers its violation opened and nobody
    // exercised lapse, the breach cured.
    void cured(std::uint32_t o, Date t, std::uint32_t e) {
        for (std::uint32_t p = 0; p < deal_.powers.size(); ++p) {
            const auto& power = deal_.powers[p];
            if (power.opening != model::Power::Opening::Violated || power.opened_by != o ||
                power_state_[p] != PowerState::Open)
                continue;
            power_state_[p] = PowerState::Lapsed;
            life_.powers[p].push_back(
                {t, PowerState::Lapsed, e, "lapsed: the violation is cured by " + event_text(e)});
        }
    }

    // The event exercises an open power of its party's with its action.
    bool exercise(std::uint32_t e, Date t) {
        const auto& ev = deal_.events[e];
        std::optional<std::uint32_t> closed;
        for (std::uint32_t p = 0; p < deal_.powers.size(); ++p) {
            const auto& power = deal_.powers[p];
            if (power.action != ev.action || power.party != ev.party) continue;
            if (power_state_[p] != PowerState::Open) {
                if (!closed) closed = p;
                continue;
            }
            power_state_[p] = PowerState::Exercised;
            life_.powers[p].push_back({t, PowerState::Exercised, e, "exercised: " + event_text(e)});
            apply(p, e, t);
            return true;
        }
        if (closed) {
            const auto& power = deal_.powers[*closed];
            life_.notes.push_back(
                {e, DiagnosticCode::power_not_open,
                 "the event exercises power `" + power.id + "`, which is " +
                     std::string(to_string(power_state_[*closed])) + " on " + format_date(t),
                 "a power opens when `" + power.opened_by_id + "` is " +
                     (power.opening == model::Power::Opening::Violated ? "violated" : "exercised") +
                     ", and is exercised once"});
            return true;
        }
        return false;
    }

    void apply(std::uint32_t p, std::uint32_t e, Date t) {
        const auto& power = deal_.powers[p];
        std::string by = "by power `" + power.id + "`: " + event_text(e);
        switch (power.effect) {
        case model::Power::Effect::Suspend:
            for (auto o : power.targets) {
                if (o == no_index || suspended_[o]) continue;
                suspended_[o] = t;
                for (auto i : pending_)
                    if (life_.instances[i].obligation == o &&
                        working_[i].state == ObligationState::Pending) {
                        working_[i].suspended_since = t;
                        change(i, t, e, "suspended " + by);
                    }
            }
            break;
        case model::Power::Effect::Resume:
            for (auto o : power.targets) {
                if (o == no_index || !suspended_[o]) continue;
                suspended_[o].reset();
                for (auto i : pending_) {
                    auto& w = working_[i];
                    if (life_.instances[i].obligation != o || !w.suspended_since) continue;
                    if (w.deadline)
                        w.deadline = Date{w.deadline->days + (t.days - w.suspended_since->days)};
                    w.suspended_since.reset();
                    change(i, t, e,
                           "resumed " + by +
                               (w.deadline ? "; the deadline moves to " + format_date(*w.deadline)
                                           : ""));
                }
            }
            break;
        case model::Power::Effect::Terminate:
            life_.terminated = t;
            for (auto i : pending_)
                if (working_[i].state == ObligationState::Pending) {
                    working_[i].state = ObligationState::Discharged;
                    working_[i].suspended_since.reset();
                    change(i, t, e, "discharged: the deal is terminated " + by);
                }
            for (std::uint32_t q = 0; q < deal_.powers.size(); ++q)
                if (power_state_[q] == PowerState::Open) {
                    power_state_[q] = PowerState::Lapsed;
                    life_.powers[q].push_back(
                        {t, PowerState::Lapsed, e, "lapsed: the deal is terminated " + by});
                }
            return;
        }
        open_powers(model::Power::Opening::Exercised, p, t,
                    "opened by exercising `" + power.id + "`");
    }
};

} // namespace

Lifecycle lifecycle(const model::Deal& deal) {
    return Simulation(deal).run();
}

std::vector<PowerSpan> open_spans(const model::Deal& deal, const Lifecycle& life) {
    std::vector<PowerSpan> out;
    for (std::uint32_t p = 0; p < life.powers.size(); ++p) {
        const auto& changes = life.powers[p];
        auto opened = std::find_if(changes.begin(), changes.end(), [](const PowerChange& c) {
            return c.state == PowerState::Open;
        });
        if (opened == changes.end()) continue;
        PowerSpan span{p, deal.powers[p].action, deal.powers[p].party, opened->date, last_day};
        if (auto next = std::next(opened); next != changes.end())
            span.until =
                next->state == PowerState::Exercised ? next->date : Date{next->date.days - 1};
        if (span.from <= span.until) out.push_back(span);
    }
    return out;
}

} // namespace dealcheck::compiler
