#include "deal_generator.hpp"

#include "temp_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

namespace dealcheck::semantics {

namespace {

// The vocabulary every generated deal shares: each kind of attribute, with and without
// a default (act1's flag has neither a default nor phrases: only `--set` or a file can
// give it), facts with and without `known` records, a reading and definitions.
constexpr const char* vocabulary = R"(enums:
  region: [r0, r1, r2, r3]
  tier: [bronze, silver, gold]
actions:
  act0:
    verbs: [acts]
    attributes:
      region: {type: region}
      regions: {type: set<region>}
      amount: {type: money}
      count: {type: number}
      flag: {type: bool, default: false, phrases: [flagged]}
      released: {type: date}
  act1:
    verbs: [does]
    default: forbidden
    attributes:
      region: {type: region, default: r0}
      amount: {type: money, default: 10M USD}
      count: {type: number, default: 3}
      flag: {type: bool}
      released: {type: date, default: 2024-06-01}
  pay:
    verbs: [pays]
    attributes:
      amount: {type: money}
  deliver:
    verbs: [delivers]
    attributes:
      received_on: {type: date}
  suspend:
    verbs: [suspends]
  resume:
    verbs: [resumes]
  terminate:
    verbs: [terminates]
facts:
  done: {type: bool, description: an event that ends windows}
  ok:
    type: bool
    known: [{value: true, through: 2023-06-30}]
  level:
    type: tier
    known: [{value: gold, from: 2021-01-01, through: 2024-12-31}]
  closing: {type: date}
  handover:
    type: date
    description: a deadline's anchor, which history events may move
    known: [{value: 2024-03-01, from: 2020-01-01, through: 2027-12-31}]
readings:
  scope:
    description: how wide the grant reads
    default: narrow
    values:
      narrow: only the named regions
      wide: every region
definitions:
  big: "amount >= 100M USD"
  west: "region in [r0, r1]"
)";

const std::vector<std::string> parties{"p0", "p1", "p2", "p3"};
const std::vector<std::string> agreement_dates{"2020-01-01", "2021-07-01", "2023-01-01",
                                               "2025-06-01", "2026-09-01"};
const std::vector<std::string> literal_dates{"2020-06-30", "2021-03-15", "2022-12-31",
                                             "2024-01-01", "2025-03-01", "2026-01-01",
                                             "2027-06-30", "2029-12-31"};
// The durations conditions and windows add to dates: boundary_days() adds them too.
const std::vector<Duration> durations{{0, 0}, {6, 0}, {12, 0}, {24, 0}};

class Random {
  public:
    explicit Random(std::uint64_t seed) : rng_(seed) {}
    int below(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
    bool chance(int one_in) { return below(one_in) == 0; }
    template <class T> const T& of(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
    }

  private:
    std::mt19937_64 rng_;
};

// A condition on the history: a sum or a count, with each kind of window, party and
// `where`; the asked action counts in when it is of the aggregate's kind.
std::string history_atom(Random& r) {
    static const std::vector<std::string> windows{
        "", ", within 1y", ", within 6mo", ", during year", ", during term", ", since 2022-12-31"};
    std::string act = r.chance(2) ? "act0" : "act1";
    std::string by = r.chance(3) ? " by " + r.of(parties) : "";
    std::string where;
    switch (r.below(4)) {
    case 0:
        where = " where region in [r0, r2]";
        break;
    case 1:
        where = " where amount >= 100M USD";
        break;
    default:
        break;
    }
    std::string window = r.of(windows);
    switch (r.below(4)) {
    case 0:
        return "sum(" + act + ".amount" + by + where + window + ") > " +
               std::to_string(50 * (1 + r.below(12))) + "M USD";
    case 1:
        return "sum(" + act + ".amount" + by + where + window + ") + amount <= 800M USD";
    case 2:
        return "sum(" + act + ".count" + by + where + window +
               ") >= " + std::to_string(r.below(15));
    default:
        return "count(" + act + by + where + window + ") " + (r.chance(2) ? "<= " : "> ") +
               std::to_string(r.below(4));
    }
}

// One condition atom over the attributes every action of the clause has.
std::string atom(Random& r, bool only_act0, const GeneratorOptions& o) {
    bool date_conditions = o.date_conditions;
    auto region = [&] { return "r" + std::to_string(r.below(4)); };
    for (;;) {
        switch (r.below(o.history ? 26 : 22)) {
        case 0:
            return "region == " + region();
        case 1:
            return "region != " + region();
        case 2:
            return "region in [" + region() + ", " + region() + "]";
        case 3:
            return "west";
        case 4:
            if (only_act0) return region() + " in regions";
            break;
        case 5:
            return "amount >= " + std::to_string(1 + r.below(500)) + "M USD";
        case 6:
            return "amount < " + std::to_string(1 + r.below(500)) + "M USD";
        case 7:
            return "big";
        case 8:
            return "amount + 100M USD > 300M USD";
        case 9:
            return "count >= " + std::to_string(r.below(10));
        case 10:
            return "count + 2 > " + std::to_string(r.below(10));
        case 11:
            return r.chance(2) ? "flag" : "not flag";
        case 12:
            return r.chance(2) ? "done" : "not done";
        case 13:
            return r.chance(2) ? "ok" : "not ok";
        case 14:
            return r.chance(2) ? "level == gold" : "level != bronze";
        case 15:
            return r.chance(2) ? "scope == wide" : "scope == narrow";
        case 16:
            return "released < " + r.of(literal_dates);
        case 17:
            return "region == r1 or amount > 5M USD";
        case 18:
            return "not (flag and ok)";
        case 19:
            if (date_conditions) return "date >= " + r.of(literal_dates);
            break;
        case 20:
            if (date_conditions) return "released + 12mo <= date";
            break;
        case 21:
            if (date_conditions)
                return r.chance(2) ? "closing + 6mo <= date"
                                   : "date < max(released, " + r.of(literal_dates) + ")";
            break;
        case 22:
        case 23:
            return history_atom(r);
        case 24:
            return r.chance(2) ? "amount * 150% >= 300M USD" : "amount / 4 < 25M USD";
        case 25:
            return r.chance(2) ? "count * 3 / 2 > 6" : "amount / 100M USD >= count";
        }
    }
}

// A literal date after `start`, if the generator has one.
std::optional<std::string> date_after(Random& r, Date start) {
    std::vector<std::string> later;
    for (const auto& d : literal_dates)
        if (*parse_date(d) > start) later.push_back(d);
    if (later.empty()) return std::nullopt;
    return r.of(later);
}

// A window's end for a clause of an agreement effective on `effective` that starts on
// `start` (the checker rejects a window that ends before it starts).
std::vector<std::string> window_end(Random& r, Date effective, Date start) {
    auto after_start = [&](Date end, std::vector<std::string> until) {
        return end > start ? until : std::vector<std::string>{"done"};
    };
    switch (r.below(7)) {
    case 0:
        if (auto d = date_after(r, start)) return {*d};
        return {"done"};
    case 1:
        return after_start(add(effective, {24, 0}), {"effective + 2y"});
    case 2:
        return after_start(*parse_date("2029-12-31"), {"2029-12-31", "done"});
    case 3:
        return {"ok"};
    default:
        return {};
    }
}

void set_effect(Random& r, ClauseSpec& c, bool conflict_free, Date start) {
    static const std::vector<std::string> effects{"permit", "permit",  "permit", "forbid",
                                                  "forbid", "consent", "grant",  "oblige"};
    c.effect = conflict_free ? "permit" : r.of(effects);
    c.consent_of.clear();
    c.consequence.reset();
    if (c.effect == "consent") c.consent_of = r.of(parties);
    if (c.effect == "grant" || c.effect == "oblige") {
        Consequence k{
            r.of(parties), c.effect == "grant" ? "a share of revenue" : "report yearly", {}};
        auto end = date_after(r, start);
        if (r.chance(2)) k.until = {end && r.chance(2) ? *end : "done"};
        c.consequence = k;
    }
}

ClauseSpec fresh_clause(Random& r, const std::string& id, const GeneratorOptions& o,
                        Date effective) {
    ClauseSpec c;
    c.id = id;
    c.party = r.chance(5) ? "any" : r.of(parties);
    int acts = r.below(3);
    c.actions = acts == 0   ? std::vector<std::string>{"act0"}
                : acts == 1 ? std::vector<std::string>{"act1"}
                            : std::vector<std::string>{"act0", "act1"};
    bool only_act0 = acts == 0;
    int atoms = r.below(4);
    for (int k = 0; k < atoms; ++k)
        c.when.push_back(atom(r, only_act0, o));
    Date start = effective;
    if (r.chance(5)) {
        c.from = "effective + 6mo";
        start = add(effective, {6, 0});
        if (auto d = date_after(r, effective); d && r.chance(2)) {
            c.from = *d;
            start = *parse_date(*d);
        }
    }
    c.until = window_end(r, effective, start);
    set_effect(r, c, o.conflict_free, start);
    return c;
}

bool is_permit_or_forbid(const ClauseSpec& c) {
    return c.effect == "permit" || c.effect == "forbid";
}

// Money as a history event writes it: whole dollars.
std::string usd(std::int64_t cents) {
    return std::to_string(cents / 100) + " USD";
}

// Where an obligation's deadline falls, roughly, for an instance triggered on a day: a
// fixed day, or so many days after the trigger (business days taken as 7 for 5, plus
// a few for holidays). Not the engine's deadline: only where the generator aims the
// events that perform it in time, on the day, the day after, or later.
struct Aim {
    std::optional<Date> fixed;
    int days = 90;
    Date due(Date triggered) const {
        Date d = fixed ? *fixed : Date{triggered.days + days};
        return d < triggered ? triggered : d;
    }
};

struct PlannedObligation {
    ObligationSpec spec;
    std::size_t agreement = 0;
    Aim aim;
    std::int64_t cents = 0;                   // the amount owed, when one is
    std::optional<std::size_t> terminated_by; // a later agreement
};

// A deadline of each kind the language has: none, a date, the trigger plus days, weeks,
// months or business days, a date attribute of the triggering delivery, a date fact,
// the agreement's effective date plus a duration or business days.
Aim pick_deadline(Random& r, ObligationSpec& o, Date effective) {
    Aim aim;
    bool delivery = o.trigger.kind == "event" && o.trigger.action == "deliver";
    switch (r.below(delivery ? 10 : 8)) {
    case 0:
        break; // none stated: never violated
    case 1:
        aim.fixed = Date{effective.days + r.below(240)};
        o.deadline = format_date(*aim.fixed);
        break;
    case 2: {
        static const std::vector<int> days{1, 10, 30};
        aim.days = r.of(days);
        o.deadline = "trigger + " + std::to_string(aim.days) + "d";
        break;
    }
    case 3:
        aim.days = r.chance(2) ? 14 : 31;
        o.deadline = aim.days == 14 ? "trigger + 2w" : "trigger + 1mo";
        break;
    case 4: {
        static const std::vector<int> days{1, 5, 10};
        int n = r.of(days);
        aim.days = n * 7 / 5 + 1;
        o.deadline = "trigger + " + std::to_string(n) + " business_days";
        break;
    }
    case 5:
        aim.fixed = Date{parse_date("2024-03-01")->days + 30};
        o.deadline = "handover + 30d";
        break;
    case 6:
        if (r.chance(2)) {
            aim.fixed = Date{effective.days + 56};
            o.deadline = "effective + 8w";
        } else {
            aim.fixed = Date{effective.days + 15};
            o.deadline = "effective + 10 business_days";
        }
        break;
    case 7:
        aim.days = 10;
        o.deadline = "trigger + 10 business_days";
        break;
    default:
        aim.days = 8;
        o.deadline = r.chance(2) ? "received_on + 5 business_days" : "received_on + 5d";
        break;
    }
    return aim;
}

// Obligations and powers over the deal's agreements, a calendar, and the history that
// performs, pays in part, misses, suspends, resumes and terminates them.
void add_lifecycle(std::uint64_t seed, DealSpec& spec) {
    Random r(seed * 0x9e3779b97f4a7c15ULL + 11);
    const auto agreements = spec.agreements.size();
    if (r.chance(3))
        spec.weekend = r.chance(2) ? std::vector<std::string>{"friday", "saturday"}
                                   : std::vector<std::string>{"saturday", "sunday"};
    static const std::vector<std::string> holidays{"2020-01-06", "2021-07-02", "2022-12-26",
                                                   "2023-01-02", "2024-01-01", "2025-06-02",
                                                   "2026-01-01", "2026-09-01", "2027-12-24"};
    for (int k = r.below(5); k > 0; --k) {
        const auto& h = r.of(holidays);
        if (std::find(spec.holidays.begin(), spec.holidays.end(), h) == spec.holidays.end())
            spec.holidays.push_back(h);
    }
    std::sort(spec.holidays.begin(), spec.holidays.end());

    std::vector<PlannedObligation> planned;
    const auto main_agreement = static_cast<std::size_t>(r.below(static_cast<int>(agreements)));
    auto other_than = [&](const std::string& party) {
        for (;;)
            if (const auto& p = r.of(parties); p != party) return p;
    };
    const int obligations = 1 + r.below(5);
    for (int k = 0; k < obligations; ++k) {
        PlannedObligation p;
        // Most in one agreement, so that their instances overlap in time.
        p.agreement = r.chance(4) ? static_cast<std::size_t>(r.below(static_cast<int>(agreements)))
                                  : main_agreement;
        Date effective = *parse_date(spec.agreements[p.agreement].effective);
        auto& o = p.spec;
        o.id = "o" + std::to_string(k);
        o.party = r.of(parties);
        o.to = other_than(o.party);
        static const std::vector<std::pair<std::string, std::int64_t>> amounts{
            {"100 USD", 10000},
            {"250 USD", 25000},
            {"\"1000 USD * 2%\"", 2000},
            {"\"400 USD / 4\"", 10000}};
        switch (r.below(5)) {
        case 0:
        case 1: {
            const auto& [text, cents] = r.of(amounts);
            o.action = "pay";
            o.amount = text;
            p.cents = cents;
            break;
        }
        case 2:
            o.action = "pay"; // any payment performs it
            break;
        case 3:
            o.action = "deliver";
            break;
        default:
            o.action = "act0";
            if (r.chance(2)) {
                o.amount = "30M USD";
                p.cents = 3000000000;
            }
            break;
        }
        switch (r.below(k == 0 ? 3 : 6)) {
        case 0:
            o.trigger = {"date", "effective", {}, {}, {}};
            break;
        case 1:
            o.trigger = {"date", format_date(Date{effective.days + r.below(120)}), {}, {}, {}};
            break;
        case 2:
            o.trigger = {"event", {}, r.of(parties), r.chance(3) ? "act0" : "deliver", {}};
            break;
        case 3:
        case 4:
            o.trigger = {
                "violated", {}, {}, {}, planned[static_cast<std::size_t>(r.below(k))].spec.id};
            break;
        default:
            o.trigger = {
                "fulfilled", {}, {}, {}, planned[static_cast<std::size_t>(r.below(k))].spec.id};
            break;
        }
        p.aim = pick_deadline(r, o, effective);
        if (p.agreement + 1 < agreements && r.chance(4)) {
            // A later agreement terminates it: due near that agreement's date, or never
            // due, so that an instance may still be pending then.
            auto later =
                p.agreement + 1 +
                static_cast<std::size_t>(r.below(static_cast<int>(agreements - p.agreement - 1)));
            p.terminated_by = later;
            Date ends = *parse_date(spec.agreements[later].effective);
            if (r.chance(2)) {
                p.aim = {};
                o.deadline.clear();
            } else {
                p.aim = {Date{ends.days - 60 + r.below(200)}, 0};
                o.deadline = format_date(*p.aim.fixed);
            }
        }
        planned.push_back(std::move(p));
    }

    // The history: rough trigger days of each obligation's instances, in the order the
    // obligations are declared (a chained one follows what its trigger obligation does).
    const Date first = *parse_date("2020-01-01"), last = *parse_date("2031-12-31");
    auto event = [&](Date d, const std::string& party, const std::string& action,
                     std::vector<std::pair<std::string, std::string>> attributes = {}) {
        if (d < first || last < d) return;
        spec.history.push_back({format_date(d), party, action, std::move(attributes), {}, {}});
    };
    auto perform = [&](const PlannedObligation& p, Date d, std::int64_t cents) {
        const auto& o = p.spec;
        if (o.action == "deliver") {
            std::vector<std::pair<std::string, std::string>> received;
            if (!r.chance(6))
                received.emplace_back("received_on", format_date(Date{d.days + r.below(4)}));
            event(d, o.party, "deliver", received);
        } else if (o.action == "pay") {
            // Now and then without its amount: it pays nothing towards an amount owed.
            if (r.chance(10))
                event(d, o.party, "pay");
            else
                event(d, o.party, "pay", {{"amount", usd(cents)}});
        } else {
            event(d, o.party, "act0", {{"amount", usd(cents)}, {"region", "r0"}});
        }
    };
    std::map<std::string, std::vector<Date>> violated, fulfilled;
    // Roughly from when until when a violation is not cured: when the powers it opens
    // may be exercised.
    using Window = std::pair<Date, Date>;
    std::map<std::string, std::vector<Window>> uncured;
    // Roughly when each obligation has an instance pending: what a power should suspend.
    std::vector<std::tuple<Date, Date, std::string>> pending;
    for (const auto& p : planned) {
        const auto& o = p.spec;
        Date effective = *parse_date(spec.agreements[p.agreement].effective);
        std::vector<Date> starts;
        if (o.trigger.kind == "date") {
            starts.push_back(o.trigger.date == "effective" ? effective
                                                           : *parse_date(o.trigger.date));
        } else if (o.trigger.kind == "event") {
            for (int k = 1 + r.below(2); k > 0; --k) {
                Date t{effective.days + r.below(200)};
                starts.push_back(t);
                std::vector<std::pair<std::string, std::string>> attributes;
                if (o.trigger.action == "deliver" && !r.chance(6))
                    attributes.emplace_back("received_on", format_date(Date{t.days + r.below(4)}));
                if (o.trigger.action == "act0")
                    attributes.emplace_back("amount",
                                            usd(std::int64_t{100000000} * (1 + r.below(50))));
                event(t, o.trigger.party, o.trigger.action, attributes);
            }
        } else {
            starts = (o.trigger.kind == "violated" ? violated : fulfilled)[o.trigger.obligation];
        }
        if (starts.size() > 3) starts.resize(3);
        std::int64_t owed = p.cents > 0 ? p.cents : 10000;
        for (auto t : starts) {
            Date due = p.aim.due(t);
            Date open_until = o.deadline.empty() ? last : due;
            auto missed = [&](Date cured) {
                violated[o.id].push_back(Date{due.days + 1});
                uncured[o.id].emplace_back(Date{due.days + 1}, Date{cured.days - 1});
            };
            auto between = [&](Date a, Date b) {
                return Date{a.days + r.below(b.days - a.days + 1)};
            };
            switch (r.below(8)) {
            case 0: // in time
                fulfilled[o.id].push_back(between(t, due));
                perform(p, fulfilled[o.id].back(), owed);
                open_until = Date{fulfilled[o.id].back().days - 1};
                break;
            case 1: // on its last day
                fulfilled[o.id].push_back(due);
                perform(p, due, owed);
                break;
            case 2: // the day after it
            case 3: // later
            {
                Date late{due.days + 1 + (r.chance(2) ? 0 : r.below(60))};
                missed(late);
                fulfilled[o.id].push_back(late);
                perform(p, late, owed);
                break;
            }
            case 4: // in part, and the rest in time, late or never
            {
                std::int64_t part = owed * (1 + r.below(3)) / 5 / 100 * 100;
                perform(p, between(t, due), part);
                int rest = r.below(3);
                Date late{due.days + 1 + r.below(30)};
                if (rest == 0) perform(p, due, owed - part);
                if (rest == 1) perform(p, late, owed - part);
                if (rest != 0) missed(rest == 1 ? late : last);
                break;
            }
            default: // never
                missed(last);
                break;
            }
            pending.emplace_back(t, open_until, o.id);
        }
    }

    // Powers: opened by a violation or by exercising another power; exercised near the
    // day they may open, or at any time (and then maybe before they are open).
    // A suspending power is often followed by one its exercise opens, which resumes
    // what it suspended.
    std::vector<PowerSpec> powers;
    std::map<std::string, std::vector<Date>> exercised;
    static const std::vector<std::string> effects{"suspend", "suspend", "resume", "terminate"};
    for (int k = 1 + r.below(4); k > 0; --k) {
        PowerSpec w;
        w.id = "w" + std::to_string(powers.size());
        w.party = r.of(parties);
        std::vector<Window> opens;
        if (!powers.empty() && powers.back().effect == "suspend" && !r.chance(3)) {
            w.effect = "resume";
            w.opened_by_kind = "exercised";
            w.opened_by = powers.back().id;
            w.obligations = powers.back().obligations;
            for (auto d : exercised[w.opened_by])
                opens.emplace_back(d, last);
        } else {
            w.effect = r.of(effects);
            if (!powers.empty() && r.chance(4)) {
                w.opened_by_kind = "exercised";
                w.opened_by = r.of(powers).id;
                for (auto d : exercised[w.opened_by])
                    opens.emplace_back(d, last);
            } else {
                // Mostly an obligation the history violates.
                std::vector<std::string> missed;
                for (const auto& [id, days] : violated)
                    if (!days.empty()) missed.push_back(id);
                w.opened_by_kind = "violated";
                w.opened_by =
                    !missed.empty() && !r.chance(5) ? r.of(missed) : r.of(planned).spec.id;
                opens = uncured[w.opened_by];
            }
        }
        w.action = r.chance(6) ? r.of(effects) : w.effect;
        // A suspension aims at an instance pending while the power is open; other
        // exercises are near the day it opens, or at any time.
        std::erase_if(opens, [](const Window& w) { return w.second < w.first; });
        std::vector<Date> days;
        if (w.effect == "suspend" && !opens.empty() && !r.chance(4)) {
            const auto& [open, closes] = r.of(opens);
            std::vector<std::tuple<Date, Date, std::string>> overlap;
            for (const auto& [from, until, id] : pending)
                if (std::max(from, open) <= std::min(until, closes))
                    overlap.emplace_back(std::max(from, open), std::min(until, closes), id);
            if (!overlap.empty()) {
                const auto& [from, until, id] = r.of(overlap);
                days.push_back(Date{from.days + r.below(std::min(until.days - from.days, 60) + 1)});
                w.obligations.push_back(id);
            }
        }
        for (int n = r.chance(4) ? 2 : 1; n > 0 && days.empty(); --n) {
            // Most often within days of opening, before a late performance cures it.
            if (opens.empty() || r.chance(5)) {
                days.push_back(Date{first.days + r.below(365 * 8)});
                continue;
            }
            const auto& [from, until] = r.of(opens);
            int length = until.days - from.days + 1;
            days.push_back(Date{from.days + r.below(std::min(length, r.chance(2) ? 3 : 40))});
        }
        if (r.chance(5)) days.push_back(Date{days.back().days + r.below(100)}); // once too often
        for (auto d : days) {
            exercised[w.id].push_back(d);
            event(d, w.party, w.action);
        }
        if (w.effect != "terminate") {
            // What is pending on the day it is exercised, or anything.
            std::vector<std::string> candidates;
            for (const auto& [from, until, id] : pending)
                if (from <= days.front() && days.front() <= until) candidates.push_back(id);
            for (int n = w.obligations.empty() ? 1 + r.below(2) : r.below(2); n > 0; --n) {
                const auto& id =
                    !candidates.empty() && !r.chance(4) ? r.of(candidates) : r.of(planned).spec.id;
                if (std::find(w.obligations.begin(), w.obligations.end(), id) ==
                    w.obligations.end())
                    w.obligations.push_back(id);
            }
        }
        powers.push_back(std::move(w));
    }
    // A date fact's new value, which moves the deadlines counted from it.
    if (r.chance(4))
        spec.history.push_back({format_date(Date{first.days + r.below(365 * 7)}),
                                {},
                                {},
                                {},
                                "handover",
                                format_date(Date{parse_date("2023-01-01")->days + r.below(900)})});

    for (auto& p : planned) {
        if (p.terminated_by) spec.agreements[*p.terminated_by].terminates.push_back(p.spec.id);
        spec.agreements[p.agreement].obligations.push_back(std::move(p.spec));
    }
    for (auto& w : powers)
        spec.agreements[static_cast<std::size_t>(r.below(static_cast<int>(agreements)))]
            .powers.push_back(std::move(w));
}

} // namespace

DealSpec generate_deal(std::uint64_t seed, const GeneratorOptions& o) {
    Random r(seed);
    DealSpec spec;
    spec.default_verdict = r.chance(4) ? "forbidden" : "permitted";
    std::vector<const ClauseSpec*> earlier; // clauses of earlier agreements
    std::set<std::string> displaced;        // each clause is replaced, amended or ended once
    // Exceptions point only to earlier clauses that nothing displaces, and an amended
    // clause has no exception on either side: the exceptions cannot form a cycle
    // through the amendments (an exception to a clause overrides its amendments).
    std::set<std::string> excepted;
    std::map<std::string, Date> effective_of; // each clause's agreement's date
    // The agreement date each clause's `until` counts `effective` from: where it was
    // written, which an amendment that does not rewrite it inherits.
    std::map<std::string, Date> until_base;
    int next = 0;
    for (int a = 0; a < o.agreements; ++a) {
        AgreementSpec ag{
            "a" + std::to_string(a), agreement_dates[static_cast<std::size_t>(a)], {}, {}, {}, {}};
        const Date effective = *parse_date(ag.effective);
        auto available = [&](bool to_amend) -> const ClauseSpec* {
            if (earlier.empty() || o.conflict_free) return nullptr;
            const ClauseSpec* c = r.of(earlier);
            if (to_amend && (!c->exception_to.empty() || excepted.count(c->id))) return nullptr;
            return displaced.insert(c->id).second ? c : nullptr;
        };
        auto except = [&](ClauseSpec& c, const std::string& id) {
            if (displaced.count(id)) return;
            c.exception_to.push_back(id);
            excepted.insert(id);
        };
        if (r.chance(3))
            if (auto* c = available(false)) ag.terminates.push_back(c->id);
        for (int k = 0; k < o.clauses_per_agreement; ++k) {
            std::string id = "c" + std::to_string(next++);
            ClauseSpec c;
            bool amend = r.chance(2);
            const ClauseSpec* target = r.chance(5) ? available(amend) : nullptr;
            if (target && amend) {
                // An amendment: inherits what it does not write.
                c = *target;
                c.id = id;
                c.amends = target->id;
                c.exception_to.clear();
                c.replaces.clear();
                c.writes.clear();
                if (r.chance(2)) {
                    c.writes.push_back("when");
                    c.when.clear();
                    if (r.chance(2))
                        c.when.push_back(
                            atom(r, c.actions.size() == 1 && c.actions[0] == "act0", o));
                }
                if (is_permit_or_forbid(c) && r.chance(3)) {
                    c.writes.push_back("effect");
                    c.effect = c.effect == "permit" ? "forbid" : "permit";
                }
                // An inherited window must still fit the amendment's later start.
                Date start = effective;
                if (!c.from.empty() || r.chance(4)) {
                    c.writes.push_back("from");
                    c.from = "effective + 6mo";
                    start = add(effective, {6, 0});
                }
                // `effective + 2y` counted from the amended clause's agreement (issue item 7
                // makes an inherited bound keep the meaning it had there).
                bool ends_early = std::any_of(c.until.begin(), c.until.end(), [&](auto& u) {
                    auto d = u == "effective + 2y"
                                 ? std::optional<Date>(add(until_base[target->id], {24, 0}))
                                 : parse_date(u);
                    return d && *d <= start;
                });
                until_base[id] = until_base[target->id];
                if (ends_early || c.writes.empty() || r.chance(2)) {
                    c.writes.push_back("until");
                    c.until = window_end(r, effective, start);
                    if (c.until.empty()) c.until = {"done"};
                    until_base[id] = effective;
                }
            } else {
                c = fresh_clause(r, id, o, effective);
                until_base[id] = effective;
                if (target) c.replaces.push_back(target->id);
            }
            bool may_except = !o.conflict_free && c.amends.empty();
            if (may_except && !ag.clauses.empty() && r.chance(5))
                except(c, r.of(ag.clauses).id);
            else if (may_except && !earlier.empty() && r.chance(8))
                except(c, r.of(earlier)->id);
            if (o.conflict_free && c.effect == "forbid") c.effect = "permit";
            ag.clauses.push_back(std::move(c));
        }
        if (o.conflict_free && a + 1 == o.agreements && r.chance(2)) {
            // Forbids in the last agreement, each an exception to every permit: the
            // exceptions order every pair that could conflict.
            std::vector<std::string> before;
            for (const auto* c : earlier)
                before.push_back(c->id);
            for (const auto& c : ag.clauses)
                before.push_back(c.id);
            for (int k = 0; k < 2; ++k) {
                ClauseSpec f = fresh_clause(r, "c" + std::to_string(next++), o, effective);
                f.effect = "forbid";
                f.consent_of.clear();
                f.exception_to = before;
                ag.clauses.push_back(std::move(f));
            }
        }
        spec.agreements.push_back(std::move(ag));
        for (const auto& c : spec.agreements.back().clauses) {
            earlier.push_back(&c);
            effective_of[c.id] = effective;
        }
    }
    if (o.history) {
        // Events on the days conditions turn on and on any day, some with attributes left
        // out (act1's take their defaults; act0's are unknown).
        int events = r.below(9);
        for (int k = 0; k < events; ++k) {
            EventSpec e;
            Date day = r.chance(2) ? *parse_date(r.of(literal_dates))
                                   : Date{parse_date("2020-01-01")->days + r.below(365 * 9)};
            e.date = format_date(day);
            e.party = r.of(parties);
            e.action = r.chance(2) ? "act0" : "act1";
            if (!r.chance(5)) e.attributes.emplace_back("region", "r" + std::to_string(r.below(4)));
            if (!r.chance(6))
                e.attributes.emplace_back("amount",
                                          std::to_string(10 * (1 + r.below(40))) + "M USD");
            if (!r.chance(4)) e.attributes.emplace_back("count", std::to_string(r.below(6)));
            spec.history.push_back(std::move(e));
        }
        if (o.obligations) add_lifecycle(seed, spec);
    }
    return spec;
}

namespace {

std::string list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t k = 0; k < items.size(); ++k)
        out += (k ? ", " : "") + items[k];
    return out + "]";
}

bool writes(const ClauseSpec& c, const std::string& key) {
    return c.amends.empty() || std::find(c.writes.begin(), c.writes.end(), key) != c.writes.end();
}

void write_clause(std::ostringstream& y, const ClauseSpec& c) {
    y << "  - id: " << c.id << "\n    title: clause " << c.id
      << "\n    quote: q\n    cite: c\n    tag: official\n";
    if (!c.amends.empty()) y << "    amends: " << c.amends << "\n";
    if (c.amends.empty())
        y << "    party: " << c.party << "\n    actions: " << list(c.actions) << "\n";
    if (writes(c, "when") && !c.when.empty()) {
        y << "    when: \"";
        for (std::size_t k = 0; k < c.when.size(); ++k)
            y << (k ? " and " : "") << (c.when.size() > 1 ? "(" + c.when[k] + ")" : c.when[k]);
        y << "\"\n";
    }
    if (writes(c, "from") && !c.from.empty()) y << "    from: " << c.from << "\n";
    if (writes(c, "until") && !c.until.empty())
        y << "    until: " << (c.until.size() == 1 ? c.until[0] : list(c.until)) << "\n";
    if (writes(c, "effect")) {
        y << "    effect: " << c.effect << "\n";
        if (!c.consent_of.empty()) y << "    consent_of: " << c.consent_of << "\n";
        if (c.consequence) {
            y << "    consequence:\n      party: " << c.consequence->party
              << "\n      text: " << c.consequence->text << "\n";
            if (!c.consequence->until.empty())
                y << "      until: "
                  << (c.consequence->until.size() == 1 ? c.consequence->until[0]
                                                       : list(c.consequence->until))
                  << "\n";
        }
    }
    if (!c.exception_to.empty()) y << "    exception_to: " << list(c.exception_to) << "\n";
    if (!c.replaces.empty()) y << "    replaces: " << list(c.replaces) << "\n";
}

void write_obligation(std::ostringstream& y, const ObligationSpec& o) {
    y << "  - id: " << o.id << "\n    title: obligation " << o.id
      << "\n    quote: q\n    cite: c\n    tag: official\n    party: " << o.party
      << "\n    to: " << o.to << "\n    owes: {action: " << o.action;
    if (!o.amount.empty()) y << ", amount: " << o.amount;
    y << "}\n    trigger: ";
    const auto& t = o.trigger;
    if (t.kind == "date")
        y << t.date;
    else if (t.kind == "event")
        y << "{party: " << t.party << ", action: " << t.action << "}";
    else
        y << "{" << t.kind << ": " << t.obligation << "}";
    y << "\n";
    if (!o.deadline.empty()) y << "    deadline: " << o.deadline << "\n";
}

void write_power(std::ostringstream& y, const PowerSpec& w) {
    y << "  - id: " << w.id << "\n    title: power " << w.id
      << "\n    quote: q\n    cite: c\n    tag: official\n    party: " << w.party
      << "\n    action: " << w.action << "\n    opened_by: {" << w.opened_by_kind << ": "
      << w.opened_by << "}\n    effect: " << w.effect << "\n";
    if (!w.obligations.empty()) y << "    obligations: " << list(w.obligations) << "\n";
}

} // namespace

std::string history_text(const std::vector<EventSpec>& events) {
    std::ostringstream y;
    y << "events:" << (events.empty() ? " []" : "") << "\n";
    for (const auto& e : events) {
        if (!e.fact.empty()) {
            y << "  - {date: " << e.date << ", fact: " << e.fact << ", value: " << e.value << "}\n";
            continue;
        }
        y << "  - {date: " << e.date << ", party: " << e.party << ", action: " << e.action;
        if (!e.attributes.empty()) {
            y << ", attributes: {";
            for (std::size_t k = 0; k < e.attributes.size(); ++k)
                y << (k ? ", " : "") << e.attributes[k].first << ": " << e.attributes[k].second;
            y << "}";
        }
        y << "}\n";
    }
    return y.str();
}

std::vector<std::pair<std::string, std::string>> deal_files(const DealSpec& spec) {
    std::ostringstream manifest;
    manifest << "deal: generated\ntitle: Generated\ndefault: " << spec.default_verdict
             << "\nparties:\n";
    for (std::size_t p = 0; p < parties.size(); ++p)
        manifest << "  - {id: " << parties[p] << ", name: Party " << char('A' + p) << "}\n";
    manifest << "vocabulary: vocabulary.yaml\nagreements:\n";
    for (const auto& a : spec.agreements)
        manifest << "  - {id: " << a.id << ", title: " << a.id << ", effective: " << a.effective
                 << ", file: " << a.id << ".yaml}\n";
    if (!spec.history.empty()) manifest << "history: history.yaml\n";
    if (!spec.weekend.empty() || !spec.holidays.empty()) {
        manifest << "calendar:\n";
        if (!spec.weekend.empty()) manifest << "  weekend: " << list(spec.weekend) << "\n";
        if (!spec.holidays.empty()) manifest << "  holidays: " << list(spec.holidays) << "\n";
    }
    std::vector<std::pair<std::string, std::string>> files{{"deal.yaml", manifest.str()},
                                                           {"vocabulary.yaml", vocabulary}};
    if (!spec.history.empty()) files.emplace_back("history.yaml", history_text(spec.history));
    for (const auto& a : spec.agreements) {
        std::ostringstream y;
        y << "agreement: " << a.id << "\n";
        if (!a.terminates.empty()) y << "terminates: " << list(a.terminates) << "\n";
        y << "clauses:" << (a.clauses.empty() ? " []" : "") << "\n";
        for (const auto& c : a.clauses)
            write_clause(y, c);
        if (!a.obligations.empty()) y << "obligations:\n";
        for (const auto& o : a.obligations)
            write_obligation(y, o);
        if (!a.powers.empty()) y << "powers:\n";
        for (const auto& w : a.powers)
            write_power(y, w);
        files.emplace_back(a.id + ".yaml", y.str());
    }
    return files;
}

std::string deal_text(const DealSpec& spec) {
    std::string out;
    for (const auto& [path, text] : deal_files(spec))
        out += "# " + path + "\n" + text + "\n";
    return out;
}

void write_deal(const DealSpec& spec, const std::string& folder) {
    for (const auto& [path, text] : deal_files(spec))
        std::ofstream(std::filesystem::path(folder) / path) << text;
}

std::optional<Deal> load_deal(const DealSpec& spec, std::string* error,
                              const LoadOptions& options) {
    test::TempDir dir;
    write_deal(spec, dir.path().string());
    auto loaded = Deal::load(dir.path().string(), options);
    if (!loaded.deal && error) *error = render(loaded.diagnostics);
    return std::move(loaded.deal);
}

std::vector<Question> generate_questions(const DealSpec& spec, std::uint64_t seed,
                                         std::size_t count) {
    Random r(seed * 7919 + 17);
    std::vector<Date> days;
    for (const auto& d : boundary_days(spec, Question{}))
        days.push_back(d);
    auto region = [&] { return "r" + std::to_string(r.below(4)); };
    auto random_day = [&] { return Date{parse_date("2019-06-01")->days + r.below(365 * 12)}; };
    std::vector<Question> out;
    for (std::size_t i = 0; i < count; ++i) {
        Question q;
        q.party = r.of(parties);
        bool act0 = r.chance(2);
        q.action = act0 ? "act0" : "act1";
        auto maybe = [&](const char* name, std::string value) {
            int how = r.below(6);
            if (how < 4)
                q.attributes[name] = std::move(value);
            else if (how == 4)
                q.attributes[name] = "unknown";
        };
        maybe("region", region());
        if (act0) maybe("regions", "[" + region() + ", " + region() + "]");
        maybe("amount", std::to_string(1 + r.below(600)) + "M USD");
        maybe("count", std::to_string(r.below(12)));
        maybe("flag", r.chance(2) ? "true" : "false");
        maybe("released", format_date(r.chance(2) ? r.of(days) : random_day()));
        auto fact = [&](const char* name, std::vector<std::string> values) {
            int how = r.below(5);
            if (how == 0)
                q.facts[name] = "unknown";
            else if (how == 1 || how == 2)
                q.facts[name] = r.of(values);
        };
        fact("done", fact_values("done"));
        fact("ok", fact_values("ok"));
        fact("level", fact_values("level"));
        fact("closing", {format_date(random_day()), "2024-01-01"});
        if (r.chance(4)) q.consents.push_back(r.of(parties));
        if (r.chance(8)) q.consents.push_back(r.of(parties));
        std::sort(q.consents.begin(), q.consents.end());
        q.consents.erase(std::unique(q.consents.begin(), q.consents.end()), q.consents.end());
        if (r.chance(3)) q.readings.push_back(r.chance(2) ? "wide" : "narrow");
        q.date = r.chance(3) ? random_day() : r.of(days);
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<std::string> fact_values(const std::string& fact) {
    if (fact == "done" || fact == "ok") return {"true", "false"};
    if (fact == "level") return {"bronze", "silver", "gold"};
    return {};
}

std::vector<Date> boundary_days(const DealSpec& spec, const Question& q) {
    std::set<std::int32_t> base;
    static const std::regex iso(R"(\d{4}-\d{2}-\d{2})");
    std::string text = deal_text(spec);
    for (std::sregex_iterator it(text.begin(), text.end(), iso), end; it != end; ++it)
        if (auto d = parse_date(it->str())) base.insert(d->days);
    for (const auto& [name, value] : q.attributes)
        if (auto d = parse_date(value)) base.insert(d->days);
    for (const auto& [name, value] : q.facts)
        if (auto d = parse_date(value)) base.insert(d->days);
    std::set<std::int32_t> days;
    for (int year = 2019; year <= 2033; ++year)
        for (int k = -1; k <= 0; ++k)
            days.insert(make_date(year, 1, 1)->days + k);
    for (auto b : base)
        for (const auto& dur : durations) {
            auto d = add(Date{b}, dur).days;
            for (int k = -1; k <= 1; ++k)
                days.insert(d + k);
        }
    std::vector<Date> out;
    for (auto d : days)
        out.push_back(Date{d});
    return out;
}

} // namespace dealcheck::semantics
