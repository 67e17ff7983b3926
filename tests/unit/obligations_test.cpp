// Obligations with a lifecycle (compiler/lifecycle.cpp) through Deal::status: the
// edges of deadlines, part payments, suspension, and discharge by a later agreement;
// and business days under a deal's calendar.
#include "model/business_days.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

// `alpha` owes `beta` 100 USD within 10 days of the first agreement (2020-01-01);
// `pay` is the action that pays it. `history` lists the events under `events:`.
void with_fee(MiniDeal& d, const std::string& history, const std::string& extra_obligations = {}) {
    d.edit("deal.yaml", "agreements:", "history: history.yaml\nagreements:");
    d.edit("vocabulary.yaml", "  use_ip:",
           "  pay:\n    verbs: [pays]\n    attributes:\n      amount: money\n"
           "  suspend:\n    verbs: [suspends]\n  resume:\n    verbs: [resumes]\n  use_ip:");
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
)" + extra_obligations);
    d.file("history.yaml", "events:\n" + history);
}

const ObligationStatus& only(const DealStatus& s, const std::string& id) {
    for (const auto& o : s.obligations)
        if (o.id == id) return o;
    FAIL("no instance of " << id << " as of " << format_date(s.as_of));
    return s.obligations.front();
}

} // namespace

TEST_CASE("business days skip the weekend and the holidays", "[obligations]") {
    model::Calendar calendar;
    calendar.holidays = {date("2026-04-03"), date("2026-04-06")};
    // Thursday 2026-04-02: Friday and Monday are Easter holidays.
    CHECK(format_date(model::add_business_days(calendar, date("2026-04-02"), 1)) == "2026-04-07");
    CHECK(format_date(model::add_business_days(calendar, date("2026-04-02"), 0)) == "2026-04-02");
    calendar.holidays.clear();
    calendar.weekend = {false, false, false, false, false, true, true}; // Friday, Saturday
    CHECK(format_date(model::add_business_days(calendar, date("2026-04-02"), 1)) == "2026-04-05");
}

TEST_CASE("a payment on the deadline is on time, the day after it is late", "[obligations]") {
    MiniDeal on_time;
    with_fee(on_time, "  - {date: 2020-01-11, party: alpha, action: pay, attributes: "
                      "{amount: 100 USD}}\n");
    auto deal = load_ok(on_time);
    CHECK(only(deal.status(date("2020-01-11")), "pay-fee").state == ObligationState::Fulfilled);
    CHECK_FALSE(only(deal.status(date("2020-01-11")), "pay-fee").late);

    MiniDeal late;
    with_fee(late, "  - {date: 2020-01-12, party: alpha, action: pay, attributes: "
                   "{amount: 100 USD}}\n");
    auto late_deal = load_ok(late);
    CHECK(only(late_deal.status(date("2020-01-11")), "pay-fee").state == ObligationState::Pending);
    auto paid = only(late_deal.status(date("2020-01-12")), "pay-fee");
    CHECK(paid.state == ObligationState::Fulfilled);
    CHECK(paid.late);
}

TEST_CASE("part payments add up to the amount owed", "[obligations]") {
    MiniDeal parts;
    with_fee(parts,
             "  - {date: 2020-01-03, party: alpha, action: pay, attributes: {amount: 40 USD}}\n"
             "  - {date: 2020-01-05, party: alpha, action: pay, attributes: {amount: 60 USD}}\n");
    auto deal = load_ok(parts);
    auto half = only(deal.status(date("2020-01-04")), "pay-fee");
    CHECK(half.state == ObligationState::Pending);
    CHECK(half.paid == "40 USD");
    CHECK(only(deal.status(date("2020-01-05")), "pay-fee").state == ObligationState::Fulfilled);
}

TEST_CASE("a power exercised before it opens is refused with a warning", "[obligations]") {
    const std::string powers = R"(powers:
  - id: pause
    title: Beta may pause its side while the fee is late
    quote: If the fee is late, Beta may suspend.
    cite: "2"
    tag: official
    party: beta
    action: suspend
    opened_by: {violated: pay-fee}
    effect: suspend
    obligations: [pay-fee]
)";
    MiniDeal early;
    with_fee(early, "  - {date: 2020-01-05, party: beta, action: suspend}\n", powers);
    auto loaded = early.load();
    REQUIRE(loaded.deal);
    bool warned = false;
    for (const auto& d : loaded.diagnostics.items())
        warned = warned ||
                 (d.severity == Severity::Warning &&
                  d.message.find("exercises power `pause`, which is dormant") != std::string::npos);
    CHECK(warned);
    // Nothing was suspended: the fee falls due as written.
    CHECK(only(loaded.deal->status(date("2020-01-12")), "pay-fee").state ==
          ObligationState::Violated);
    auto opened = loaded.deal->status(date("2020-01-12")).powers.front();
    CHECK(opened.state == PowerState::Open);
}

TEST_CASE("a later agreement that terminates an obligation discharges what is pending",
          "[obligations]") {
    MiniDeal d;
    with_fee(d, "");
    d.edit("agreements/first.yaml", "trigger: effective\n    deadline: trigger + 10d",
           "trigger: effective\n    deadline: 2026-01-01");
    d.file("agreements/second.yaml", "agreement: second\nterminates: [pay-fee]\n");
    auto deal = load_ok(d);
    CHECK(only(deal.status(date("2024-12-31")), "pay-fee").state == ObligationState::Pending);
    auto ended = only(deal.status(date("2025-01-01")), "pay-fee");
    CHECK(ended.state == ObligationState::Discharged);
    CHECK(ended.steps.back().text.find("agreement `second`") != std::string::npos);
}
