// Expressions in rule files: type errors located at the exact column inside the YAML
// scalar, unknown names with "did you mean", and what `in`, date arithmetic and
// min/max evaluate to, through real small deals.
#include "support.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

// The errors of the minimal deal whose clause `base` has the extra keys `extra`
// (written from line 11 of agreements/first.yaml).
Diagnostics errors_with(MiniDeal& deal, const std::string& extra) {
    deal.clauses("first", clause("base", "alpha", "host", "permit", extra));
    return load_errors(deal);
}

Diagnostic only_error(MiniDeal& deal, const std::string& extra) {
    Diagnostics diags = errors_with(deal, extra);
    INFO(summary(diags));
    REQUIRE(diags.items().size() == 1);
    return diags.items()[0];
}

void check_at(const Diagnostic& d, int line, int column) {
    INFO(d.where.line << ":" << d.where.column << ": " << d.message);
    CHECK(d.where.line == line);
    CHECK(d.where.column == column);
}

// Whether `when` holds for a host question with these attributes, read from the
// verdict of a deal whose only clause permits when it holds: PERMITTED is true,
// NOT-COVERED false, DEPENDS unknown.
Tri holds(const std::string& when, std::map<std::string, std::string> attributes = {},
          std::map<std::string, std::string> facts = {}) {
    MiniDeal deal;
    deal.clauses("first", clause("base", "alpha", "host", "permit", "when: " + when));
    Deal loaded = load_ok(deal);
    Question q;
    q.party = "alpha";
    q.action = "host";
    q.attributes = std::move(attributes);
    q.facts = std::move(facts);
    q.date = date("2021-01-01");
    Answer a = ask(loaded, q);
    switch (a.verdict) {
    case VerdictKind::Permitted:
        return Tri::True;
    case VerdictKind::NotCovered:
        return Tri::False;
    case VerdictKind::Depends:
        return Tri::Unknown;
    default:
        FAIL("unexpected verdict " << to_string(a.verdict));
        return Tri::Unknown;
    }
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i)
        out += piece;
    return out;
}

} // namespace

TEST_CASE("a type error points at the comparison inside a plain scalar", "[expr][type]") {
    MiniDeal deal;
    Diagnostic d = only_error(deal, "when: cloud == 3B USD");
    CHECK(d.where.file == deal.path_of("agreements/first.yaml"));
    check_at(d, 11, 11);
    CHECK(d.message == "cannot compare `cloud` (cloud) with `3B USD` (money<USD>)");
    CHECK(d.span == 15);
    CHECK(d.source_line == "    when: cloud == 3B USD");
}

TEST_CASE("a type error points at the comparison inside a quoted scalar", "[expr][type]") {
    MiniDeal deal;
    SECTION("double-quoted") {
        check_at(only_error(deal, "when: \"approved and cloud == 3B USD\""), 11, 25);
    }
    SECTION("single-quoted") {
        check_at(only_error(deal, "when: 'approved and cloud == 3B USD'"), 11, 25);
    }
    SECTION("after escaped quotes, which take two characters in the file") {
        Diagnostic d =
            only_error(deal, R"(when: "cloud in [aws] and \"a\" != \"b\" and seats == start")");
        check_at(d, 11, 50);
        CHECK(d.message == "cannot compare `seats` (number) with `start` (date)");
    }
}

TEST_CASE("a type error in a scalar over several lines points at its own line", "[expr][type]") {
    MiniDeal deal;
    SECTION("a folded block scalar") {
        Diagnostic d = only_error(deal, "when: >-\n"
                                        "  approved and\n"
                                        "  seats < start");
        check_at(d, 13, 7);
        CHECK(d.message == "cannot compare `seats` (number) with `start` (date)");
        CHECK(d.source_line == "      seats < start");
    }
    SECTION("a plain scalar continued on the next line") {
        Diagnostic d = only_error(deal, "when: approved and\n"
                                        "  seats < start");
        check_at(d, 12, 7);
        CHECK(d.source_line == "      seats < start");
    }
}

TEST_CASE("a condition must be a bool", "[expr][type]") {
    MiniDeal deal;
    Diagnostic d = only_error(deal, "when: price");
    check_at(d, 11, 11);
    CHECK(d.message == "the condition of clause `base` must be bool, but `price` is money<USD>");
}

TEST_CASE("`and`, `or` and `not` take bools", "[expr][type]") {
    MiniDeal deal;
    Diagnostic d = only_error(deal, "when: approved and seats");
    check_at(d, 11, 24);
    CHECK(d.message == "each side of `and` must be bool, but `seats` is number");
}

TEST_CASE("enum values have no order", "[expr][type]") {
    MiniDeal deal;
    Diagnostic d = only_error(deal, "when: cloud < aws");
    check_at(d, 11, 11);
    CHECK(d.hint == "enum values have no order; use `==` or `in`");
}

TEST_CASE("a condition may use only its actions' attributes", "[expr][scope]") {
    MiniDeal deal;
    deal.clauses("first", clause("base", "alpha", "use_ip", "permit", "when: cloud == aws"));
    Diagnostics diags = load_errors(deal);
    REQUIRE(diags.items().size() == 1);
    check_at(diags.items()[0], 11, 11);
    CHECK(diags.items()[0].message == "action `use_ip` has no attribute `cloud`");
}

TEST_CASE("unknown names are located, each with the nearest known name", "[expr][names]") {
    MiniDeal deal;
    SECTION("attributes and facts") {
        Diagnostics diags = errors_with(deal, "when: clod == aws or aproved");
        INFO(summary(diags));
        REQUIRE(diags.items().size() == 2);
        check_at(diags.items()[0], 11, 11);
        CHECK(diags.items()[0].message == "unknown name `clod`");
        CHECK(diags.items()[0].hint == "did you mean `cloud`?");
        CHECK(diags.items()[0].span == 4);
        check_at(diags.items()[1], 11, 26);
        CHECK(diags.items()[1].message == "unknown name `aproved`");
        CHECK(diags.items()[1].hint == "did you mean `approved`?");
    }
    SECTION("a value of a named enum") {
        Diagnostic d = only_error(deal, "when: cloud == cloud.asw");
        check_at(d, 11, 20);
        CHECK(d.message == "enum `cloud` has no value `asw`");
        CHECK(d.hint == "did you mean `aws`?");
    }
    SECTION("a function") {
        Diagnostic d = only_error(deal, "when: mx(start, 2030-01-01) > start");
        check_at(d, 11, 11);
        CHECK(d.message == "unknown function `mx` in the condition of clause `base`");
        CHECK(d.span == 2);
        CHECK(d.hint == "the functions are `min`, `max`, `sum` and `count`");
    }
}

TEST_CASE("a syntax error in a condition is located with its hint", "[expr][syntax]") {
    MiniDeal deal;
    Diagnostic d = only_error(deal, "when: cloud = aws");
    check_at(d, 11, 17);
    CHECK(d.message == "expected end of expression in the condition of clause `base`");
    CHECK(d.hint == "use `==` to compare");
}

TEST_CASE("an error inside a definition points into the vocabulary", "[expr][definitions]") {
    MiniDeal deal;
    deal.file("vocabulary.yaml", "enums:\n"
                                 "  cloud: [azure, aws]\n"
                                 "actions:\n"
                                 "  host:\n"
                                 "    verbs: [hosts]\n"
                                 "    attributes: {cloud: cloud, seats: number}\n"
                                 "definitions:\n"
                                 "  big: \"seats > 3B USD\"\n");
    Diagnostic d = only_error(deal, "when: big");
    CHECK(d.where.file == deal.path_of("vocabulary.yaml"));
    check_at(d, 8, 9);
    CHECK(d.message == "cannot compare `seats` (number) with `3B USD` (money<USD>)");
}

TEST_CASE("`in` tests membership of a list or a set", "[expr][in]") {
    SECTION("a list of enum values") {
        CHECK(holds("cloud in [aws, gcp]", {{"cloud", "aws"}}) == Tri::True);
        CHECK(holds("cloud in [aws, gcp]", {{"cloud", "azure"}}) == Tri::False);
        CHECK(holds("cloud not in [aws, gcp]", {{"cloud", "azure"}}) == Tri::True);
        CHECK(holds("cloud not in [aws, gcp]", {{"cloud", "gcp"}}) == Tri::False);
        CHECK(holds("cloud in [aws, gcp]") == Tri::Unknown);
    }
    SECTION("a list of numbers") {
        CHECK(holds("seats in [1, 2, 3]", {{"seats", "2"}}) == Tri::True);
        CHECK(holds("seats in [1, 2, 3]", {{"seats", "4"}}) == Tri::False);
    }
    SECTION("a set attribute") {
        CHECK(holds("aws in regions", {{"regions", "aws, gcp"}}) == Tri::True);
        CHECK(holds("azure in regions", {{"regions", "aws, gcp"}}) == Tri::False);
        CHECK(holds("azure not in regions", {{"regions", "aws, gcp"}}) == Tri::True);
        CHECK(holds("cloud in regions", {{"cloud", "gcp"}, {"regions", "gcp"}}) == Tri::True);
        CHECK(holds("cloud in regions", {{"cloud", "gcp"}}) == Tri::Unknown);
    }
}

TEST_CASE("`in` is type-checked", "[expr][in][type]") {
    MiniDeal deal;
    SECTION("a list item of another type") {
        Diagnostic d = only_error(deal, "when: cloud in [aws, 3]");
        check_at(d, 11, 26);
        CHECK(d.message == "`3` (number) cannot be compared with `cloud` (cloud)");
    }
    SECTION("a right side that is neither list nor set") {
        Diagnostic d = only_error(deal, "when: cloud in seats");
        check_at(d, 11, 20);
        CHECK(d.message == "the right of `in` must be a list or a set, but `seats` is number");
    }
    SECTION("a set of another enum") {
        Diagnostic d = only_error(deal, "when: seats in regions");
        check_at(d, 11, 11);
        CHECK(d.message == "`seats` (number) cannot be in `regions` (set<cloud>)");
    }
}

TEST_CASE("a date plus or minus a duration is a date", "[expr][dates]") {
    CHECK(holds("start + term > 2030-01-01", {{"start", "2025-06-01"}, {"term", "5y"}}) ==
          Tri::True);
    CHECK(holds("start + term > 2030-01-01", {{"start", "2025-06-01"}, {"term", "4y"}}) ==
          Tri::False);
    CHECK(holds("start + 18mo == 2021-07-01", {{"start", "2020-01-01"}}) == Tri::True);
    CHECK(holds("start - 30d == 2019-12-02", {{"start", "2020-01-01"}}) == Tri::True);
    // Months first, clamped to the month's end.
    CHECK(holds("start + 1mo == 2020-02-29", {{"start", "2020-01-31"}}) == Tri::True);
    CHECK(holds("start + term > 2030-01-01", {{"start", "2025-06-01"}}) == Tri::Unknown);
}

TEST_CASE("date arithmetic is type-checked", "[expr][dates][type]") {
    MiniDeal deal;
    SECTION("the duration first") {
        Diagnostic d = only_error(deal, "when: term + start > 2030-01-01");
        check_at(d, 11, 11);
        CHECK(d.message == "cannot compute `term` (duration) + `start` (date)");
        CHECK(d.hint == "write the date first: `date + 7y`");
    }
    SECTION("two dates") {
        Diagnostic d = only_error(deal, "when: start + start > 2030-01-01");
        CHECK(d.hint == "dates cannot be added or subtracted; compare them instead");
    }
}

TEST_CASE("min and max pick the least and the greatest", "[expr][minmax]") {
    CHECK(holds("min(start, 2030-12-31) == 2025-01-01", {{"start", "2025-01-01"}}) == Tri::True);
    CHECK(holds("min(start, 2030-12-31) == 2030-12-31", {{"start", "2031-01-01"}}) == Tri::True);
    CHECK(holds("max(price, 5M USD) == 5M USD", {{"price", "3M USD"}}) == Tri::True);
    CHECK(holds("max(price, 5M USD) == 7M USD", {{"price", "7M USD"}}) == Tri::True);
    CHECK(holds("max(seats, 2, 9) == 9", {{"seats", "4"}}) == Tri::True);
    CHECK(holds("min(start, 2030-12-31) < 2040-01-01") == Tri::Unknown);
}

TEST_CASE("min and max are type-checked", "[expr][minmax][type]") {
    MiniDeal deal;
    SECTION("arguments of two types") {
        Diagnostic d = only_error(deal, "when: min(start, 3) < start");
        check_at(d, 11, 22);
        CHECK(d.message == "`min` arguments must have one type: `3` is number, not date");
    }
    SECTION("arguments with no order") {
        Diagnostic d = only_error(deal, "when: max(cloud) == aws");
        check_at(d, 11, 15);
        CHECK(d.message == "`max` needs numbers, money or dates; `cloud` is cloud");
    }
}

TEST_CASE("money compares by amount within a currency", "[expr][money]") {
    CHECK(holds("price >= 3B USD", {{"price", "3B USD"}}) == Tri::True);
    CHECK(holds("price >= 3B USD", {{"price", "2999M USD"}}) == Tri::False);
    CHECK(holds("price < 1M USD", {{"price", "250000 USD"}}) == Tri::True);
}

TEST_CASE("numbers add, subtract and compare exactly", "[expr][number]") {
    CHECK(holds("seats - 99999999999999999 == 1", {{"seats", "1e17"}}) == Tri::True);
    CHECK(holds("seats + 0.1 == 0.3", {{"seats", "0.2"}}) == Tri::True);
    CHECK(holds("seats == 2.50", {{"seats", "2.5"}}) == Tri::True);
    CHECK(holds("seats > 99999999999999999", {{"seats", "1e17"}}) == Tri::True);
    CHECK(holds("seats < 3.5e24", {{"seats", "3.4999999999999999e24"}}) == Tri::True);
    CHECK(holds("max(seats, 1e26) == 1e26", {{"seats", "99999999999999999e9"}}) == Tri::True);
    CHECK(holds("seats in [1e3, 2e3]", {{"seats", "2000"}}) == Tri::True);
    // Far apart and below zero (a difference).
    CHECK(holds("seats > 1e-30", {{"seats", "1e30"}}) == Tri::True);
    CHECK(holds("seats - 10 < 0", {{"seats", "5"}}) == Tri::True);
    CHECK(holds("seats - 1e20 < seats - 1e19", {{"seats", "0"}}) == Tri::True);
    CHECK(holds("seats - 1e30 < seats - 1e3", {{"seats", "0"}}) == Tri::True);
    CHECK(holds("seats - 1e3 < seats - 1e30", {{"seats", "0"}}) == Tri::False);
    // A result with more digits than a number holds is unknown, never rounded.
    CHECK(holds("seats + 1 > 5", {{"seats", "1e26"}}) == Tri::Unknown);
}

TEST_CASE("100,000 nested parentheses are an error, not a crash", "[expr][limits]") {
    MiniDeal deal;
    std::string deep = repeat("(", 100000) + "approved" + repeat(")", 100000);
    Diagnostic d = only_error(deal, "when: " + deep);
    check_at(d, 11, 75); // the 65th parenthesis
    CHECK(d.message == "expression nests deeper than 64 levels in the condition of clause `base`");
}

TEST_CASE("a 100,000-character condition is an error, not a crash", "[expr][limits]") {
    MiniDeal deal;
    Diagnostic d = only_error(deal, "when: " + repeat("not ", 25000) + "approved");
    CHECK(d.message == "expression is longer than 4096 bytes in the condition of clause `base`");
}

TEST_CASE("64 nested parentheses are fine", "[expr][limits]") {
    CHECK(holds(repeat("(", 64) + "cloud == aws" + repeat(")", 64), {{"cloud", "aws"}}) ==
          Tri::True);
}

TEST_CASE("`date` is the question's date", "[expr][dates]") {
    MiniDeal deal;
    deal.clauses("first", clause("base", "alpha", "host", "permit", "when: date >= 2021-06-01"));
    Deal loaded = load_ok(deal);
    Question q;
    q.party = "alpha";
    q.action = "host";
    q.date = date("2021-05-31");
    CHECK(ask(loaded, q).verdict == VerdictKind::NotCovered);
    q.date = date("2021-06-01");
    CHECK(ask(loaded, q).verdict == VerdictKind::Permitted);
}

TEST_CASE("money scales by numbers and percentages, exactly", "[expr][arith]") {
    CHECK(holds("price * (1 + 2%) == 102M USD", {{"price", "100M USD"}}) == Tri::True);
    CHECK(holds("price / 4 == 250K USD", {{"price", "1M USD"}}) == Tri::True);
    CHECK(holds("2 * price > 5M USD", {{"price", "3M USD"}}) == Tri::True);
    CHECK(holds("price / 2M USD == 1.5", {{"price", "3M USD"}}) == Tri::True);
    CHECK(holds("seats * 3 / 4 == 7.5", {{"seats", "10"}}) == Tri::True);
    // Never rounded: a third of a number, a fraction of a cent, division by zero are
    // not values, so the condition hinges on nothing it can know.
    CHECK(holds("seats / 3 > 0", {{"seats", "10"}}) == Tri::Unknown);
    CHECK(holds("price * 0.1% > 0 USD", {{"price", "0.01 USD"}}) == Tri::Unknown);
    CHECK(holds("seats / 0 > 0", {{"seats", "10"}}) == Tri::Unknown);
}

TEST_CASE("`*` and `/` are type-checked", "[expr][arith][type]") {
    MiniDeal deal;
    SECTION("money times money") {
        Diagnostic d = only_error(deal, "when: price * price > 1 USD");
        check_at(d, 11, 11);
        CHECK(d.message == "cannot compute `price` (money<USD>) * `price` (money<USD>)");
        CHECK(d.hint == "multiply money by a number or a percentage, as in `price * 2%`");
    }
    SECTION("a number over money") {
        Diagnostic d = only_error(deal, "when: 2 / price > 1");
        CHECK(d.hint == "a number cannot be divided by money; divide the money instead");
    }
    SECTION("dates") {
        Diagnostic d = only_error(deal, "when: start * 2 > start");
        CHECK(d.message == "cannot compute `start` (date) * `2` (number)");
    }
}

TEST_CASE("sums and counts are checked against the vocabulary", "[expr][aggregate][type]") {
    MiniDeal deal;
    SECTION("an unknown action") {
        Diagnostic d = only_error(deal, "when: count(hsot) > 1");
        check_at(d, 11, 17);
        CHECK(d.message == "unknown action `hsot`");
        CHECK(d.hint == "did you mean `host`?");
    }
    SECTION("a sum without an attribute") {
        Diagnostic d = only_error(deal, "when: sum(host) > 1M USD");
        CHECK(d.message == "`sum` needs the attribute to add up");
    }
    SECTION("a sum of something that does not add") {
        Diagnostic d = only_error(deal, "when: sum(host.cloud) > 1");
        CHECK(d.message == "`sum` adds numbers or money, but `host.cloud` is cloud");
    }
    SECTION("the sum has the attribute's type") {
        Diagnostic d = only_error(deal, "when: sum(host.price) > 3");
        CHECK(d.message == "cannot compare `sum(host.price)` (money<USD>) with `3` (number)");
    }
    SECTION("`where` reads the event, not facts") {
        Diagnostic d = only_error(deal, "when: count(host where approved) > 1");
        check_at(d, 11, 28);
        CHECK(d.message == "fact `approved` cannot be used here");
        CHECK(d.hint == "a `where` condition reads only the attributes of the event");
    }
    SECTION("an unknown party after `by`") {
        Diagnostic d = only_error(deal, "when: count(host by alpah) > 1");
        CHECK(d.message == "unknown party `alpah`");
    }
    SECTION("an unknown window") {
        Diagnostic d = only_error(deal, "when: count(host, during decade) > 1");
        CHECK(d.message == "unknown window `decade`");
    }
    SECTION("not in a window bound") {
        Diagnostic d = only_error(deal, "until: 2030-01-01 + sum(host.seats)");
        CHECK(d.message == "`sum` cannot be used here");
    }
}

TEST_CASE("with no history, a sum or count is the action asked alone", "[expr][aggregate]") {
    CHECK(holds("sum(host.price) == 3M USD", {{"price", "3M USD"}}) == Tri::True);
    CHECK(holds("count(host) == 1") == Tri::True);
    CHECK(holds("count(host where cloud == aws) == 1", {{"cloud", "azure"}}) == Tri::False);
    CHECK(holds("count(host where cloud == aws) == 1") == Tri::Unknown);
    CHECK(holds("count(host by beta) == 0") == Tri::True);
    CHECK(holds("count(use_ip) == 0") == Tri::True);
}

TEST_CASE("a percentage compared with an attribute in percentage points is an error",
          "[expr][arith][type]") {
    MiniDeal deal;
    deal.edit("vocabulary.yaml", "seats: {type: number}", "seats: {type: number, units: [\"%\"]}");
    Diagnostic d = only_error(deal, "when: seats >= 20%");
    check_at(d, 11, 20);
    CHECK(d.message == "`seats` holds percentage points (a question's 20% is 20), but `20%` is a "
                       "fraction");
    CHECK(d.hint == "compare with `20`");
}
