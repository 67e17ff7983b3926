// The contract between the two question binders (question/fast_binder.hpp): what the
// fast binder (batch) binds, the full binder (ask) binds to the very same
// BoundQuestion; what the full binder rejects, the fast one declines. (Declining what
// the full binder accepts is allowed: batch then binds the slow way.) Checked on every
// attribute and fact type with valid, odd and bad values, one at a time and in seeded
// random combinations, each question read from a JSON line as `dealcheck batch` reads
// it; perturbed fast binders show the check can fail.
#include "compiler/compiled_deal.hpp"
#include "model/value_text.hpp"
#include "question/binder.hpp"
#include "question/fast_binder.hpp"
#include "question/json_line.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <random>
#include <sstream>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

// Every attribute type, defaults, labels and aliases, facts with and without a known
// record, a reading, and an attribute name shared by two actions.
const char* const vocabulary = R"(enums:
  cloud:
    azure: {label: Microsoft Azure, aliases: [Azure Cloud]}
    aws: {label: Amazon Web Services, aliases: [AWS Bedrock]}
    gcp: {label: Google Cloud}
  tier: [gold, silver]
actions:
  host:
    verbs: [hosts]
    attributes:
      cloud: {type: cloud, words: [on]}
      price: {type: money, words: [for]}
      fee: {type: money<EUR>}
      regions: {type: set<cloud>}
      seats: {type: number}
      start: {type: date}
      term: {type: duration}
      label: {type: string}
      partner: {type: party}
      exclusive: {type: bool, phrases: [exclusively]}
      tier: {type: tier, default: gold}
      discount: {type: number, default: 5}
  use_ip:
    verbs: [uses]
    default: forbidden
    attributes:
      cloud: {type: cloud}
      owner: {type: party, default: beta}
facts:
  approved:
    type: bool
    known:
      - {value: true, from: 2020-01-01, through: 2022-12-31}
  launched: {type: bool}
  rating: {type: tier}
  launch_date: {type: date}
  budget: {type: money}
  count: {type: number}
readings:
  cloud_clause:
    description: Does the cloud clause end the exclusivity?
    default: survives
    values:
      survives: it does not
      ends: it does
)";

// Raw JSON values to try, valid and not, per attribute or fact; some are another
// type's values on purpose. The first two of each are valid.
const std::map<std::string, std::vector<std::string>> values = {
    {"cloud",
     {R"("aws")", R"("AWS")", R"(" gcp ")", R"("Amazon Web Services")", R"("aws bedrock")",
      R"("cloud.aws")", R"("oracle")", R"("")", R"("unknown")", R"(5)", R"(["aws"])"}},
    {"price",
     {R"("3B USD")", R"("250M USD")", R"("1.5K USD")", R"("10 USD")", R"("0.01 USD")",
      R"("0.001 USD")", R"("3B EUR")", R"("3 B USD")", R"("3BUSD")", R"("3B usd")",
      R"("9999999999999999 USD")", R"("99999999999999999999 USD")", R"("-5 USD")", R"("3B  USD")",
      R"("unknown")", R"(3)"}},
    {"fee", {R"("12.5 EUR")", R"("3B EUR")", R"("3B USD")", R"("1T EUR")", R"("EUR")"}},
    {"regions",
     {R"(["aws", "gcp"])", R"([])", R"(["aws", "oracle"])", R"(["AWS", "Google Cloud"])",
      R"("aws")", R"(["aws", "aws"])", R"("unknown")"}},
    {"seats",
     {R"("5")", R"(5)", R"(5.25)", R"("-0")", R"(-0)", R"("1e3")", R"(1e3)", R"("007")", R"("abc")",
      R"("")", R"("unknown")", R"(true)"}},
    {"start",
     {R"("2025-01-01")", R"("2024-02-29")", R"("2025-02-30")", R"("2025-1-1")", R"(" 2025-01-01")",
      R"("unknown")", R"(20250101)"}},
    {"term",
     {R"("7y")", R"("18mo")", R"("2w")", R"("30d")", R"("0d")", R"("7 years")", R"("-1y")",
      R"("unknown")"}},
    {"label", {R"("anything")", R"("")", R"("unknown")", R"("Ünïcode text")", R"(42)"}},
    {"partner",
     {R"("beta")", R"("Beta")", R"("alpha corp")", R"("ALPHA")", R"("gamma")", R"("unknown")"}},
    {"exclusive",
     {R"(true)", R"(false)", R"("true")", R"("TRUE")", R"("yes")", R"(1)", R"("unknown")"}},
    {"tier", {R"("gold")", R"("silver")", R"("Silver")", R"("bronze")", R"("unknown")"}},
    {"discount", {R"("10")", R"("unknown")", R"("x")"}},
    {"owner", {R"("alpha")", R"("beta")", R"("nobody")"}},
    {"nosuch", {R"("x")"}},
    // facts
    {"approved", {R"(true)", R"(false)", R"("unknown")", R"("maybe")"}},
    {"launched", {R"(false)", R"("false")", R"("unknown")"}},
    {"rating", {R"("gold")", R"("GOLD")", R"("bronze")"}},
    {"launch_date", {R"("2026-03-15")", R"("2020-02-29")", R"("soon")"}},
    {"budget", {R"("3B USD")", R"("250M USD")", R"("3B")"}},
    {"count", {R"("12")", R"(12.5)", R"("1e26")", R"("twelve")"}},
    {"cloud_clause", {R"("ends")", R"("survives")", R"("forever")"}},
};

const std::vector<std::string> host_attributes = {
    "cloud", "price",   "fee",       "regions", "seats",    "start", "term",
    "label", "partner", "exclusive", "tier",    "discount", "nosuch"};
const std::vector<std::string> use_ip_attributes = {"cloud", "owner", "seats", "nosuch"};
const std::vector<std::string> facts = {"approved", "launched", "rating",       "launch_date",
                                        "budget",   "count",    "cloud_clause", "nosuch"};
const std::vector<std::string> parties = {
    R"("alpha")", R"("Alpha")", R"(" ALPHA ")", R"("Alpha Corp")",
    R"("beta")",  R"("gamma")", R"("")"};
const std::vector<std::string> actions = {R"("host")", R"("use_ip")", R"("Host")", R"("hosts")"};
const std::vector<std::string> dates = {"", R"("2021-06-01")", R"("2023-03-01")"};
const std::vector<std::string> consents = {"", R"(["beta"])", R"(["Beta", "alpha"])",
                                           R"(["gamma"])"};
const std::vector<std::string> readings = {"", R"(["ends"])", R"(["survives"])", R"(["never"])"};

// A question as its parts, written out as one JSON line.
struct Spec {
    std::string party = R"("alpha")", action = R"("host")";
    std::vector<std::pair<std::string, std::string>> attributes, facts;
    std::string date, consents, readings;

    std::string json() const {
        std::string s = R"({"party": )" + party + R"(, "action": )" + action;
        auto map = [&](const char* key, const auto& pairs) {
            if (pairs.empty()) return;
            s += std::string(", \"") + key + "\": {";
            for (std::size_t i = 0; i < pairs.size(); ++i)
                s += (i ? ", \"" : "\"") + pairs[i].first + "\": " + pairs[i].second;
            s += "}";
        };
        map("attributes", attributes);
        map("facts", facts);
        if (!date.empty()) s += R"(, "date": )" + date;
        if (!consents.empty()) s += R"(, "consents": )" + consents;
        if (!readings.empty()) s += R"(, "readings": )" + readings;
        return s + "}";
    }
};

bool same(const evaluator::BoundQuestion& a, const evaluator::BoundQuestion& b) {
    return a.party == b.party && a.action == b.action && a.attributes == b.attributes &&
           a.facts == b.facts && a.consents == b.consents && a.date == b.date &&
           a.date_is_today == b.date_is_today;
}

std::string describe(const CompiledDeal& deal, const evaluator::BoundQuestion& b) {
    const auto& m = deal.model;
    std::ostringstream out;
    out << "party " << b.party << ", action " << b.action << ", date " << format_date(b.date)
        << (b.date_is_today ? " (today)" : "") << ", consents " << b.consents;
    auto list = [&](const char* what, const auto& named, const std::vector<Value>& vs) {
        for (std::size_t i = 0; i < vs.size(); ++i)
            if (vs[i].known())
                out << "; " << what << " " << named[i].id << " = "
                    << model::format_value(m, vs[i], deal.strings) << " (kind "
                    << static_cast<int>(vs[i].kind) << ", payload " << vs[i].payload << ")";
    };
    list("attribute", m.attributes, b.attributes);
    list("fact", m.facts, b.facts);
    return out.str();
}

using FastBind = std::function<bool(const question::JsonLine&, Date, evaluator::BoundQuestion&)>;

struct Tally {
    std::size_t questions = 0, both_bound = 0, both_rejected = 0, fast_declined = 0;
    std::vector<std::string> broken; // the contract's violations, described
};

class Contract {
  public:
    explicit Contract(const Deal& deal) : deal_(deal.compiled()), fast_(deal_) {}

    const question::FastBinder& fast() const { return fast_; }

    void check(const Spec& spec, const FastBind& bind_fast, Tally& tally) const {
        std::string line = spec.json(), scratch;
        question::JsonLine q;
        question::JsonLineError error;
        if (!question::read_json_line(line, q, scratch, error)) return; // batch rejects it
        ++tally.questions;
        evaluator::BoundQuestion fast;
        bool fast_bound = bind_fast(q, today, fast);
        Diagnostics diags;
        auto full = question::bind(deal_, question::to_question(q), today, diags);
        if (fast_bound && !full) {
            tally.broken.push_back(line +
                                   "\n  the fast binder bound it, the full one rejected it: " +
                                   (diags.items().empty() ? "" : diags.items().front().message) +
                                   "\n  fast: " + describe(deal_, fast));
        } else if (fast_bound && !same(fast, full->bound)) {
            tally.broken.push_back(line +
                                   "\n  the binders disagree\n  fast: " + describe(deal_, fast) +
                                   "\n  full: " + describe(deal_, full->bound));
        } else if (fast_bound) {
            ++tally.both_bound;
        } else if (!full) {
            ++tally.both_rejected;
        } else {
            ++tally.fast_declined;
        }
    }

    static constexpr Date today{19417}; // 2023-03-01: inside `approved`'s known record

  private:
    const CompiledDeal& deal_;
    question::FastBinder fast_;
};

// One change at a time from a plain question: every value of every attribute and
// fact, every party, action, date, consent and reading.
std::vector<Spec> edge_cases() {
    std::vector<Spec> out;
    out.emplace_back();
    for (const auto& [action, names] :
         {std::pair{R"("host")", host_attributes}, std::pair{R"("use_ip")", use_ip_attributes}})
        for (const auto& name : names)
            for (const auto& v : values.at(name)) {
                Spec s;
                s.action = action;
                s.attributes = {{name, v}};
                out.push_back(s);
            }
    for (const auto& name : facts)
        for (const auto& v : values.at(name)) {
            Spec s;
            s.facts = {{name, v}};
            out.push_back(s);
        }
    for (const auto& p : parties) {
        Spec s;
        s.party = p;
        out.push_back(s);
    }
    for (const auto& a : actions) {
        Spec s;
        s.action = a;
        out.push_back(s);
    }
    for (const auto& d : dates)
        for (const auto& c : consents)
            for (const auto& r : readings) {
                Spec s;
                s.date = d;
                s.consents = c;
                s.readings = r;
                out.push_back(s);
            }
    return out;
}

template <class T> const T& pick(std::mt19937& rng, const std::vector<T>& items) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

// Several attributes and facts at once, mostly valid values.
Spec random_spec(std::mt19937& rng) {
    auto chance = [&](int percent) {
        return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
    };
    // Mostly one of the two valid values that open each pool, so that most questions
    // bind and their values still vary.
    auto some_value = [&](const std::string& name) {
        const auto& pool = values.at(name);
        if (!chance(92)) return pick(rng, pool);
        return pool[std::uniform_int_distribution<std::size_t>(0, pool.size() > 1 ? 1 : 0)(rng)];
    };
    Spec s;
    s.party = chance(85) ? R"("alpha")" : pick(rng, parties);
    bool host = chance(75);
    s.action = chance(95) ? (host ? R"("host")" : R"("use_ip")") : pick(rng, actions);
    for (const auto& name : host ? host_attributes : use_ip_attributes)
        if (name == "nosuch" ? chance(3) : chance(30))
            s.attributes.emplace_back(name, some_value(name));
    for (const auto& name : facts)
        if (name == "nosuch" ? chance(3) : chance(25)) s.facts.emplace_back(name, some_value(name));
    s.date = pick(rng, dates);
    s.consents = chance(30) ? pick(rng, consents) : "";
    s.readings = chance(10) ? pick(rng, readings) : "";
    return s;
}

std::vector<Spec> all_questions() {
    auto out = edge_cases();
    std::mt19937 rng(20261129);
    for (int i = 0; i < 4000; ++i)
        out.push_back(random_spec(rng));
    return out;
}

Deal contract_deal() {
    MiniDeal mini;
    mini.file("vocabulary.yaml", vocabulary);
    return load_ok(mini);
}

Tally run(const Contract& contract, const FastBind& bind_fast) {
    Tally tally;
    for (const auto& spec : all_questions())
        contract.check(spec, bind_fast, tally);
    return tally;
}

} // namespace

TEST_CASE("the fast binder binds only what the full binder binds, to the same values", "[binder]") {
    Deal deal = contract_deal();
    Contract contract(deal);
    Tally tally = run(contract, [&](const auto& q, Date today, auto& out) {
        return contract.fast().bind(q, today, out);
    });
    INFO(tally.questions << " questions: " << tally.both_bound << " bound by both, "
                         << tally.both_rejected << " rejected by both, " << tally.fast_declined
                         << " declined by the fast binder and bound by the full one");
    for (const auto& b : tally.broken)
        FAIL_CHECK(b);
    CHECK(tally.broken.empty());
    // Not vacuous: many questions take the fast path, and many are rejected.
    CHECK(tally.questions > 4000);
    CHECK(tally.both_bound * 3 > tally.questions);
    CHECK(tally.both_rejected * 10 > tally.questions);
}

TEST_CASE("a fast binder that breaks the contract is caught", "[binder]") {
    Deal deal = contract_deal();
    Contract contract(deal);
    const auto& m = deal.compiled().model;
    auto attribute = [&](std::string_view id) {
        for (std::uint32_t i = 0; i < m.attributes.size(); ++i)
            if (m.attributes[i].id == id) return i;
        FAIL("no attribute " << id);
        return 0u;
    };
    // Each perturbation is a plausible bug of a second binder.
    std::vector<std::pair<std::string, std::function<void(evaluator::BoundQuestion&)>>> bugs = {
        {"forgets the defaults",
         [&, tier = attribute("tier")](auto& b) { b.attributes[tier] = Value::unknown(); }},
        {"reads the date as today's", [](auto& b) { b.date_is_today = b.date == Contract::today; }},
        {"drops consents", [](auto& b) { b.consents = 0; }},
        {"rounds money to whole units",
         [&, price = attribute("price")](auto& b) {
             if (b.attributes[price].kind == ValueKind::Money)
                 b.attributes[price].payload -= b.attributes[price].payload % 100;
         }},
        {"drops a number's fraction",
         [&, seats = attribute("seats")](auto& b) {
             if (b.attributes[seats].kind != ValueKind::Number) return;
             auto n = b.attributes[seats].as_number();
             for (; n.exponent < 0; ++n.exponent)
                 n.mantissa /= 10;
             b.attributes[seats] = Value::number(*make_number(n.mantissa, n.exponent));
         }},
    };
    for (const auto& [name, bug] : bugs) {
        Tally tally = run(contract, [&, bug = bug](const auto& q, Date today, auto& out) {
            if (!contract.fast().bind(q, today, out)) return false;
            bug(out);
            return true;
        });
        INFO("a fast binder that " << name);
        CHECK(!tally.broken.empty());
    }
}
