// Evaluation properties that a table of cases (tests/cases/) cannot state: a
// timeline checked day by day, inherited bounds under `amends`, exact numbers at a
// threshold. The table-shaped cases live in tests/cases/ as data.
#include "support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

using Values = std::map<std::string, std::string>;
using Ids = std::vector<std::string>;

// A host question by alpha: with(attributes).on(date).
struct Ask {
    Question q;
    Ask& on(std::string_view yyyy_mm_dd) {
        q.date = date(yyyy_mm_dd);
        return *this;
    }
};

Ask with(Values attributes) {
    Ask a;
    a.q.party = "alpha";
    a.q.action = "host";
    a.q.attributes = std::move(attributes);
    a.q.date = date("2021-01-01");
    return a;
}

Answer host(const Deal& deal, const Ask& a) {
    return ask(deal, a.q);
}

VerdictKind verdict(const Deal& deal, const Ask& a) {
    return host(deal, a).verdict;
}

} // namespace

TEST_CASE("an inherited bound keeps the `effective` of the agreement that wrote it",
          "[eval][amendments]") {
    MiniDeal mini; // agreements first (2020-01-01) and second (2025-01-01)
    mini.clauses("first", clause("cap", "alpha", "host", "grant",
                                 "when: price > 1M USD\n"
                                 "until: effective + 7y\n"
                                 "consequence:\n"
                                 "  party: beta\n"
                                 "  text: a share of the price\n"
                                 "  until: effective + 8y"));
    mini.clauses("second", "  - id: cap-2025\n"
                           "    amends: cap\n"
                           "    when: price > 5M USD\n");
    Deal deal = load_ok(mini);
    Values high{{"cloud", "aws"}, {"price", "6M USD"}};

    // 2020-01-01 + 7y, as `cap` meant it; not 2025-01-01 + 7y.
    Answer last = host(deal, with(high).on("2027-01-01"));
    CHECK(ids(last.deciding) == Ids{"cap-2025"});
    REQUIRE(last.consequences.size() == 1);
    REQUIRE(last.consequences[0].until.has_value());
    CHECK(format_date(*last.consequences[0].until) == "2028-01-01");
    CHECK(verdict(deal, with(high).on("2027-01-02")) == VerdictKind::NotCovered);
}

TEST_CASE("a timeline follows a condition with the date on both sides, day by day",
          "[eval][timeline]") {
    // `date + 1mo > date + 30d` holds when a month of 31 days follows `date` without
    // clamping: a truth that flips many times a year, with no single threshold.
    MiniDeal mini;
    mini.clauses("first", clause("long-months", "alpha", "host", "forbid",
                                 "when: date + 1mo > date + 30d and date >= 2026-01-01 and date < "
                                 "2027-01-01"));
    Deal deal = load_ok(mini);
    auto t = deal.timeline(with({{"cloud", "aws"}}).q);
    REQUIRE(t.timeline);
    const auto& intervals = t.timeline->intervals;
    CHECK(intervals.size() > 12);
    for (Date d = date("2025-12-01"); d <= date("2027-01-31"); d = Date{d.days + 1}) {
        auto held =
            std::find_if(intervals.rbegin(), intervals.rend(),
                         [&](const TimelineInterval& i) { return !i.from || *i.from <= d; });
        REQUIRE(held != intervals.rend());
        INFO(format_date(d));
        CHECK(held->verdict == verdict(deal, with({{"cloud", "aws"}}).on(format_date(d))));
    }
}

TEST_CASE("a number just below a threshold is below it: numbers are exact", "[eval][number]") {
    MiniDeal mini;
    mini.clauses("first", clause("cap", "alpha", "host", "forbid", "when: seats >= 1e17"));
    Deal deal = load_ok(mini);
    auto seats = [&](const std::string& n) { return verdict(deal, with({{"seats", n}})); };
    CHECK(seats("99999999999999999") == VerdictKind::NotCovered);
    CHECK(seats("99999999999999999.9") == VerdictKind::NotCovered);
    CHECK(seats("100000000000000000") == VerdictKind::Forbidden);
    CHECK(seats("1e17") == VerdictKind::Forbidden);
    CHECK(seats("1.00000000000000001e17") == VerdictKind::Forbidden);
    // The answer names the value exactly.
    Answer a = host(deal, with({{"seats", "99999999999999999"}}));
    CHECK(a.question.attributes.at("seats") == "99999999999999999");
}

TEST_CASE("NOT-COVERED says whose default applies: the action's own or the deal's",
          "[eval][default]") {
    MiniDeal mini;
    Deal deal = load_ok(mini);
    auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };

    Question use;
    use.party = "alpha";
    use.action = "use_ip"; // its own `default: forbidden`; the deal's is permitted
    use.date = date("2021-06-01");
    Answer own = ask(deal, use);
    CHECK(own.verdict == VerdictKind::NotCovered);
    CHECK(own.default_verdict == VerdictKind::Forbidden);
    CHECK(own.default_is_actions);
    CHECK(first_line(render_text(own, {})) ==
          "NOT-COVERED (no clause speaks to it; the action's own default: forbidden)");

    Question host;
    host.party = "alpha";
    host.action = "host";
    host.attributes = {{"cloud", "aws"}};
    host.date = date("2021-06-01");
    Answer deals = ask(deal, host);
    CHECK(deals.verdict == VerdictKind::NotCovered);
    CHECK(deals.default_verdict == VerdictKind::Permitted);
    CHECK_FALSE(deals.default_is_actions);
    CHECK(first_line(render_text(deals, {})) ==
          "NOT-COVERED (no clause speaks to it; the deal's default: permitted)");
}
