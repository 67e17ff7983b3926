// Answers that explain themselves: why not, the full explanation, what would change
// the verdict (each what-if re-asked to prove the flip), and readings.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

const Deal& bundled() {
    static const Deal deal = [] {
        auto loaded = Deal::load(std::string(DEALCHECK_RULES_DIR) + "/microsoft-openai");
        if (!loaded.deal) throw std::runtime_error(render(loaded.diagnostics));
        return *loaded.deal;
    }();
    return deal;
}

Answer explained(const Deal& deal, std::string_view phrase) {
    auto q = deal.parse_phrase(phrase);
    REQUIRE(q.question);
    AskOptions options;
    options.explain = true;
    options.what_if = true;
    auto a = deal.ask(*q.question, Date{}, options);
    REQUIRE(a.answer);
    return *a.answer;
}

const ClauseTrace& trace(const Answer& a, const std::string& id) {
    REQUIRE(a.explanation);
    for (const auto& t : a.explanation->clauses)
        if (t.clause.id == id) return t;
    FAIL("no trace for clause " << id);
    throw std::logic_error("unreachable");
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

TEST_CASE("why not: the first failing part of a condition, with the values it saw, located") {
    auto a = explained(
        bundled(), "OpenAI serves stateless API to enterprise customers on Azure on 2026-01-15");
    REQUIRE(a.verdict == VerdictKind::Permitted);
    const auto& t = trace(a, "api-exclusivity-2025-10");
    CHECK(t.status == ClauseTrace::Status::ConditionFalse);
    REQUIRE(t.failed);
    // The condition is the definition `off_azure`; the failure is inside it.
    CHECK(t.failed->text == "cloud != azure");
    CHECK(t.failed->value == "false");
    CHECK(ends_with(t.failed->where.file, "vocabulary.yaml"));
    REQUIRE_FALSE(t.failed->children.empty());
    CHECK(t.failed->children[0].text == "cloud");
    CHECK(t.failed->children[0].value == "azure");
    CHECK(render_why_not(a).find("api-exclusivity-2025-10 [forbid]") != std::string::npos);
}

TEST_CASE("why not: clauses out of force say which agreement displaced them or when they start") {
    auto a = explained(bundled(),
                       "OpenAI serves stateless API to enterprise customers on AWS on 2024-01-01");
    const auto& displaced = trace(a, "exclusive-cloud-2019");
    CHECK(displaced.status == ClauseTrace::Status::Displaced);
    CHECK(displaced.detail.find("third-phase-2023") != std::string::npos);
    const auto& later = trace(a, "api-exclusivity-2025");
    CHECK(later.status == ClauseTrace::Status::NotYetInForce);
    CHECK(later.detail.find("2025-01-21") != std::string::npos);
    // Short by default: clauses not in force are counted, not listed.
    auto why_not = render_why_not(a);
    CHECK(why_not.find("exclusive-cloud-2019") == std::string::npos);
    CHECK(why_not.find("not in force on 2024-01-01") != std::string::npos);
}

TEST_CASE("explain: windows, events and overrides are told apart") {
    auto late = explained(bundled(), "Microsoft uses OpenAI's research IP on 2031-01-01");
    CHECK(trace(late, "research-ip-2026-04").status == ClauseTrace::Status::OutsideWindow);
    // Before 2026-04-27, when the AGI clause was (reportedly) removed.
    auto agi = explained(
        bundled(), "Microsoft uses OpenAI's research IP on 2026-01-15 given agi_verified=true");
    CHECK(trace(agi, "research-ip-2025-10").status == ClauseTrace::Status::EventHappened);
    auto threshold =
        explained(bundled(),
                  "Microsoft pursues AGI with OpenAI IP above the compute threshold on 2026-01-15");
    const auto& pursuit = trace(threshold, "agi-pursuit-2025-10");
    CHECK(pursuit.status == ClauseTrace::Status::Overridden);
    CHECK(pursuit.overridden_by == "agi-compute-threshold-2025-10");
    const auto& cap = trace(threshold, "agi-compute-threshold-2025-10");
    CHECK(cap.status == ClauseTrace::Status::Applies);
    REQUIRE(cap.condition);
    CHECK(cap.condition->kind == "and");
    CHECK(cap.condition->value == "true");
    CHECK_FALSE(threshold.explanation->terms.empty());
}

TEST_CASE("what would change it: every change really flips the verdict when asked") {
    const char* questions[] = {
        "OpenAI buys training capacity from Oracle on 2025-03-01",
        "OpenAI serves stateless API to enterprise customers on AWS on 2026-01-15",
        "OpenAI serves stateless API to enterprise customers on AWS on 2028-06-01",
        "Microsoft uses OpenAI's consumer-hardware designs on 2026-01-15",
        "OpenAI acquires Windsurf for 3B USD on 2025-06-01 withholding its IP from Microsoft",
        "Microsoft attends board meetings on 2024-01-01",
    };
    for (const char* phrase : questions) {
        INFO(phrase);
        auto a = explained(bundled(), phrase);
        CHECK_FALSE(a.what_if.empty());
        for (const auto& w : a.what_if) {
            INFO(w.change);
            auto again = bundled().ask(w.question, Date{});
            REQUIRE(again.answer);
            CHECK(again.answer->verdict == w.verdict);
            CHECK(again.answer->verdict != a.verdict);
        }
    }
}

TEST_CASE("what would change it: consent, date, fact and attribute changes are found") {
    auto rofr = explained(bundled(), "OpenAI buys training capacity from Oracle on 2025-03-01");
    auto has = [](const Answer& a, const std::string& change, VerdictKind v) {
        for (const auto& w : a.what_if)
            if (w.change == change && w.verdict == v) return true;
        return false;
    };
    CHECK(has(rofr, "with consent of microsoft", VerdictKind::Permitted));
    CHECK(has(rofr, "on or after 2025-10-28", VerdictKind::Permitted));
    CHECK(has(rofr, "on or before 2025-01-20", VerdictKind::Forbidden));
    auto exclusivity = explained(
        bundled(), "OpenAI serves stateless API to enterprise customers on AWS on 2026-03-15");
    CHECK(has(exclusivity, "agi_verified = true", VerdictKind::NotCovered));
    CHECK(has(exclusivity, "cloud = azure", VerdictKind::Permitted));
    CHECK(has(exclusivity, "customer = us_national_security", VerdictKind::Permitted));
    CHECK(has(exclusivity, "on or after 2026-04-27", VerdictKind::Permitted));
    auto unknown = explained(bundled(), "OpenAI serves stateless API to enterprise customers on "
                                        "AWS on 2026-03-15 given agi_verified=unknown");
    CHECK(has(unknown, "agi_verified = false", VerdictKind::Forbidden));
}

TEST_CASE("readings: the default reading is used and the other reading's verdict is shown") {
    auto a = explained(bundled(),
                       "OpenAI serves stateless API to enterprise customers on AWS on 2026-06-01");
    CHECK(a.verdict == VerdictKind::Permitted);
    REQUIRE(a.readings.size() == 1);
    CHECK(a.readings[0].value == "exclusivity_ends");
    CHECK(a.readings[0].is_default);
    REQUIRE(a.other_readings.size() == 1);
    CHECK(a.other_readings[0].value == "exclusivity_survives");
    CHECK(a.other_readings[0].verdict == VerdictKind::Forbidden);

    auto q = bundled().parse_phrase(
        "OpenAI serves stateless API to enterprise customers on AWS on 2026-06-01");
    REQUIRE(q.question);
    q.question->readings.push_back("exclusivity_survives");
    auto chosen = bundled().ask(*q.question, Date{});
    REQUIRE(chosen.answer);
    CHECK(chosen.answer->verdict == VerdictKind::Forbidden);
    REQUIRE(chosen.answer->readings.size() == 1);
    CHECK_FALSE(chosen.answer->readings[0].is_default);

    q.question->readings = {"exclusivity_lasts_forever"};
    auto unknown = bundled().ask(*q.question, Date{});
    CHECK_FALSE(unknown.answer);
    CHECK(render(unknown.diagnostics).find("unknown reading") != std::string::npos);
}

TEST_CASE("readings are named only when they matter to the answer") {
    auto a = explained(bundled(),
                       "OpenAI serves stateless API to enterprise customers on AWS on 2026-01-15");
    CHECK(a.readings.empty());
    CHECK(a.other_readings.empty());
}

TEST_CASE("depends: several unknown facts at once give per-value outcomes and grouped cases") {
    MiniDeal deal;
    deal.clauses("first",
                 clause("guarded", "alpha", "[host]", "forbid", "when: approved and launched"));
    auto d = load_ok(deal);
    Question q;
    q.party = "alpha";
    q.action = "host";
    q.date = parse_date("2021-01-01");
    q.facts = {{"approved", "unknown"}, {"launched", "unknown"}};
    auto a = ask(d, q);
    CHECK(a.verdict == VerdictKind::Depends);
    REQUIRE(a.depends_on.size() == 2);
    for (const auto& dep : a.depends_on)
        for (const auto& o : dep.outcomes)
            CHECK(o.verdict ==
                  (o.value == "false" ? VerdictKind::NotCovered : VerdictKind::Depends));
    // Forbidden when both are true; not covered when either is false.
    REQUIRE(a.outcomes.size() == 2);
    CHECK(a.outcomes[0].cases.size() + a.outcomes[1].cases.size() == 3);
}
