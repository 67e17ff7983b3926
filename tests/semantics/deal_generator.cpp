#include "deal_generator.hpp"

#include "temp_dir.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>

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
facts:
  done: {type: bool, description: an event that ends windows}
  ok:
    type: bool
    known: [{value: true, through: 2023-06-30}]
  level:
    type: tier
    known: [{value: gold, from: 2021-01-01, through: 2024-12-31}]
  closing: {type: date}
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
            "a" + std::to_string(a), agreement_dates[static_cast<std::size_t>(a)], {}, {}};
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

} // namespace

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
    std::vector<std::pair<std::string, std::string>> files{{"deal.yaml", manifest.str()},
                                                           {"vocabulary.yaml", vocabulary}};
    if (!spec.history.empty()) {
        std::ostringstream y;
        y << "events:\n";
        for (const auto& e : spec.history) {
            y << "  - {date: " << e.date << ", party: " << e.party << ", action: " << e.action;
            if (!e.attributes.empty()) {
                y << ", attributes: {";
                for (std::size_t k = 0; k < e.attributes.size(); ++k)
                    y << (k ? ", " : "") << e.attributes[k].first << ": " << e.attributes[k].second;
                y << "}";
            }
            y << "}\n";
        }
        files.emplace_back("history.yaml", y.str());
    }
    for (const auto& a : spec.agreements) {
        std::ostringstream y;
        y << "agreement: " << a.id << "\n";
        if (!a.terminates.empty()) y << "terminates: " << list(a.terminates) << "\n";
        y << "clauses:" << (a.clauses.empty() ? " []" : "") << "\n";
        for (const auto& c : a.clauses)
            write_clause(y, c);
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

std::optional<Deal> load_deal(const DealSpec& spec, std::string* error) {
    test::TempDir dir;
    for (const auto& [path, text] : deal_files(spec))
        std::ofstream(dir.path() / path) << text;
    auto loaded = Deal::load(dir.path().string());
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
