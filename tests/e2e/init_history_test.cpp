// A deal made by `dealcheck init` gains what issue 14 added, as a user would add it: an
// action with an amount, a yearly cap over the history, an obligation with a deadline
// and a history file in init's layout (its schema modeline included). Answers, status,
// what-ifs and regression tests then work on it as on the bundled deals.
#include "process.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck::e2e;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

class InitDealWithHistory {
  public:
    InitDealWithHistory() : dir_(tmp_.path() / "fees") {
        Run init = cli({"init", dir_.string()});
        INFO(init.err);
        REQUIRE(init.exit_code == 0);
        REQUIRE(fs::exists(dir_ / "schema" / "history.schema.json"));
        append(dir_ / "vocabulary.yaml", R"(  pay_fee:
    description: A party pays a licence fee.
    verbs: [pays]
    nouns: [a fee, the fee]
    attributes:
      amount: {type: money<USD>, words: [of]}
)");
        append(dir_ / "agreements" / "2025-01-01-master.yaml", R"(
  - id: fee-cap
    title: Globex's fees are capped at 100K USD a year
    quote: The fees Globex pays in any calendar year shall not exceed USD 100,000.
    cite: Master services agreement, section 4.2
    tag: official
    party: globex
    actions: [pay_fee]
    when: sum(pay_fee.amount by globex, during year) > 100K USD
    effect: forbid

obligations:
  - id: first-fee
    title: Globex pays the first licence fee
    quote: Globex shall pay a licence fee of USD 50,000 within thirty days of the Effective Date.
    cite: Master services agreement, section 4.1
    tag: official
    party: globex
    to: acme
    owes: {action: pay_fee, amount: 50K USD}
    trigger: effective
    deadline: trigger + 30d
)");
        write_file(dir_ / "history.yaml",
                   R"(# yaml-language-server: $schema=schema/history.schema.json
events:
  - date: 2025-01-20
    title: Globex pays the first fee
    party: globex
    action: pay_fee
    attributes: {amount: 50K USD}
)");
        append(dir_ / "deal.yaml", "history: history.yaml\n");
    }
    std::string rules() const { return dir_.string(); }
    fs::path dir() const { return dir_; }

  private:
    static void append(const fs::path& file, const std::string& text) {
        write_file(file, read_file(file) + text);
    }
    TempDir tmp_;
    fs::path dir_;
};

} // namespace

TEST_CASE("an init deal with a cap over its history answers from the events it counts",
          "[e2e][history][init]") {
    InitDealWithHistory deal;
    Run check = cli({"check", "--rules", deal.rules()});
    INFO(check.err);
    REQUIRE(check.exit_code == 0);
    CHECK_THAT(check.out, Contains("2 clauses, 1 obligation, 1 event: no errors"));

    // 50K paid in January, 60K asked in March: over the yearly 100K cap.
    const std::string question = "Globex pays a fee of 60K USD on 2025-03-01";
    Run over = cli({"ask", "--rules", deal.rules(), question});
    CHECK(over.first_line() == "FORBIDDEN");
    CHECK_THAT(over.out, Contains("fee-cap  [forbid, official]  " + deal.rules()));
    CHECK_THAT(over.out, Contains("sum(pay_fee.amount by globex, during year) = 110K USD"));
    CHECK_THAT(over.out, Contains("50K USD  2025-01-20: Globex pays the first fee (" +
                                  deal.rules() + "/history.yaml:3)"));

    // The same question without the history, and in the next calendar year.
    CHECK(cli({"ask", "--rules", deal.rules(), "--no-history", question}).first_line() ==
          "NOT-COVERED (no clause speaks to it; the deal's default: permitted)");
    CHECK(cli({"ask", "--rules", deal.rules(), "Globex pays a fee of 60K USD on 2026-03-01"})
              .first_line() ==
          "NOT-COVERED (no clause speaks to it; the deal's default: permitted)");
}

TEST_CASE("an init deal's obligation is fulfilled by its history, violated without it",
          "[e2e][history][init]") {
    InitDealWithHistory deal;
    Run paid = cli({"status", "--rules", deal.rules(), "--as-of", "2025-02-15"});
    INFO(paid.err);
    REQUIRE(paid.exit_code == 0);
    CHECK_THAT(paid.out, Contains("first-fee #1  fulfilled since 2025-01-20"));
    CHECK_THAT(paid.out, Contains("fulfilled: 2025-01-20: Globex pays the first fee (" +
                                  deal.rules() + "/history.yaml:3)"));

    Run unpaid = cli({"status", "--rules", deal.rules(), "--as-of", "2025-02-15", "--no-history"});
    CHECK_THAT(unpaid.out, Contains("first-fee #1  violated since 2025-02-01"));
    CHECK_THAT(unpaid.out, Contains("(paid 0 USD, open 50K USD); due by 2025-01-31"));

    // A what-if history: half paid on time, the rest late.
    write_file(deal.dir() / "late.yaml", R"(events:
  - {date: 2025-01-25, party: globex, action: pay_fee, attributes: {amount: 25K USD}}
  - {date: 2025-02-10, party: globex, action: pay_fee, attributes: {amount: 25K USD}}
)");
    Run late = cli({"status", "--rules", deal.rules(), "--as-of", "2025-02-15", "--no-history",
                    "--history", (deal.dir() / "late.yaml").string()});
    INFO(late.err);
    CHECK_THAT(late.out, Contains("first-fee #1  fulfilled late since 2025-02-10"));
}

TEST_CASE("an init deal's regression tests check its obligation states and its cap",
          "[e2e][history][init]") {
    InitDealWithHistory deal;
    write_file(deal.dir() / "tests" / "fees.yaml", R"(cases:
  - name: The first fee is paid on time
    status: 2025-02-15
    expect:
      obligations: {first-fee: fulfilled}
  - name: A second fee that breaks the yearly cap is forbidden
    ask: Globex pays a fee of 60K USD on 2025-03-01
    expect: {verdict: forbidden, deciding: [fee-cap]}
)");
    Run passing = cli({"test", "--rules", deal.rules()});
    INFO(passing.out << passing.err);
    CHECK(passing.exit_code == 0);

    // The state the history does not give fails the run, naming the case.
    write_file(deal.dir() / "tests" / "fees.yaml", R"(cases:
  - name: The first fee is said to be violated
    status: 2025-02-15
    expect:
      obligations: {first-fee: violated}
)");
    Run failing = cli({"test", "--rules", deal.rules()});
    CHECK(failing.exit_code == 1);
    CHECK_THAT(failing.out + failing.err, Contains("The first fee is said to be violated"));
}
