// A deal's history (issue 14): events beside the agreements, what a fact's events do to
// answers and timelines, `--history` and `--no-history`, and located errors.
#include "json.hpp"
#include "process.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck::e2e;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

// tests/e2e/history_deal: Acme may not buy for more than 1B USD unless Globex's board
// approves. `approved` is recorded false through 2021-03-31; the history says the board
// approved on 2021-06-01.
const std::string deal = (fs::path(DEALCHECK_TEST_DATA) / "e2e" / "history_deal").string();

Run ask(const std::string& date, std::vector<std::string> flags = {}) {
    std::vector<std::string> args = {"ask", "--rules", deal};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back("Acme buys Initech for 2B USD on " + date);
    return cli(args);
}

} // namespace

TEST_CASE("a fact's events decide from their date on, and the answer names the event",
          "[e2e][history]") {
    // Before the event: what the rules record (false), then nothing known, then the event.
    CHECK(ask("2021-03-01").first_line() == "FORBIDDEN");
    CHECK(ask("2021-05-01").first_line() == "DEPENDS on approved");
    Run after = ask("2021-06-01");
    CHECK(after.first_line() == "NOT-COVERED (no clause speaks to it; the deal's default: "
                                "permitted)");
    CHECK_THAT(after.out, Contains("approved = true (since 2021-06-01: Globex's board approves "
                                   "large acquisitions ("));
    CHECK_THAT(after.out, Contains("history.yaml:9)"));

    Json json = Json::parse(
        cli({"ask", "--json", "--rules", deal, "Acme buys Initech for 2B USD on 2021-07-01"}).out);
    const auto& assumed = json["assumed"].items();
    REQUIRE(assumed.size() == 1);
    CHECK(assumed[0]["known_through"].is_null());
    CHECK_THAT(assumed[0]["event"].string(), Contains("2021-06-01: Globex's board approves"));
    // A fact the question gives still wins over the history.
    CHECK(ask("2021-07-01", {"--fact", "approved=false"}).first_line() == "FORBIDDEN");
}

TEST_CASE("the timeline changes on an event's date and says which event", "[e2e][history]") {
    Run t = cli({"timeline", "--rules", deal, "Acme buys Initech for 2B USD"});
    CHECK(t.exit_code == 0);
    CHECK_THAT(t.out, Contains("  2021-06-01 .. 2022-04-30  NOT-COVERED"));
    CHECK_THAT(t.out, Contains("from 2021-06-01: the history: 2021-06-01: Globex's board "
                               "approves large acquisitions"));
}

TEST_CASE("a cap sums the history's events in its window and the action asked",
          "[e2e][history][aggregate]") {
    Run forbidden = cli({"ask", "--rules", deal, "Acme buys Initech for 2.6B USD on 2021-06-14"});
    CHECK(forbidden.first_line() == "FORBIDDEN");
    CHECK_THAT(forbidden.out,
               Contains("sum(acquire.price by acme, within 1y) = 3.1B USD  (yearly-cap, "));
    CHECK_THAT(forbidden.out, Contains("    2.6B USD  this action (the one asked about)\n"
                                       "    500M USD  2020-06-15: Acme buys Hooli ("));
    // A day later the Hooli purchase has left the twelve months.
    CHECK(cli({"ask", "--rules", deal, "Acme buys Initech for 2.6B USD on 2021-06-15"})
              .first_line()
              .starts_with("NOT-COVERED"));

    Json json = Json::parse(
        cli({"ask", "--json", "--rules", deal, "Acme buys Initech for 100M USD on 2022-07-01"})
            .out);
    CHECK(json["verdict"].string() == "forbidden");
    const auto& history = json["history"].items();
    REQUIRE(history.size() == 1);
    CHECK(history[0]["clause"].string() == "two-a-year");
    CHECK(history[0]["expression"].string() == "count(acquire by acme, during year)");
    CHECK(history[0]["total"].string() == "3");
    CHECK(history[0]["events"].number() == 2);
    REQUIRE(history[0]["counted"].items().size() == 3);
    CHECK_THAT(history[0]["counted"].items()[1]["event"].string(),
               Contains("2022-05-01: Acme buys Hooli's search unit"));

    // As if Acme had not bought in 2022: the third purchase is the first.
    CHECK(cli({"ask", "--no-history", "--rules", deal,
               "Acme buys Initech for 100M USD on 2022-07-01"})
              .first_line()
              .starts_with("NOT-COVERED"));
}

TEST_CASE(
    "events added with --history happen as if they had, and --no-history leaves the deal's out",
    "[e2e][history]") {
    TempDir dir;
    auto revoked = dir.path() / "revoked.yaml";
    write_file(revoked, "events:\n"
                        "  - date: 2021-07-01\n"
                        "    title: the board withdraws its approval\n"
                        "    fact: approved\n"
                        "    value: false\n");
    CHECK(ask("2021-07-15").first_line().starts_with("NOT-COVERED"));
    CHECK(ask("2021-07-15", {"--history", revoked.string()}).first_line() == "FORBIDDEN");
    CHECK(
        ask("2021-06-15", {"--history", revoked.string()}).first_line().starts_with("NOT-COVERED"));
    CHECK(ask("2021-07-15", {"--no-history"}).first_line() == "DEPENDS on approved");
    // Both: the given history replaces the deal's.
    CHECK(ask("2021-06-15", {"--no-history", "--history", revoked.string()}).first_line() ==
          "DEPENDS on approved");
    // The flag goes before the question as well as after it.
    Run last = cli({"ask", "--rules", deal, "Acme buys Initech for 2B USD on 2021-07-15",
                    "--history", revoked.string()});
    CHECK(last.first_line() == "FORBIDDEN");
}

TEST_CASE("a bad history is a located error and nothing is answered", "[e2e][history]") {
    TempDir dir;
    auto bad = dir.path() / "bad.yaml";
    write_file(bad, "events:\n"
                    "  - date: 2021-07-01\n"
                    "    party: acme\n"
                    "    action: acquire\n"
                    "    attributes: {target: initech, price: 2B EUR}\n");
    Run run = ask("2021-07-15", {"--history", bad.string()});
    CHECK(run.exit_code == 3);
    CHECK(run.out.empty());
    CHECK_THAT(run.err,
               Contains("bad.yaml:5:42: error[DC2015]: `2B EUR` is in EUR, but it must be in "
                        "USD (attribute `price` is money<USD>)"));
    run = ask("2021-07-15", {"--history", (dir.path() / "missing.yaml").string()});
    CHECK(run.exit_code == 3);
    CHECK_THAT(run.err, Contains("missing.yaml"));
}

TEST_CASE("ask --why-not names the events that used up a cap, and the total against the limit",
          "[e2e][history][aggregate]") {
    // tests/cases/caps: Acme may invest while its investments over the term, this one
    // included, stay within 500M USD; its history has twelve of 40M USD.
    const std::string caps = (fs::path(DEALCHECK_TEST_DATA) / "cases" / "caps").string();
    const std::string over = "Acme invests 30M USD on 2026-12-10";
    Run text = cli({"ask", "--why-not", "--rules", caps, over});
    CHECK(text.first_line().starts_with("NOT-COVERED"));
    CHECK_THAT(text.out,
               Contains("      counted: sum(invest.amount by acme, during term) = 510M USD\n"
                        "        30M USD  this action (the one asked about)\n"
                        "        40M USD  2026-12-05: Acme's investment no. 12 ("));
    // The latest ten events, then how many earlier ones.
    CHECK_THAT(text.out, Contains("2026-03-05: Acme's investment no. 3 ("));
    CHECK_THAT(text.out, !Contains("2026-02-05: Acme's investment no. 2 ("));
    CHECK_THAT(text.out, Contains("        ... and 2 earlier events\n"
                                  "        against the limit: 510M USD <= 500M USD is false\n"));

    // JSON: the clause's explanation lists every event counted, located.
    Json json = Json::parse(cli({"ask", "--json", "--why-not", "--rules", caps, over}).out);
    const Json* cap = nullptr;
    for (const auto& t : json["explanation"]["clauses"].items())
        if (t["clause"]["id"].string() == "investment-cap") cap = &t;
    REQUIRE(cap);
    CHECK(cap->operator[]("status").string() == "condition false");
    const auto& history = (*cap)["history"].items();
    REQUIRE(history.size() == 1);
    CHECK(history[0]["total"].string() == "510M USD");
    CHECK(history[0]["events"].number() == 12);
    const auto& counted = history[0]["counted"].items();
    REQUIRE(counted.size() == 13);
    CHECK_FALSE(counted[0].has("file"));
    CHECK(counted[12]["event"].string().starts_with("2026-01-05: Acme's investment no. 1 ("));
    CHECK_THAT(counted[12]["file"].string(), Contains("history.yaml"));
    CHECK(counted[12]["line"].number() == 3);
    const auto& limit = history[0]["limit"];
    CHECK(limit["value"].string() == "510M USD");
    CHECK(limit["op"].string() == "<=");
    CHECK(limit["limit"].string() == "500M USD");
    CHECK(limit["holds"].string() == "false");

    // Two a calendar year: the third names the two before it.
    Run third = cli({"ask", "--why-not", "--rules", caps, "Acme buys Umbrella on 2026-09-01"});
    CHECK_THAT(third.out, Contains("        1  2026-08-20: Acme buys Hooli ("));
    CHECK_THAT(third.out, Contains("        1  2026-03-10: Acme buys Initech ("));
    CHECK_THAT(third.out, Contains("        against the limit: 3 <= 2 is false\n"));
}
