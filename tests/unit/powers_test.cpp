// A power decides `ask` (verdict_rule.hpp, Tally::add_open_power): on the days the
// lifecycle has it open it permits its holder's action as a permit clause does, a
// forbid clause in force still beats it, and dormant, exercised or lapsed it does not
// apply; the answer says why in terms of the history. The fast path decides the same.
#include "evaluator/authorizer.hpp"
#include "question/binder.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

// `alpha` owes `beta` 100 USD by 2020-01-11; if it is late, `beta` may terminate
// (`end-for-non-payment`). `terminate` is forbidden by default. `history` lists the
// events, `clauses` the clauses of agreement `first`.
LoadResult power_deal(MiniDeal& d, const std::string& history, const std::string& clauses = "[]") {
    d.edit("deal.yaml", "agreements:", "history: history.yaml\nagreements:");
    d.edit("vocabulary.yaml", "  use_ip:",
           "  pay:\n    verbs: [pays]\n    attributes:\n      amount: money\n"
           "  terminate:\n    verbs: [terminates]\n    default: forbidden\n  use_ip:");
    d.file("agreements/first.yaml", R"(agreement: first
obligations:
  - id: pay-fee
    title: Alpha pays the fee
    quote: Alpha shall pay USD 100 within ten days.
    cite: "1"
    tag: official
    party: alpha
    to: beta
    owes: {action: pay, amount: 100 USD}
    trigger: effective
    deadline: trigger + 10d
powers:
  - id: end-for-non-payment
    title: Beta may terminate if the fee is late
    quote: If Alpha fails to pay the fee when due, Beta may terminate.
    cite: "2"
    tag: official
    party: beta
    action: terminate
    opened_by: {violated: pay-fee}
    effect: terminate
clauses: )" + clauses + "\n");
    d.file("history.yaml", "events: " + history + "\n");
    return d.load();
}

Answer ask(const Deal& deal, const std::string& party, const std::string& day) {
    Question q;
    q.party = party;
    q.action = "terminate";
    q.date = date(day);
    auto r = deal.ask(q, date(day));
    REQUIRE(r.answer);
    return *r.answer;
}

std::vector<std::string> deciding(const Answer& a) {
    std::vector<std::string> out;
    for (const auto& c : a.deciding)
        out.push_back(c.id);
    return out;
}

const std::string late_payment =
    "[{date: 2020-01-15, party: alpha, action: pay, attributes: {amount: 100 USD}}]";
const std::string termination = "[{date: 2020-01-13, party: beta, action: terminate}]";

} // namespace

TEST_CASE("an open power permits its holder's action and decides it", "[powers]") {
    MiniDeal d;
    auto loaded = power_deal(d, late_payment);
    REQUIRE(loaded.deal);
    auto a = ask(*loaded.deal, "beta", "2020-01-12");
    CHECK(a.verdict == VerdictKind::Permitted);
    CHECK(deciding(a) == std::vector<std::string>{"end-for-non-payment"});
    CHECK(a.deciding[0].effect == "power");
    CHECK(a.deciding[0].quote == "If Alpha fails to pay the fee when due, Beta may terminate.");
    CHECK(a.deciding[0].where.line == 14);
    REQUIRE(a.powers.size() == 1);
    CHECK(a.powers[0].state == "open");
    CHECK(format_date(*a.powers[0].since) == "2020-01-12");
    // The violated instance, its deadline and what is missing.
    CHECK(a.powers[0].why == "open since 2020-01-12: the violation of `pay-fee` #1, due by "
                             "2020-01-11: no `pay` event by alpha yet; beta exercises it by a "
                             "`terminate` event");
    // The day before it opens, the action's default answers.
    auto before = ask(*loaded.deal, "beta", "2020-01-11");
    CHECK(before.verdict == VerdictKind::NotCovered);
    CHECK(before.default_verdict == VerdictKind::Forbidden);
    // It is beta's: alpha holds none.
    auto alpha = ask(*loaded.deal, "alpha", "2020-01-12");
    CHECK(alpha.verdict == VerdictKind::NotCovered);
    CHECK(alpha.powers.empty());
}

TEST_CASE("a dormant power does not apply, and says what it waits for", "[powers]") {
    MiniDeal pending;
    auto loaded = power_deal(pending, late_payment);
    REQUIRE(loaded.deal);
    auto a = ask(*loaded.deal, "beta", "2020-01-05");
    CHECK(a.verdict == VerdictKind::NotCovered);
    REQUIRE(a.powers.size() == 1);
    CHECK(a.powers[0].state == "dormant");
    CHECK(a.powers[0].why == "dormant: opens when `pay-fee` is violated; `pay-fee` #1 is pending, "
                             "due by 2020-01-11; no `pay` event by alpha yet");

    MiniDeal paid;
    auto on_time = power_deal(
        paid, "[{date: 2020-01-10, party: alpha, action: pay, attributes: {amount: 100 USD}}]");
    REQUIRE(on_time.deal);
    auto b = ask(*on_time.deal, "beta", "2020-02-01");
    CHECK(b.verdict == VerdictKind::NotCovered);
    CHECK(b.powers[0].why.find("`pay-fee` #1 was fulfilled by 2020-01-10: alpha pay (") !=
          std::string::npos);
    CHECK(b.powers[0].events.size() == 2); // triggered, fulfilled
}

TEST_CASE("an exercised power permits on the day of its exercise, not after", "[powers]") {
    MiniDeal d;
    auto loaded = power_deal(d, termination);
    REQUIRE(loaded.deal);
    CHECK(ask(*loaded.deal, "beta", "2020-01-13").verdict == VerdictKind::Permitted);
    auto after = ask(*loaded.deal, "beta", "2020-01-14");
    CHECK(after.verdict == VerdictKind::NotCovered);
    CHECK(after.powers[0].state == "exercised");
    CHECK(after.powers[0].why.rfind("exercised on 2020-01-13 by 2020-01-13: beta terminate (", 0) ==
          0);
}

TEST_CASE("a lapsed power does not apply: its violation was cured", "[powers]") {
    MiniDeal d;
    auto loaded = power_deal(d, late_payment);
    REQUIRE(loaded.deal);
    CHECK(ask(*loaded.deal, "beta", "2020-01-14").verdict == VerdictKind::Permitted);
    auto a = ask(*loaded.deal, "beta", "2020-01-15");
    CHECK(a.verdict == VerdictKind::NotCovered);
    CHECK(a.powers[0].state == "lapsed");
    CHECK(a.powers[0].why.rfind(
              "lapsed on 2020-01-15: the violation is cured by 2020-01-15: alpha pay (", 0) == 0);
}

TEST_CASE("a forbid clause in force beats an open power, a consent clause still needs consent",
          "[powers]") {
    MiniDeal forbid;
    auto loaded = power_deal(forbid, late_payment, R"(
  - {id: no-ending, title: No ending, quote: q, cite: c, tag: official, party: beta,
     actions: [terminate], effect: forbid})");
    REQUIRE(loaded.deal);
    auto a = ask(*loaded.deal, "beta", "2020-01-12");
    CHECK(a.verdict == VerdictKind::Forbidden);
    CHECK(deciding(a) == std::vector<std::string>{"no-ending"});
    REQUIRE(a.conflicts.size() == 1);
    CHECK(a.conflicts[0].clauses == std::vector<std::string>{"no-ending", "end-for-non-payment"});

    MiniDeal consent;
    auto with_consent = power_deal(consent, late_payment, R"(
  - {id: ask-alpha, title: Ask Alpha, quote: q, cite: c, tag: official, party: beta,
     actions: [terminate], effect: consent, consent_of: alpha})");
    REQUIRE(with_consent.deal);
    CHECK(ask(*with_consent.deal, "beta", "2020-01-12").verdict == VerdictKind::NeedsConsent);
}

TEST_CASE("an answer names what the asking party owes that its action would perform", "[powers]") {
    MiniDeal d;
    auto loaded = power_deal(d, late_payment);
    REQUIRE(loaded.deal);
    auto pay = [&](const std::string& day) {
        Question q;
        q.party = "alpha";
        q.action = "pay";
        q.date = date(day);
        auto r = loaded.deal->ask(q, date(day));
        REQUIRE(r.answer);
        return *r.answer;
    };
    auto pending = pay("2020-01-05");
    REQUIRE(pending.owed.size() == 1);
    CHECK(pending.owed[0].text == "`pay-fee` #1 pending, due by 2020-01-11; paid 0 USD of 100 USD");
    auto violated = pay("2020-01-14");
    REQUIRE(violated.owed.size() == 1);
    CHECK(violated.owed[0].state == "violated");
    CHECK(violated.owed[0].text ==
          "`pay-fee` #1 violated since 2020-01-12, due by 2020-01-11; paid 0 USD of 100 USD");
    CHECK(pay("2020-01-15").owed.empty()); // paid that day
    // Another party, or another action, owes nothing.
    CHECK(ask(*loaded.deal, "beta", "2020-01-05").owed.empty());
}

TEST_CASE("the fast path decides powers as the full answer does, day by day", "[powers]") {
    MiniDeal d;
    auto loaded = power_deal(d, late_payment, R"(
  - {id: not-on-13th, title: Not on the 13th, quote: q, cite: c, tag: official, party: beta,
     actions: [terminate], from: 2020-01-13, until: 2020-01-13, effect: forbid})");
    REQUIRE(loaded.deal);
    const auto& cd = loaded.deal->compiled();
    std::vector<Value> facts(cd.model.facts.size());
    int permitted = 0;
    for (auto day = date("2020-01-01"); day <= date("2020-01-31"); day = Date{day.days + 1}) {
        for (const char* party : {"alpha", "beta"}) {
            Question q;
            q.party = party;
            q.action = "terminate";
            q.date = day;
            Diagnostics diags;
            auto bound = question::bind(cd, q, day, diags);
            REQUIRE(bound);
            evaluator::resolve_facts(cd, bound->bound, facts);
            auto fast = evaluator::decide(cd, bound->bound, facts);
            auto full = evaluator::answer(cd, bound->bound, q);
            INFO(party << " on " << format_date(day));
            CHECK(fast.verdict == full.verdict);
            CHECK(fast == evaluator::decide_by_scan(cd, bound->bound, facts));
            permitted += full.verdict == VerdictKind::Permitted;
        }
    }
    CHECK(permitted == 2); // the 12th and the 14th: the 13th is forbidden, the 15th cured
}
