#include "lifecycle_reference.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace dealcheck::semantics {

namespace {

struct Instance {
    const ObligationSpec* obligation = nullptr;
    int number = 1;
    Date triggered{};
    std::string state = "pending"; // pending fulfilled violated discharged
    bool late = false;
    std::optional<Date> deadline;       // none: never violated
    std::optional<Date> suspended_from; // paused since
    std::int64_t paid = 0;              // cents
    const EventSpec* trigger_event = nullptr;
};

struct Power {
    const PowerSpec* spec;
    std::string state = "dormant";
};

// Cents of a USD amount as the generator writes it: `100 USD`, `"1000 USD * 2%"`,
// `"400 USD / 4"`, `30M USD`.
std::int64_t cents_of(std::string text) {
    std::erase(text, '"');
    std::int64_t dollars = std::stoll(text);
    if (text.find('M') != std::string::npos) dollars *= 1000000;
    std::int64_t cents = dollars * 100;
    if (auto star = text.find('*'); star != std::string::npos)
        cents = cents * std::stoll(text.substr(star + 1)) / 100;
    if (auto slash = text.find('/'); slash != std::string::npos)
        cents /= std::stoll(text.substr(slash + 1));
    return cents;
}

std::optional<std::string> attribute(const EventSpec& e, const std::string& name) {
    for (const auto& [key, value] : e.attributes)
        if (key == name) return value;
    return std::nullopt;
}

class Reference {
  public:
    Reference(const DealSpec& spec, const ReferenceRules& rules) : spec_(spec), rules_(rules) {
        for (const auto& a : spec.agreements) {
            for (const auto& o : a.obligations) {
                effective_[o.id] = *parse_date(a.effective);
                order_.push_back(&o);
            }
            for (const auto& w : a.powers)
                powers_.push_back({&w});
        }
        // A later agreement's `terminates` discharges from its date (the earliest one).
        for (const auto& a : spec.agreements)
            for (const auto& id : a.terminates)
                if (effective_.count(id) &&
                    (!ended_.count(id) || *parse_date(a.effective) < ended_[id]))
                    ended_[id] = *parse_date(a.effective);
        for (const auto& e : spec.history)
            events_.push_back(&e);
        std::stable_sort(events_.begin(), events_.end(), [](auto* a, auto* b) {
            return *parse_date(a->date) < *parse_date(b->date);
        });
        weekend_ = {true, false, false, false, false, false, true}; // Sunday .. Saturday
        if (!spec.weekend.empty()) {
            static const std::vector<std::string> names{
                "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
            weekend_.assign(7, false);
            for (const auto& d : spec.weekend)
                weekend_[static_cast<std::size_t>(std::find(names.begin(), names.end(), d) -
                                                  names.begin())] = true;
        }
    }

    std::vector<std::string> as_of(Date last) {
        std::size_t next_event = 0;
        for (Date day = *parse_date("2019-12-31"); day <= last; ++day.days) {
            violations(day);
            for (const auto& [id, from] : ended_)
                if (from == day)
                    for (auto& i : instances_)
                        if (i.obligation->id == id && i.state == "pending") {
                            i.state = "discharged";
                            i.suspended_from.reset();
                        }
            for (const auto* o : order_)
                if (o->trigger.kind == "date" && trigger_date(*o) == day) trigger(*o, day, nullptr);
            for (; next_event < events_.size() && *parse_date(events_[next_event]->date) == day;
                 ++next_event)
                event(*events_[next_event], day);
            violations(day);
        }
        std::vector<std::string> out;
        for (const auto& i : instances_) {
            std::string words = i.state;
            if (i.suspended_from) words += ", suspended";
            if (i.late) words += " late";
            // No deadline shows while one is paused.
            auto due = i.deadline && !i.suspended_from ? format_date(*i.deadline) : "-";
            auto paid = i.obligation->amount.empty()
                            ? "-"
                            : format_money(Money{i.paid, make_currency("USD")});
            out.push_back(i.obligation->id + "#" + std::to_string(i.number) + " " + words +
                          " triggered " + format_date(i.triggered) + " due " + due + " paid " +
                          paid);
        }
        for (const auto& p : powers_)
            out.push_back(p.spec->id + " " + p.state);
        return out;
    }

  private:
    const DealSpec& spec_;
    ReferenceRules rules_;
    std::vector<const ObligationSpec*> order_; // as declared
    std::map<std::string, Date> effective_, ended_;
    std::vector<const EventSpec*> events_;
    std::vector<bool> weekend_;
    std::vector<Instance> instances_; // in the order they were triggered
    std::vector<Power> powers_;
    std::map<std::string, int> numbers_;
    std::map<std::string, std::optional<Date>> suspended_; // obligation: paused since
    std::optional<Date> terminated_;

    Date trigger_date(const ObligationSpec& o) const {
        return o.trigger.date == "effective" ? effective_.at(o.id) : *parse_date(o.trigger.date);
    }

    bool business_day(Date d) const {
        if (weekend_[static_cast<std::size_t>((d.days % 7 + 11) % 7)])
            return false; // 1970-01-01: Thursday
        return std::find(spec_.holidays.begin(), spec_.holidays.end(), format_date(d)) ==
               spec_.holidays.end();
    }

    // A date fact's value on a day: its history events from the first one on, else its
    // `known` record (handover: 2024-03-01 from 2020-01-01 through 2027-12-31).
    std::optional<Date> handover(Date day) const {
        std::optional<Date> first, value;
        for (const auto* e : events_)
            if (e->fact == "handover") {
                auto d = *parse_date(e->date);
                if (!first) first = d;
                if (d <= day) value = *parse_date(e->value);
            }
        if (value) return value;
        Date through = *parse_date("2027-12-31");
        if (first && Date{first->days - 1} < through) through = Date{first->days - 1};
        if (*parse_date("2020-01-01") <= day && day <= through) return *parse_date("2024-03-01");
        return std::nullopt;
    }

    // `anchor + N unit`: the anchor's date plus calendar time, or N business days after it.
    std::optional<Date> deadline(const ObligationSpec& o, Date triggered,
                                 const EventSpec* by) const {
        const auto& text = o.deadline;
        if (text.empty()) return std::nullopt;
        auto plus = text.find(" + ");
        std::string anchor = text.substr(0, plus);
        std::optional<Date> base;
        if (anchor == "trigger")
            base = triggered;
        else if (anchor == "effective")
            base = effective_.at(o.id);
        else if (anchor == "handover")
            base = handover(triggered);
        else if (anchor == "received_on") {
            if (auto v = by ? attribute(*by, "received_on") : std::nullopt) base = parse_date(*v);
        } else
            base = parse_date(anchor);
        if (!base || plus == std::string::npos) return base;
        auto amount = text.substr(plus + 3);
        int n = std::stoi(amount);
        if (amount.find("business_days") != std::string::npos) {
            Date d = *base;
            for (int k = 0; k < n;)
                if (business_day(Date{++d.days})) ++k;
            return d;
        }
        auto unit = amount.substr(amount.find_first_not_of("0123456789"));
        if (unit == "d") return add(*base, {0, n});
        if (unit == "w") return add(*base, {0, 7 * n});
        return add(*base, {n, 0}); // mo
    }

    void trigger(const ObligationSpec& o, Date day, const EventSpec* by) {
        if (terminated_ || (ended_.count(o.id) && ended_[o.id] <= day)) return;
        Instance i;
        i.obligation = &o;
        i.number = ++numbers_[o.id];
        i.triggered = day;
        i.deadline = deadline(o, day, by);
        i.trigger_event = by;
        if (suspended_[o.id]) i.suspended_from = day;
        instances_.push_back(i);
    }

    // Triggers what an instance's violation or fulfilment starts, and opens the powers
    // a violation opens.
    void follow(const std::string& id, const std::string& kind, Date day) {
        for (const auto* o : order_)
            if (o->trigger.kind == kind && o->trigger.obligation == id) trigger(*o, day, nullptr);
        if (kind == "violated") open("violated", id);
    }

    void open(const std::string& kind, const std::string& by) {
        if (terminated_) return;
        for (auto& p : powers_)
            if (p.state == "dormant" && p.spec->opened_by_kind == kind && p.spec->opened_by == by)
                p.state = "open";
    }

    bool late(const Instance& i, Date day) const {
        return rules_.deadline_day_late ? *i.deadline <= day : *i.deadline < day;
    }

    void violations(Date day) {
        for (std::size_t k = 0; k < instances_.size(); ++k) { // follow() may append
            auto& i = instances_[k];
            if (i.state != "pending" || !i.deadline || i.suspended_from || !late(i, day)) continue;
            i.state = "violated";
            follow(i.obligation->id, "violated", day);
        }
    }

    void event(const EventSpec& e, Date day) {
        if (!e.fact.empty()) return;
        for (auto& p : powers_)
            if (p.spec->party == e.party && p.spec->action == e.action && p.state == "open") {
                p.state = "exercised";
                exercise(*p.spec, day);
                break;
            }
        for (const auto* o : order_)
            if (o->trigger.kind == "event" && o->trigger.party == e.party &&
                o->trigger.action == e.action)
                trigger(*o, day, &e);
        perform(e, day);
    }

    void perform(const EventSpec& e, Date day) {
        auto amount = attribute(e, "amount");
        for (auto& i : instances_) {
            const auto& o = *i.obligation;
            if (o.party != e.party || o.action != e.action || i.trigger_event == &e ||
                (i.state != "pending" && i.state != "violated") || (!o.amount.empty() && !amount))
                continue;
            if (!o.amount.empty()) {
                i.paid += cents_of(*amount);
                if (i.paid < cents_of(o.amount)) return; // paid in part
            }
            bool was_violated = i.state == "violated";
            i.state = "fulfilled";
            i.late = was_violated;
            i.suspended_from.reset();
            follow(o.id, "fulfilled", day);
            if (was_violated && std::none_of(instances_.begin(), instances_.end(), [&](auto& j) {
                    return j.obligation->id == o.id && j.state == "violated";
                }))
                for (auto& p : powers_) // the breach is cured
                    if (p.state == "open" && p.spec->opened_by_kind == "violated" &&
                        p.spec->opened_by == o.id)
                        p.state = "lapsed";
            return;
        }
    }

    void exercise(const PowerSpec& w, Date day) {
        if (w.effect == "terminate") {
            terminated_ = day;
            for (auto& i : instances_)
                if (i.state == "pending") {
                    i.state = "discharged";
                    i.suspended_from.reset();
                }
            for (auto& p : powers_)
                if (p.state == "open") p.state = "lapsed";
            return;
        }
        for (const auto& id : w.obligations) {
            auto& paused = suspended_[id];
            if (w.effect == "suspend" && !paused) {
                paused = day;
                for (auto& i : instances_)
                    if (i.obligation->id == id && i.state == "pending") i.suspended_from = day;
            } else if (w.effect == "resume" && paused) {
                paused.reset();
                for (auto& i : instances_)
                    if (i.obligation->id == id && i.suspended_from) {
                        if (i.deadline) i.deadline->days += day.days - i.suspended_from->days;
                        i.suspended_from.reset();
                    }
            }
        }
        open("exercised", w.id);
    }
};

} // namespace

std::vector<std::string> reference_lifecycle(const DealSpec& spec, Date as_of,
                                             const ReferenceRules& rules) {
    return Reference(spec, rules).as_of(as_of);
}

} // namespace dealcheck::semantics
