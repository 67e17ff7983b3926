// `analyze` and `diff` against the evaluator. Every finding's example is asked again
// through the public API (parse_phrase + ask), as a user pasting it would; and many
// questions drawn from each deal's vocabulary are asked too, so that the evaluator
// never shows a conflict, a gap or a verdict change the analysis did not report, nor
// decides with a clause the analysis calls dead or shadowed.
#include "analysis/fingerprint.hpp"
#include "analysis/watchdog.hpp"
#include "compiler/compiled_deal.hpp"
#include "dealcheck/analysis.hpp"
#include "support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

namespace {

using namespace dealcheck;
using model::TypeKind;

const std::string deals = std::string(DEALCHECK_TEST_DATA) + "/analysis/deals/";
const std::string bundled = std::string(DEALCHECK_RULES_DIR) + "/microsoft-openai";

Deal load(const std::string& path) {
    auto r = Deal::load(path);
    INFO(render(r.diagnostics));
    REQUIRE(r.deal);
    return *r.deal;
}

const model::Clause* clause(const Deal& deal, const std::string& id) {
    for (const auto& c : deal.compiled().model.clauses)
        if (c.id == id) return &c;
    return nullptr;
}

bool in_refs(const std::vector<ClauseRef>& refs, const std::string& id) {
    return std::any_of(refs.begin(), refs.end(), [&](const ClauseRef& r) { return r.id == id; });
}

// The clause took part in the answer: it decided, was overridden, conflicted, or gave
// a consequence. An unresolved clause of a DEPENDS answer does not count.
bool took_part(const Answer& a, const std::string& id) {
    if (a.verdict != VerdictKind::Depends && in_refs(a.deciding, id)) return true;
    for (const auto& o : a.overridden)
        if (o.clause.id == id) return true;
    for (const auto& c : a.conflicts)
        if (std::find(c.clauses.begin(), c.clauses.end(), id) != c.clauses.end()) return true;
    for (const auto& c : a.consequences)
        if (c.clause.id == id) return true;
    return false;
}

bool same_verdict(const Answer& a, const Answer& b) {
    if (a.verdict != b.verdict) return false;
    auto x = a.consent_of, y = b.consent_of;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    if (a.verdict == VerdictKind::NeedsConsent) return x == y;
    if (a.verdict == VerdictKind::NotCovered) return a.default_verdict == b.default_verdict;
    return true;
}

std::optional<Answer> ask(const Deal& deal, const Question& q) {
    auto r = deal.ask(q, q.date.value_or(Date{}));
    return r.answer;
}

Answer ask_phrase(const Deal& deal, const std::string& phrase) {
    auto q = deal.parse_phrase(phrase);
    INFO(phrase << "\n" << render(q.diagnostics));
    REQUIRE(q.question);
    auto a = deal.ask(*q.question, today());
    INFO(render(a.diagnostics));
    REQUIRE(a.answer);
    return *a.answer;
}

// "kind severity clause,clause" for comparing a report with what a deal seeds.
std::multiset<std::string> keys(const AnalysisReport& r) {
    std::multiset<std::string> out;
    for (const auto& f : r.findings) {
        std::string k = std::string(to_string(f.kind)) + " " + std::string(to_string(f.severity));
        for (std::size_t i = 0; i < f.clauses.size(); ++i)
            k += (i ? "," : " ") + f.clauses[i];
        if (f.kind == FindingKind::Gap) k += " " + f.action + "/" + f.party;
        out.insert(k);
    }
    return out;
}

// Each finding's example, pasted into `ask`, shows what the finding says.
void examples_confirmed(const Deal& deal, const AnalysisReport& r) {
    for (const auto& f : r.findings) {
        INFO(f.message);
        REQUIRE(f.example);
        CHECK(f.confirmed);
        CHECK(f.example->phrase_round_trips);
        Answer a = ask_phrase(deal, f.example->phrase);
        INFO(f.example->phrase);
        CHECK(a.verdict == f.example->answer.verdict);
        switch (f.kind) {
        case FindingKind::Conflict: {
            REQUIRE(f.clauses.size() == 2);
            bool listed =
                std::any_of(a.conflicts.begin(), a.conflicts.end(), [&](const Conflict& c) {
                    return std::count(c.clauses.begin(), c.clauses.end(), f.clauses[0]) &&
                           std::count(c.clauses.begin(), c.clauses.end(), f.clauses[1]);
                });
            CHECK(listed);
            break;
        }
        case FindingKind::Dead:
            CHECK_FALSE(took_part(a, f.clauses[0]));
            break;
        case FindingKind::Shadowed:
            CHECK(std::any_of(a.overridden.begin(), a.overridden.end(),
                              [&](const Override& o) { return o.clause.id == f.clauses[0]; }));
            break;
        case FindingKind::Gap:
            CHECK(a.verdict == VerdictKind::NotCovered);
            break;
        }
    }
}

// ---- questions drawn from a deal's vocabulary --------------------------------------

// n + step, or, where that sum is not exact, n moved by `step` in its 18th digit.
Number neighbour(Number n, std::int64_t step) {
    if (auto sum = add(n, Number{step, 0})) return *sum;
    std::int64_t m = n.mantissa;
    std::int32_t e = n.exponent;
    while (m != 0 && m < 100'000'000'000'000'000 && m > -100'000'000'000'000'000) {
        m *= 10;
        --e;
    }
    return make_number(m + step, e).value_or(n);
}

class Sampler {
  public:
    explicit Sampler(const Deal& deal, unsigned seed = 7) : m_(deal.compiled().model), rng_(seed) {
        const auto& cd = deal.compiled();
        std::set<std::int32_t> days;
        auto day = [&](Date d) {
            if (d > first_day && d.days < last_day.days - 1) days.insert(d.days);
        };
        for (const auto& a : m_.agreements) {
            day(a.effective);
            day(Date{a.effective.days - 1});
        }
        for (const auto& c : cd.clauses) {
            for (Date d : {c.from, c.until, Date{c.until.days + 1}, c.superseded_from,
                           Date{c.superseded_from.days - 1}})
                day(d);
            for (const auto& in : c.when.code) {
                const Value& v = in.constant;
                if (in.op != compiler::Op::Const) continue;
                if (v.kind == ValueKind::Date)
                    for (int k : {-400, -1, 0, 1, 400})
                        day(Date{v.as_date().days + k});
                if (v.kind == ValueKind::Money)
                    for (std::int64_t k : {-100, 0, 100})
                        money_.push_back(format_money({v.payload + k, v.aux}));
                if (v.kind == ValueKind::Number)
                    for (std::int64_t k : {-1, 0, 1})
                        numbers_.push_back(format_number(neighbour(v.as_number(), k)));
                if (v.kind == ValueKind::Duration)
                    durations_.push_back(format_duration(v.as_duration()));
            }
        }
        for (const auto& f : m_.facts)
            for (const auto& k : f.known) {
                day(k.from);
                day(k.through);
                day(Date{k.through.days + 1});
            }
        for (auto d : days)
            dates_.push_back(Date{d});
        durations_.push_back("30d");
        strings_ = cd.strings;
        strings_.push_back("zzz");
    }

    // `per_bucket` questions for each action kind and party.
    std::vector<Question> draw(std::size_t per_bucket) {
        std::vector<Question> out;
        for (const auto& action : m_.actions)
            for (const auto& party : m_.parties)
                for (std::size_t n = 0; n < per_bucket; ++n) {
                    Question q;
                    q.party = party.id;
                    q.action = action.id;
                    q.date = pick(dates_);
                    for (const auto& attr : action.attributes)
                        if (auto v = value(attr.type, true)) q.attributes[attr.id] = *v;
                    for (const auto& f : m_.facts)
                        if (coin(2))
                            if (auto v = value(f.type, false)) q.facts[f.id] = *v;
                    for (const auto& p : m_.parties)
                        if (coin(3)) q.consents.push_back(p.id);
                    out.push_back(std::move(q));
                }
        return out;
    }

  private:
    const model::Deal& m_;
    std::mt19937 rng_;
    std::vector<Date> dates_;
    std::vector<std::string> money_, numbers_, durations_, strings_;

    bool coin(unsigned n) { return rng_() % n == 0; }
    template <class T> T pick(const std::vector<T>& v) { return v[rng_() % v.size()]; }

    std::optional<std::string> value(const model::Type& t, bool may_omit) {
        if (may_omit && coin(5)) return std::nullopt;
        switch (t.kind) {
        case TypeKind::Bool:
            return coin(2) ? "true" : "false";
        case TypeKind::Enum:
            return m_.enums[t.enum_index].values[rng_() % m_.enums[t.enum_index].values.size()].id;
        case TypeKind::Set: {
            const auto& values = m_.enums[t.enum_index].values;
            std::string a = values[rng_() % values.size()].id,
                        b = values[rng_() % values.size()].id;
            return a == b ? a : a + ", " + b;
        }
        case TypeKind::Party:
            return m_.parties[rng_() % m_.parties.size()].id;
        case TypeKind::Money:
            return money_.empty() ? std::string("5M USD") : pick(money_);
        case TypeKind::Number:
            return numbers_.empty() ? std::string("3") : pick(numbers_);
        case TypeKind::Date:
            return format_date(pick(dates_));
        case TypeKind::Duration:
            return pick(durations_);
        case TypeKind::String:
            return pick(strings_);
        default:
            return std::nullopt;
        }
    }
};

Date deal_start(const Deal& deal) {
    Date start = last_day;
    for (const auto& a : deal.compiled().model.agreements)
        start = std::min(start, a.effective);
    return start;
}

// The evaluator never contradicts the report on questions drawn from the vocabulary.
void sweep_agrees(const Deal& deal, const AnalysisReport& r, std::size_t per_bucket) {
    std::set<std::string> dead, shadowed;
    std::set<std::pair<std::string, std::string>> conflicts, gaps;
    for (const auto& f : r.findings) {
        if (f.kind == FindingKind::Dead) dead.insert(f.clauses[0]);
        if (f.kind == FindingKind::Shadowed) shadowed.insert(f.clauses[0]);
        if (f.kind == FindingKind::Conflict)
            conflicts.insert(std::minmax(f.clauses[0], f.clauses[1]));
        if (f.kind == FindingKind::Gap) gaps.insert({f.action, f.party});
    }
    const auto& m = deal.compiled().model;
    Date start = deal_start(deal);
    std::size_t asked = 0;
    for (const auto& q : Sampler(deal).draw(per_bucket)) {
        auto a = ask(deal, q);
        if (!a) continue;
        ++asked;
        INFO("party " << q.party << ", action " << q.action << ", date " << format_date(*q.date));
        for (const auto& [k, v] : q.attributes)
            INFO("attribute " << k << " = " << v);
        for (const auto& [k, v] : q.facts)
            INFO("fact " << k << " = " << v);
        for (const auto& d : dead)
            CHECK_FALSE(took_part(*a, d));
        for (const auto& s : shadowed)
            CHECK_FALSE((a->verdict != VerdictKind::Depends && in_refs(a->deciding, s)));
        for (const auto& c : a->conflicts)
            for (const auto& p : c.clauses)
                for (const auto& o : c.clauses) {
                    const auto* cp = clause(deal, p);
                    const auto* co = clause(deal, o);
                    REQUIRE(cp);
                    REQUIRE(co);
                    if (cp->effect != model::Effect::Permit) continue;
                    if (co->effect != model::Effect::Forbid && co->effect != model::Effect::Consent)
                        continue;
                    INFO("conflict " << p << " / " << o);
                    CHECK(conflicts.count(std::minmax(p, o)));
                }
        auto action = std::find_if(m.actions.begin(), m.actions.end(),
                                   [&](const auto& x) { return x.id == q.action; });
        if (action->covered && a->verdict == VerdictKind::NotCovered && *q.date >= start)
            CHECK(gaps.count({q.action, q.party}));
    }
    CHECK(asked > 0);
}

// Every change, asked again, differs as reported; and no sampled question differs in
// a way the report does not show.
void diff_agrees(const Deal& old_deal, const Deal& new_deal, const DiffOptions& o,
                 const DiffReport& r, std::size_t per_bucket) {
    std::set<std::tuple<std::string, std::string, VerdictKind, VerdictKind>> shown;
    for (const auto& c : r.changes) {
        INFO(c.old_phrase << " / " << c.new_phrase);
        CHECK(c.phrase_round_trips);
        Answer ao = ask_phrase(old_deal, c.old_phrase), an = ask_phrase(new_deal, c.new_phrase);
        CHECK(ao.verdict == c.old_answer.verdict);
        CHECK(an.verdict == c.new_answer.verdict);
        CHECK_FALSE(same_verdict(ao, an));
        if (c.source == "rules") shown.insert({c.action, c.party, ao.verdict, an.verdict});
    }
    auto recorded = [](const Deal& deal, const Question& q) {
        for (const auto& [id, text] : q.facts)
            for (const auto& f : deal.compiled().model.facts)
                if (f.id == id)
                    for (const auto& k : f.known)
                        if (k.from <= *q.date && *q.date <= k.through) return true;
        return false;
    };
    for (auto q : Sampler(old_deal).draw(per_bucket)) {
        Question qo = q, qn = q;
        if (o.old_as_of) qo.date = o.old_as_of;
        if (o.new_as_of) qn.date = o.new_as_of;
        if (!o.hypothetical && (recorded(old_deal, qo) || recorded(new_deal, qn))) continue;
        auto ao = ask(old_deal, qo), an = ask(new_deal, qn);
        if (!ao || !an || same_verdict(*ao, *an)) continue;
        bool capped =
            std::any_of(r.incomplete.begin(), r.incomplete.end(), [&](const std::string& s) {
                return s.find("`" + q.action + "`") != std::string::npos;
            });
        if (capped) continue;
        INFO("party " << q.party << ", action " << q.action << ", date " << format_date(*qo.date)
                      << " / " << format_date(*qn.date) << ": " << to_string(ao->verdict) << " -> "
                      << to_string(an->verdict));
        for (const auto& [k, v] : q.attributes)
            INFO("attribute " << k << " = " << v);
        for (const auto& [k, v] : q.facts)
            INFO("fact " << k << " = " << v);
        CHECK(shown.count({q.action, q.party, ao->verdict, an->verdict}));
    }
}

} // namespace

TEST_CASE("analyze finds the seeded conflicts, and only them", "[analysis]") {
    auto deal = load(deals + "conflicting");
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r) == std::multiset<std::string>{
                         "conflict warning eu-exports,large-eu-exports",
                         "conflict warning asia-partner,asia-consent",
                         "conflict note eu-exports,embargo-2025",
                     });
    CHECK_FALSE(r.clean());
    examples_confirmed(deal, r);
    sweep_agrees(deal, r, 400);
    // The hypothetical one says which recorded fact its example goes against.
    for (const auto& f : r.findings)
        if (f.severity == FindingSeverity::Note)
            CHECK(std::any_of(f.details.begin(), f.details.end(), [](const std::string& d) {
                return d.find("embargo=true") != std::string::npos;
            }));
}

TEST_CASE("analyze and diff say that obligations and powers are not analysed", "[analysis]") {
    auto goods = load(std::string(DEALCHECK_RULES_DIR) + "/sale-of-goods");
    auto r = analyze(goods);
    REQUIRE(r.not_analysed.size() == 1);
    CHECK_THAT(r.not_analysed[0],
               Catch::StartsWith("6 obligations and 4 powers of `sale-of-goods`"));
    CHECK_THAT(render_text(r), Catch::Contains("not analysed: 6 obligations and 4 powers"));
    // The solver reads powers only as this history opens them: it says so.
    CHECK_THAT(r.not_analysed[0],
               Catch::Contains("a power's only on the days the deal's history has it open"));
    CHECK_THAT(render_json(r), Catch::Contains("\"not_analysed\":[\"6 obligations and 4 powers"));
    auto d = diff(goods, goods);
    CHECK(std::count_if(d.notes.begin(), d.notes.end(), [](const std::string& n) {
              return n.rfind("not compared: 6 obligations", 0) == 0;
          }) == 1);
    // A deal with neither has nothing to say.
    CHECK(analyze(load(deals + "conflicting")).not_analysed.empty());
}

TEST_CASE("analyze finds each way a clause can be dead", "[analysis]") {
    auto deal = load(deals + "dead");
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r) == std::multiset<std::string>{
                         "dead warning contradictory",
                         "dead warning replaced-before-start",
                         "dead warning before-its-time",
                         "dead warning after-the-end",
                         "dead warning window-before-start",
                     });
    std::map<std::string, std::string> why = {
        {"contradictory", "can never hold"},
        {"replaced-before-start", "entirely replaced"},
        {"before-its-time", "cannot hold on any day it is in force"},
        {"after-the-end", "ending event"},
        {"window-before-start", "before its agreement"},
    };
    for (const auto& f : r.findings) {
        REQUIRE(f.details.size() == 1);
        CHECK_THAT(f.details[0], Catch::Contains(why[f.clauses[0]]));
    }
    examples_confirmed(deal, r);
    sweep_agrees(deal, r, 400);
}

TEST_CASE("analyze finds a clause an exception always overrides", "[analysis]") {
    auto deal = load(deals + "shadowed");
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r) == std::multiset<std::string>{"shadowed warning eu-ban,eu-us-licence"});
    examples_confirmed(deal, r);
    sweep_agrees(deal, r, 400);
}

TEST_CASE("analyze finds the gaps of action kinds declared covered", "[analysis]") {
    auto deal = load(deals + "gappy");
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r) == std::multiset<std::string>{
                         "gap error transfer/acme",
                         "gap error transfer/beta",
                         "gap error license/acme",
                         "gap error license/beta",
                     });
    examples_confirmed(deal, r);
    sweep_agrees(deal, r, 400);
}

TEST_CASE("analyze follows every type of the rule language", "[analysis]") {
    using test::clause;
    test::MiniDeal mini;
    mini.clauses("first",
                 clause("seats-on-region", "alpha", "host", "permit",
                        "when: seats >= 10 and cloud in regions") +
                     clause("early-expensive", "alpha", "host", "forbid",
                            "when: start < 2024-06-01 and price > 2M USD") +
                     clause("two-year-gold", "alpha", "host", "consent",
                            "when: term == 2y and rating == gold\nconsent_of: beta") +
                     clause("stale-start", "alpha", "host", "forbid", "when: date > start + 30d") +
                     clause("a-year-after", "alpha", "host", "forbid",
                            "when: date >= max(start, 2026-01-01) + 1y and not approved"));
    auto deal = test::load_ok(mini);
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r) == std::multiset<std::string>{
                         "conflict warning seats-on-region,early-expensive",
                         "conflict warning seats-on-region,two-year-gold",
                         "conflict warning seats-on-region,stale-start",
                         "conflict warning seats-on-region,a-year-after",
                     });
    examples_confirmed(deal, r);
    sweep_agrees(deal, r, 1500);
}

TEST_CASE("analyze finds a conflict that exists only on a clause's last day", "[analysis]") {
    // The permit's window ends the day the forbid's begins: one day of overlap, which a
    // solver window that left out `until` would miss.
    using test::clause;
    test::MiniDeal mini;
    mini.clauses("first",
                 clause("permit-to-june", "alpha", "host", "permit", "until: 2025-06-30") +
                     clause("forbid-from-june-end", "alpha", "host", "forbid", "from: 2025-06-30"));
    auto deal = test::load_ok(mini);
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r) ==
          std::multiset<std::string>{"conflict warning permit-to-june,forbid-from-june-end"});
    examples_confirmed(deal, r);
    for (const auto& f : r.findings)
        CHECK_THAT(f.example->phrase, Catch::Contains("on 2025-06-30"));
}

TEST_CASE("a bool attribute a phrase cannot set still makes its clauses alive", "[analysis]") {
    // `managed` has neither `phrases` nor a default: only `--set managed=...` or a
    // question file gives it, and a clause that needs it either way is not dead.
    using test::clause;
    test::MiniDeal mini;
    mini.edit("vocabulary.yaml", "      term: {type: duration}",
              "      term: {type: duration}\n      managed: {type: bool}");
    mini.clauses("first", clause("managed-only", "alpha", "host", "permit", "when: managed") +
                              clause("unmanaged-aws", "alpha", "host", "forbid",
                                     "when: not managed and cloud == aws"));
    auto deal = test::load_ok(mini);
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(keys(r).empty());
}

TEST_CASE("analyze reasons about numbers exactly and without bounds", "[analysis][number]") {
    auto deal = load(deals + "thresholds");
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    // `frontier-runs` (flops >= 1e26) is alive, and `one-digit-apart` holds between two
    // numbers a double cannot tell apart.
    CHECK(keys(r) == std::multiset<std::string>{
                         "conflict warning large-runs,frontier-runs",
                         "dead warning never-both",
                     });
    examples_confirmed(deal, r);
    for (const auto& f : r.findings)
        if (f.kind == FindingKind::Conflict)
            CHECK_THAT(f.example->phrase, Catch::Contains("using 1e26"));
    sweep_agrees(deal, r, 400);
}

TEST_CASE("analyze reports nothing spurious on the bundled deal", "[analysis]") {
    auto deal = load(bundled);
    auto r = analyze(deal);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    CHECK(r.clean()); // notes (hypotheticals, other readings) are allowed
    CHECK(r.stats.timeouts == 0);
    examples_confirmed(deal, r);
    sweep_agrees(deal, r, 300);
}

TEST_CASE("analyze stays within its time limit", "[analysis]") {
    auto deal = load(bundled);
    AnalysisOptions o;
    o.timeout_ms = 1;
    auto r = analyze(deal, o);
    INFO(render_text(r));
    CHECK(r.stats.milliseconds < 60000);
    for (const auto& f : r.findings)
        CHECK(f.confirmed); // what it reports, it has checked
}

// A check that would run for ages (14 pigeons in 13 holes: exponential for the SAT
// core) ends at its time limit, and the solver answers the next check as before: the
// interrupt does not outlive its check.
TEST_CASE("a solver check past its time limit is interrupted", "[analysis]") {
    z3::context ctx;
    z3::solver s(ctx, z3::solver::simple());
    const int holes = 13;
    auto in = [&](int pigeon, int hole) {
        return ctx.bool_const(("p" + std::to_string(pigeon) + "h" + std::to_string(hole)).c_str());
    };
    s.push();
    for (int p = 0; p <= holes; ++p) {
        z3::expr_vector somewhere(ctx);
        for (int h = 0; h < holes; ++h)
            somewhere.push_back(in(p, h));
        s.add(z3::mk_or(somewhere));
    }
    for (int h = 0; h < holes; ++h)
        for (int p = 0; p <= holes; ++p)
            for (int q = p + 1; q <= holes; ++q)
                s.add(!in(p, h) || !in(q, h));
    {
        analysis::Watchdog::Watch watch(ctx, 200);
        CHECK(s.check() == z3::unknown);
        CHECK(s.reason_unknown() == "canceled");
    }
    s.pop();
    s.add(in(0, 0));
    analysis::Watchdog::Watch watch(ctx, 60000);
    CHECK(s.check() == z3::sat);
}

TEST_CASE("diff shows the answers an edit of the rules changed", "[analysis][diff]") {
    auto old_deal = load(deals + "diff-old"), new_deal = load(deals + "diff-new");
    DiffOptions o;
    auto r = diff(old_deal, new_deal, o);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    std::multiset<std::string> got;
    for (const auto& c : r.changes)
        got.insert(c.action + "/" + c.party + " " + std::string(to_string(c.old_answer.verdict)) +
                   " -> " + std::string(to_string(c.new_answer.verdict)) +
                   (c.outcome_same ? " (same outcome)" : ""));
    CHECK(got == std::multiset<std::string>{
                     "export/acme DEPENDS -> PERMITTED", // region not given, with Beta's consent
                     "export/acme FORBIDDEN -> NEEDS-CONSENT",
                     "export/acme FORBIDDEN -> PERMITTED",
                     "export/acme NOT-COVERED -> PERMITTED (same outcome)",
                 });
    diff_agrees(old_deal, new_deal, o, r, 400);

    SECTION("questions from regression tests are asked of both versions") {
        DiffOptions t;
        t.symbolic = false;
        Question q;
        q.party = "acme";
        q.action = "export";
        q.attributes["region"] = "asia";
        q.date = parse_date("2024-05-01");
        auto test_question = [&](const char* name, int line) {
            DiffOptions::TestQuestion tq;
            tq.name = name;
            tq.where.file = "tests/x.yaml";
            tq.where.line = line;
            tq.question = q;
            t.tests.push_back(tq);
        };
        test_question("asia", 3);
        q.attributes["region"] = "eu";
        test_question("eu", 9);
        auto tr = diff(old_deal, new_deal, t);
        REQUIRE(tr.changes.size() == 1);
        CHECK(tr.changes[0].source == "test `asia`");
        CHECK(tr.changes[0].new_answer.verdict == VerdictKind::NeedsConsent);
    }
}

TEST_CASE("diff shows what the 2026-04-27 amendment changed on the bundled deal",
          "[analysis][diff]") {
    auto deal = load(bundled);
    DiffOptions o;
    o.old_as_of = parse_date("2026-04-26");
    o.new_as_of = parse_date("2026-04-27");
    auto r = diff(deal, deal, o);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    std::set<std::string> actions;
    for (const auto& c : r.changes)
        actions.insert(c.action);
    // Serving the API off Azure, licensing IP to third parties, Microsoft's revenue share.
    CHECK(actions.count("serve_api"));
    CHECK(actions.count("license_ip"));
    CHECK(actions.count("deploy_product"));
    diff_agrees(deal, deal, o, r, 300);
}

TEST_CASE("diff of one date against itself shows nothing", "[analysis][diff]") {
    auto deal = load(bundled);
    DiffOptions o;
    o.old_as_of = o.new_as_of = parse_date("2025-06-01");
    auto r = diff(deal, deal, o);
    INFO(render_text(r));
    CHECK(r.changes.empty());
    CHECK(r.incomplete.empty());
}

namespace {

// The report without its timings, for comparing runs.
std::string without_stats(AnalysisReport r) {
    r.stats = {};
    return render_json(r);
}

// A copy of the deal folder `source` in a fresh folder named after `name`, with `from`
// replaced by `to` in one agreement file's text.
std::string edited_deal(const std::string& source, const std::string& name, const std::string& file,
                        const std::string& from, const std::string& to) {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / ("dealcheck-analysis-" + name);
    fs::remove_all(dir);
    fs::copy(source, dir, fs::copy_options::recursive);
    auto path = dir / "agreements" / file;
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(path, std::ios::trunc) << text;
    return dir.string();
}

std::string edited_bundled(const std::string& name, const std::string& file,
                           const std::string& from, const std::string& to) {
    return edited_deal(bundled, name, file, from, to);
}

// Each finding of `party`'s buckets, as its own one-finding report in JSON.
std::multiset<std::string> findings_of(const AnalysisReport& r, const std::string& party) {
    std::multiset<std::string> out;
    for (const auto& f : r.findings)
        if (f.party == party) {
            AnalysisReport one;
            one.findings = {f};
            out.insert(render_json(one));
        }
    return out;
}

} // namespace

TEST_CASE("an analysis the solver cannot finish names every check it did not do",
          "[analysis][incomplete]") {
    auto deal = load(bundled);
    AnalysisOptions o;
    o.solver_steps = 1; // no check can finish
    auto r = analyze(deal, o);
    auto text = render_text(r);
    INFO(text);
    REQUIRE(!r.incomplete.empty());
    CHECK(text.find("no findings") == std::string::npos);
    CHECK(text.find("checks not done") != std::string::npos);
    // Every clause is either a finding the solver was not needed for (an empty window)
    // or named by a check not done.
    for (const auto& c : deal.compiled().model.clauses) {
        bool named = std::any_of(r.incomplete.begin(), r.incomplete.end(), [&](const auto& s) {
            return s.find("`" + c.id + "`") != std::string::npos;
        });
        bool found = std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
            return std::find(f.clauses.begin(), f.clauses.end(), c.id) != f.clauses.end();
        });
        CHECK((named || found));
    }
}

TEST_CASE("a diff the solver cannot finish does not say that nothing differs",
          "[analysis][diff][incomplete]") {
    auto deal = load(bundled);
    DiffOptions o;
    o.old_as_of = parse_date("2026-04-26");
    o.new_as_of = parse_date("2026-04-27");
    o.solver_steps = 1;
    auto r = diff(deal, deal, o);
    auto text = render_text(r);
    INFO(text);
    CHECK(r.changes.empty());
    REQUIRE(!r.incomplete.empty());
    CHECK(text.find("no answer differs") == std::string::npos);
}

TEST_CASE("analyze finds the same on any number of threads", "[analysis][jobs]") {
    auto deal = load(deals + "conflicting");
    AnalysisOptions one, many;
    one.jobs = 1;
    many.jobs = 4;
    CHECK(without_stats(analyze(deal, one)) == without_stats(analyze(deal, many)));
}

TEST_CASE("analyze with a cache checks again only the buckets an edit touched",
          "[analysis][cache]") {
    namespace fs = std::filesystem;
    auto cache = (fs::temp_directory_path() / "dealcheck-analysis-cache-test").string();
    fs::remove(cache);
    AnalysisOptions o;
    o.cache_file = cache;
    auto deal = load(bundled);
    auto first = analyze(deal, o);
    CHECK(first.stats.cached == 0);
    CHECK(first.cache_saved);
    auto second = analyze(deal, o);
    CHECK(second.stats.cached == second.stats.buckets);
    CHECK(second.stats.queries == 0);
    CHECK(without_stats(second) == without_stats(first));

    // A title is no part of what a clause means: nothing to check again.
    auto retitled = load(edited_bundled(
        "retitled", "2020-09-22-gpt3-license.yaml", "title: Microsoft may use GPT-3's model",
        "title: Microsoft may use, in its products, GPT-3's model"));
    auto third = analyze(retitled, o);
    CHECK(third.stats.cached == third.stats.buckets);

    // A condition is: the buckets of that clause's actions and party are checked again,
    // and the report is the one a run without the cache gives.
    auto edited = load(edited_bundled("edited", "2020-09-22-gpt3-license.yaml",
                                      "actions: [use_ip, commercialize]\n    when: asset == gpt3",
                                      "actions: [use_ip, commercialize]\n    when: asset != gpt3"));
    auto fourth = analyze(edited, o);
    CHECK(fourth.stats.cached > 0);
    CHECK(fourth.stats.cached + 2 == fourth.stats.buckets);
    // The same findings and examples as a run without the cache: each bucket is checked
    // in a solver context of its own.
    auto fresh = analyze(edited);
    CHECK(without_stats(fourth) == without_stats(fresh));

    // A cache that is not one counts as empty.
    std::ofstream(cache, std::ios::trunc) << "dealcheck-analysis-cache 2\n12 x:garbage";
    auto fifth = analyze(deal, o);
    CHECK(fifth.stats.cached == 0);
    CHECK(without_stats(fifth) == without_stats(first));
    fs::remove(cache);
}

TEST_CASE("an edit in one bucket leaves the other buckets' examples as they were",
          "[analysis][cache]") {
    // Beta gets a conflicting pair of its own, in the (export, beta) bucket; the edit is to
    // acme's `asia-partner`, in (export, acme), which is checked first. The two deals are
    // written to one folder in turn, so that the findings' locations are the same.
    const std::string beta_pair = R"(  - id: beta-bulk
    title: Beta may export in bulk
    quote: Beta may export goods worth more than 1M USD.
    cite: test
    tag: official
    party: beta
    actions: [export]
    when: value > 1M USD
    effect: permit

  - id: beta-cap
    title: Beta may not export over 5M USD
    quote: Beta may not export goods worth more than 5M USD.
    cite: test
    tag: official
    party: beta
    actions: [export]
    when: value > 5M USD
    effect: forbid

)";
    auto base_dir = edited_deal(deals + "conflicting", "other-buckets", "supply.yaml",
                                "  - id: us-exports\n", beta_pair + "  - id: us-exports\n");
    auto base = analyze(load(base_dir));
    auto before = findings_of(base, "beta");
    REQUIRE(std::any_of(before.begin(), before.end(), [](const std::string& f) {
        return f.find("beta-bulk") != std::string::npos && f.find("beta-cap") != std::string::npos;
    }));

    auto edited_dir = edited_deal(base_dir, "other-buckets-edited", "supply.yaml",
                                  "when: region == asia and not sanctioned",
                                  "when: region == asia and not sanctioned and value < 50M USD");
    namespace fs = std::filesystem;
    fs::remove_all(base_dir);
    fs::rename(edited_dir, base_dir);
    auto edited = analyze(load(base_dir));
    INFO(render_text(edited));
    CHECK(findings_of(edited, "acme") != findings_of(base, "acme"));
    CHECK(findings_of(edited, "beta") == before);
    fs::remove_all(base_dir);
}

TEST_CASE("diff of two versions checks only the buckets that differ", "[analysis][diff]") {
    auto deal = load(bundled);
    auto same = diff(deal, deal, {});
    CHECK(same.stats.queries == 0);
    CHECK(same.changes.empty());
    auto edited = load(edited_bundled("diffed", "2020-09-22-gpt3-license.yaml",
                                      "actions: [use_ip, commercialize]\n    when: asset == gpt3",
                                      "actions: [use_ip, commercialize]\n    when: asset != gpt3"));
    DiffOptions o;
    auto r = diff(deal, edited, o);
    INFO(render_text(r));
    CHECK(r.incomplete.empty());
    REQUIRE(!r.changes.empty());
    for (const auto& c : r.changes) {
        CHECK(c.party == "microsoft");
        CHECK((c.action == "use_ip" || c.action == "commercialize"));
    }
}

TEST_CASE("a bucket's fingerprint changes when only the history opens a power in it",
          "[analysis][cache]") {
    // The same rules and facts; one history delivers and is never paid, so powers open
    // on other days. A cache keyed by a fingerprint without them would reuse results.
    namespace fs = std::filesystem;
    auto history = (fs::temp_directory_path() / "dealcheck-fingerprint-history.yaml").string();
    std::ofstream(history) << "events:\n"
                              "  - {date: 2026-03-09, party: seller, action: deliver, "
                              "attributes: {received_on: 2026-03-10}}\n";
    auto with = [&](std::vector<std::string> files) {
        LoadOptions o;
        o.own_history = false;
        o.history = std::move(files);
        auto r = Deal::load(std::string(DEALCHECK_RULES_DIR) + "/sale-of-goods", o);
        INFO(render(r.diagnostics));
        REQUIRE(r.deal);
        return *r.deal;
    };
    auto quiet = with({});
    auto unpaid = with({history});
    const auto& a = quiet.compiled();
    const auto& b = unpaid.compiled();
    // The days each bucket's powers are open, in each history.
    auto spans = [](const CompiledDeal& d, std::uint32_t act, std::uint32_t p) {
        std::vector<std::pair<std::int32_t, std::int32_t>> out;
        for (const auto& s : d.power_open)
            if (s.action == act && s.party == p) out.emplace_back(s.from.days, s.until.days);
        return out;
    };
    analysis::Fingerprinter fa(a), fb(b);
    std::size_t differ = 0;
    for (std::uint32_t act = 0; act < a.model.actions.size(); ++act)
        for (std::uint32_t p = 0; p < a.model.parties.size(); ++p) {
            bool opened = spans(a, act, p) != spans(b, act, p);
            if (opened) CHECK(fa.bucket(act, p) != fb.bucket(act, p));
            differ += opened;
        }
    CHECK(differ > 0);
    fs::remove(history);
}
