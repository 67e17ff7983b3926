// Issue 13, "done when": every question form works on a deal created with `dealcheck
// init` and given a vocabulary of its own (tests/e2e/own_vocabulary/): two parties, an
// actor that is not a party (MegaCorp), a cloud named like a party (Helios), object
// nouns, numbers with units (FLOP, %), money in USD and EUR. Asked through the binary.
#include "json.hpp"
#include "process.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace dealcheck::e2e;
using Catch::Contains;
using Ids = std::vector<std::string>;

namespace fs = std::filesystem;

namespace {

const fs::path own = fs::path(DEALCHECK_TEST_DATA) / "e2e" / "own_vocabulary";

// `dealcheck init`, then the manifest's parties, the vocabulary, the agreement and the
// tests replaced by those of tests/e2e/own_vocabulary/.
class OwnDeal {
  public:
    OwnDeal() : dir_(tmp_.path() / "lumen") {
        Run init = cli({"init", dir_.string()});
        INFO(init.err);
        REQUIRE(init.exit_code == 0);
        // The files init writes are the ones replaced: the test uses init's layout.
        for (const char* file : {"deal.yaml", "vocabulary.yaml",
                                 "agreements/2025-01-01-master.yaml", "tests/master.yaml"})
            REQUIRE(fs::exists(dir_ / file));
        std::string manifest = read_file(dir_ / "deal.yaml");
        auto from = manifest.find("\nparties:\n"), to = manifest.find("\nvocabulary:");
        REQUIRE(from != std::string::npos);
        REQUIRE(to != std::string::npos);
        manifest.replace(from + 1, to - from, read_file(own / "parties.yaml"));
        write_file(dir_ / "deal.yaml", manifest);
        write_file(dir_ / "vocabulary.yaml", read_file(own / "vocabulary.yaml"));
        write_file(dir_ / "agreements/2025-01-01-master.yaml", read_file(own / "agreement.yaml"));
        write_file(dir_ / "tests/master.yaml", read_file(own / "tests.yaml"));
    }
    const std::string rules() const { return dir_.string(); }

  private:
    TempDir tmp_;
    fs::path dir_;
};

struct Asked {
    Run text;
    Json json;
    std::string json_text;
    // The answer's second line: how the question was read.
    std::string reading() const {
        auto start = text.out.find('\n') + 1;
        return text.out.substr(start, text.out.find('\n', start) - start);
    }
};

// `ask` and `ask --json` on the deal, with `flags` before the phrase; both exit alike.
Asked ask(const OwnDeal& deal, const std::string& phrase,
          const std::vector<std::string>& flags = {}) {
    std::vector<std::string> args{"ask", "--rules", deal.rules()};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<std::string> json_args = args;
    json_args.insert(json_args.begin() + 1, "--json");
    args.push_back(phrase);
    json_args.push_back(phrase);
    Asked a;
    a.text = cli(args);
    Run json = cli(json_args);
    INFO(phrase << "\n" << a.text.err);
    REQUIRE(json.exit_code == a.text.exit_code);
    a.json_text = json.out;
    if (a.text.exit_code != 64) a.json = Json::parse(json.out);
    return a;
}

// An error: exit 64, nothing on stdout, the message on stderr.
Run refused(const OwnDeal& deal, const std::string& phrase) {
    Run r = cli({"ask", "--rules", deal.rules(), phrase});
    INFO(phrase << "\n" << r.out);
    CHECK(r.exit_code == 64);
    CHECK(r.out.empty());
    return r;
}

std::vector<std::string> part_verdicts(const Json& period) {
    std::vector<std::string> out;
    for (const auto& p : period["parts"].items())
        out.push_back(p["answer"]["verdict"].string());
    return out;
}

} // namespace

TEST_CASE("a deal made by `init` with its own vocabulary checks, and its tests pass",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    Run check = cli({"check", "--rules", deal.rules()});
    INFO(check.err);
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, Contains("3 parties, 4 action kinds, 1 agreement, 6 clauses: no errors"));
    // Its test file asks in the new forms (interrogatives, dates, money, units).
    Run test = cli({"test", "--rules", deal.rules(), "--min-coverage", "100"});
    INFO(test.out << test.err);
    CHECK(test.exit_code == 0);
    CHECK_THAT(test.out, Contains("6 passed, 0 failed"));
}

TEST_CASE("every interrogative frame and verb form reads as the statement does",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    const std::string statement = "Lumen trains on Nimbus on 2025-06-01";
    Asked canonical = ask(deal, statement);
    REQUIRE(canonical.text.exit_code == 1);
    CHECK(canonical.text.first_line() == "FORBIDDEN");
    CHECK(canonical.reading() == "  lumen train (cloud=nimbus, compute=0) on 2025-06-01");
    CHECK(canonical.json["question"]["party"].string() == "lumen");
    CHECK(canonical.json["question"]["attributes"]["cloud"].string() == "nimbus");
    for (const std::string phrase : {
             "Can Lumen train a model on Nimbus on 2025-06-01?",
             "May Lumen Labs still train models on Nimbus on 2025-06-01?",
             "could lumen train on nimbus on 2025-06-01",
             "Might Lumen ever train on Nimbus on 2025-06-01?",
             "Will Lumen train on Nimbus on 2025-06-01?",
             "Is Lumen allowed to train a model on Nimbus on 2025-06-01?",
             "Was Lumen permitted to train on Nimbus on 2025-06-01?",
             "Is Lumen able to train on Nimbus on 2025-06-01?",
             "Does Lumen have the right to train a model on Nimbus on 2025-06-01?",
             "Did Lumen have the right to train on Nimbus on 2025-06-01?",
             "Is it OK for Lumen to train a model on Nimbus on 2025-06-01?",
             "Is it allowed for Lumen to train on Nimbus on 2025-06-01?",
             "Lumen training a model on Nimbus on 2025-06-01 — allowed?",
             "Lumen training models on Nimbus on 2025-06-01 - allowed?",
             "LUMEN TRAINS A MODEL ON NIMBUS ON 2025-06-01",
             "Can Lumen on 2025-06-01 train on Nimbus?",
         }) {
        Asked a = ask(deal, phrase);
        INFO(phrase << "\n" << a.text.err);
        CHECK(a.text.exit_code == 1);
        CHECK(a.reading() == canonical.reading());
        CHECK(a.json_text == canonical.json_text); // the same answer, byte for byte
    }
}

TEST_CASE("every date form: a day, a month, a year, a range, today and now",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    const std::string ask_on = "Can Lumen train on Nimbus ";
    struct Day {
        std::string when, date;
    };
    for (const auto& d : std::vector<Day>{
             {"on June 1, 2025?", "2025-06-01"},
             {"on 1 June 2025?", "2025-06-01"},
             {"on January 1st, 2030?", "2030-01-01"},
             {"on 15 Jan 2026?", "2026-01-15"},
             {"in mid-June 2025?", "2025-06-15"},
             {"as of 2026-06-01?", "2026-06-01"},
             {"at 2026-06-01?", "2026-06-01"},
             {"on 2027-12-31?", "2027-12-31"},
         }) {
        Asked a = ask(deal, ask_on + d.when);
        INFO(d.when << "\n" << a.text.err);
        CHECK(a.json["date"].string() == d.date);
        CHECK_FALSE(a.json["date_is_today"].boolean());
        CHECK(a.reading() == "  lumen train (cloud=nimbus, compute=0) on " + d.date);
    }
    // The date decides: Helios Cloud's exclusivity ends with 2027.
    CHECK(ask(deal, ask_on + "on December 31, 2027?").text.first_line() == "FORBIDDEN");
    Asked after = ask(deal, ask_on + "on January 1st, 2028?");
    CHECK(after.text.exit_code == 0);
    CHECK_THAT(after.text.first_line(), Contains("NOT-COVERED"));

    // `today` and `now` are the day --today gives.
    for (const std::string when : {"today?", "now?"}) {
        Asked early = ask(deal, ask_on + when, {"--today", "2026-06-01"});
        CHECK(early.json["date"].string() == "2026-06-01");
        CHECK(early.text.first_line() == "FORBIDDEN");
        Asked late = ask(deal, ask_on + when, {"--today", "2029-06-01"});
        CHECK(late.json["date"].string() == "2029-06-01");
        CHECK(late.text.exit_code == 0);
    }

    struct Span {
        std::string when, from, until;
    };
    for (const auto& p : std::vector<Span>{
             {"in June 2025?", "2025-06-01", "2025-06-30"},
             {"in 2025-06?", "2025-06-01", "2025-06-30"},
             {"in February 2028?", "2028-02-01", "2028-02-29"},
             {"in 2027?", "2027-01-01", "2027-12-31"},
             {"during 2026?", "2026-01-01", "2026-12-31"},
             {"between 2030 and 2031?", "2030-01-01", "2031-12-31"},
             {"from 2025-01-01 to 2025-12-31?", "2025-01-01", "2025-12-31"},
         }) {
        Asked a = ask(deal, ask_on + p.when);
        INFO(p.when << "\n" << a.text.err);
        CHECK(a.json["period"]["from"].string() == p.from);
        CHECK(a.json["period"]["until"].string() == p.until);
        CHECK(a.reading() ==
              "  lumen train (cloud=nimbus, compute=0) from " + p.from + " until " + p.until);
    }
    // A bare year is a number where a number attribute fits: no guess.
    Run year = refused(deal, "Can Lumen train on Nimbus 2027?");
    CHECK_THAT(year.err, Contains("`2027` could be the year 2027 or the number `compute`"));
    // An impossible date is an error, located.
    Run impossible = refused(deal, "Can Lumen train on Nimbus on February 30, 2026?");
    CHECK_THAT(impossible.err, Contains("<question>:1:"));
}

TEST_CASE("over a period: the verdict's exit code when it holds, 4 when it varies",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    SECTION("it holds for the whole period") {
        Asked forbidden = ask(deal, "Can Lumen train a model on Nimbus in 2026?");
        CHECK(forbidden.text.exit_code == 1);
        CHECK(forbidden.text.first_line() == "FORBIDDEN");
        CHECK_THAT(forbidden.text.out,
                   Contains("holds for the whole period 2026-01-01 .. 2026-12-31"));
        CHECK_FALSE(forbidden.json["varies"].boolean());
        Asked permitted =
            ask(deal, "Can Lumen deploy with Helios on Nimbus for €1M between 2025 and 2030?");
        CHECK(permitted.text.exit_code == 0);
        CHECK(permitted.text.first_line() == "PERMITTED");
        CHECK_FALSE(permitted.json["varies"].boolean());
    }
    SECTION("Helios Cloud's exclusivity ends on 2027-12-31") {
        Asked a = ask(deal, "Can Lumen train on Nimbus between 2027 and 2028?");
        CHECK(a.text.exit_code == 4);
        CHECK(a.text.first_line() == "VARIES over 2027-01-01 .. 2028-12-31: 2 parts");
        CHECK(a.json["varies"].boolean());
        CHECK(part_verdicts(a.json) == Ids{"forbidden", "not-covered"});
        CHECK(a.json["parts"][1]["from"].string() == "2028-01-01");
    }
    SECTION("the change of control is barred through 2026 (the actor's clause)") {
        Asked a = ask(deal, "Can MegaCorp acquire Lumen between 2026 and 2027?");
        CHECK(a.text.exit_code == 4);
        CHECK(part_verdicts(a.json) == Ids{"forbidden", "not-covered"});
        CHECK(a.json["parts"][1]["from"].string() == "2027-01-01");
        CHECK(ask(deal, "Can MegaCorp acquire Lumen in 2026?").text.exit_code == 1);
        CHECK(ask(deal, "Is MegaCorp allowed to acquire Lumen in 2027?").text.exit_code == 0);
    }
}

TEST_CASE("amounts in every form, and percentages and FLOP in the attribute declaring the unit",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    const std::string stake =
        "helios buy_stake (price=3B USD, stake=20, target=lumen) on 2025-06-01";
    Asked canonical = ask(deal, "Helios buys 20 % of Lumen for 3B USD on 2025-06-01");
    CHECK(canonical.text.first_line() == "PERMITTED");
    CHECK(canonical.reading() == "  " + stake);
    for (const std::string price :
         {"$3 billion", "$3bn", "$3B", "USD 3,000,000,000", "3 billion dollars", "US$3 billion",
          "3,000,000,000 USD", "3000M USD"}) {
        for (const std::string& form :
             {"Can Helios buy a 20% stake in Lumen for " + price + " on 2025-06-01?",
              "Helios buying 20% of Lumen for " + price + " on June 1, 2025 - allowed?"}) {
            Asked a = ask(deal, form);
            INFO(form << "\n" << a.text.err);
            CHECK(a.text.exit_code == 0);
            CHECK(a.reading() == canonical.reading());
            CHECK(a.json_text == canonical.json_text);
        }
    }
    // The values are read exactly: just over a limit is over it.
    Asked over_price = ask(deal, "Can Helios buy a 20% stake in Lumen for $3.5bn on 2025-06-01?");
    CHECK(over_price.text.first_line() == "FORBIDDEN");
    CHECK_THAT(over_price.reading(), Contains("price=3.5B USD"));
    Asked over_stake = ask(deal, "Can Helios buy a 21% stake in Lumen for $3bn on 2025-06-01?");
    CHECK(over_stake.text.first_line() == "FORBIDDEN");
    CHECK(strings(over_stake.json["deciding"], "id") == Ids{"stake-cap"});
    CHECK_THAT(over_stake.reading(), Contains("stake=21"));

    // Euros for a money<EUR> attribute; dollars there are an error, not a conversion.
    Asked euros = ask(deal, "Can Lumen deploy with Helios on Nimbus for €250M on 2025-06-01?");
    CHECK(euros.text.first_line() == "PERMITTED");
    CHECK(euros.reading() == "  lumen deploy (cloud=nimbus, fee=250M EUR, partner=helios) on "
                             "2025-06-01");
    CHECK(ask(deal, "Lumen deploys with Helios for 250 million euros on 2025-06-01").reading() ==
          "  lumen deploy (fee=250M EUR, partner=helios) on 2025-06-01");
    CHECK_THAT(ask(deal, "Lumen deploys with Helios for €251M on 2025-06-01").text.first_line(),
               Contains("NOT-COVERED"));
    Run dollars = refused(deal, "Lumen deploys with Helios for $250M on 2025-06-01");
    CHECK_THAT(dollars.err, Contains("`250M USD` is in USD, but `fee` is in EUR"));

    // FLOP, in any case, after a marker word; a thousands separator.
    Asked cap = ask(deal, "Can Lumen train a model with 1e26 FLOP on Helios on 2025-06-01?");
    CHECK(cap.text.first_line() == "FORBIDDEN");
    CHECK(strings(cap.json["deciding"], "id") == Ids{"compute-cap"});
    CHECK(cap.reading() == "  lumen train (cloud=helios, compute=1e26) on 2025-06-01");
    Asked under = ask(deal, "Lumen training a model using 9.9e25 flops on Helios on 2025-06-01 "
                            "— allowed?");
    CHECK(under.text.exit_code == 0);
    CHECK(under.reading() == "  lumen train (cloud=helios, compute=9.9e25) on 2025-06-01");
    CHECK(ask(deal, "Lumen trains with 1,000,000 FLOP on Helios on 2025-06-01").reading() ==
          "  lumen train (cloud=helios, compute=1000000) on 2025-06-01");
    // A unit is optional where the attribute declares one.
    CHECK(ask(deal, "Lumen trains with 1e26 on Helios on 2025-06-01").text.first_line() ==
          "FORBIDDEN");
}

TEST_CASE("object nouns, the actor, and a name that is both a party and a cloud",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    // Nouns of the action mean nothing more: with and without them, one answer.
    const std::string plain = ask(deal, "Lumen trains on Nimbus on 2025-06-01").json_text;
    for (const std::string phrase : {"Lumen trains a model on Nimbus on 2025-06-01",
                                     "Lumen trains models on Nimbus on 2025-06-01",
                                     "Lumen trains its model on Nimbus on 2025-06-01",
                                     "Lumen trains the model on Nimbus on 2025-06-01"})
        CHECK(ask(deal, phrase).json_text == plain);
    Asked shares = ask(deal, "Helios buys a 20% stake in Lumen for $1bn on 2025-06-01");
    CHECK(shares.reading() ==
          "  helios buy_stake (price=1B USD, stake=20, target=lumen) on 2025-06-01");
    CHECK(shares.json_text ==
          ask(deal, "Helios buys 20% in Lumen for $1bn on 2025-06-01").json_text);

    // The actor acts under the change-of-control clause, by name, alias or id.
    for (const std::string phrase : {"MegaCorp acquires Lumen on 2025-06-01",
                                     "Can Mega Corporation take over Lumen Labs on "
                                     "2025-06-01?",
                                     "Is megacorp allowed to acquire Lumen on 2025-06-01?",
                                     "MegaCorp acquiring Lumen on 2025-06-01 — allowed?"}) {
        Asked a = ask(deal, phrase);
        INFO(phrase);
        CHECK(a.text.first_line() == "FORBIDDEN");
        CHECK(a.reading() == "  megacorp acquire (target=lumen) on 2025-06-01");
        CHECK(strings(a.json["deciding"], "id") == Ids{"change-of-control"});
    }
    // ... and from 2027 it may.
    CHECK(ask(deal, "Can MegaCorp acquire Lumen on January 1st, 2027?").text.exit_code == 0);

    // "Helios": first = the party that acts; later = the cloud where a cloud fits, the
    // party where only a party fits.
    Asked cloud = ask(deal, "Lumen trains on Helios on 2025-06-01");
    CHECK(cloud.reading() == "  lumen train (cloud=helios, compute=0) on 2025-06-01");
    CHECK(cloud.text.exit_code == 0); // not the exclusivity's forbid: Helios Cloud
    CHECK(ask(deal, "Can Lumen train Helios on 2025-06-01?").reading() ==
          "  lumen train (cloud=helios, compute=0) on 2025-06-01");
    CHECK(ask(deal, "Helios trains on Helios on 2025-06-01").reading() ==
          "  helios train (cloud=helios, compute=0) on 2025-06-01");
    Asked party = ask(deal, "MegaCorp acquires Helios on 2025-06-01");
    CHECK(party.reading() == "  megacorp acquire (target=helios) on 2025-06-01");
    CHECK(party.json["question"]["attributes"]["target"].string() == "helios");
    CHECK(ask(deal, "Lumen deploys with Helios on Helios on 2025-06-01").reading() ==
          "  lumen deploy (cloud=helios, partner=helios) on 2025-06-01");
    // Both fit `deploy`: an error showing both, never a guess.
    Run both = refused(deal, "Lumen deploys Helios on 2025-06-01");
    CHECK_THAT(both.err, Contains("`helios` could be helios (cloud) or the party helios"));
    CHECK_THAT(both.err, Contains("hint: put the marker word of the one you mean before it"));
}

TEST_CASE("errors on the init deal: another action's noun, an undeclared unit, two readings, "
          "a value that fits no attribute",
          "[e2e][own-vocabulary][issue-13]") {
    OwnDeal deal;
    Run noun = refused(deal, "Can Helios buy a model on 2025-06-01?");
    CHECK_THAT(noun.err, Contains("<question>:1:18: error[DC5004]: `model` does not go with action "
                                  "`buy_stake`"));
    CHECK_THAT(noun.err, Contains("hint: it goes with `train`"));
    Run shares = refused(deal, "MegaCorp acquires Lumen's shares on 2025-06-01");
    CHECK_THAT(shares.err, Contains("`shares` does not go with action `acquire`"));
    CHECK_THAT(shares.err, Contains("it goes with `buy_stake`"));

    // A unit another attribute declares: the action and where the number would fit.
    Run percent = refused(deal, "Lumen trains a model with 20% on Nimbus on 2025-06-01");
    CHECK_THAT(percent.err, Contains("`with 20%` does not fit action `train`"));
    CHECK_THAT(percent.err, Contains("it fits `buy_stake`"));
    CHECK_THAT(percent.err, !Contains("it fits `train`"));
    Run flop = refused(deal, "Helios buys a 1e26 FLOP stake in Lumen on 2025-06-01");
    CHECK_THAT(flop.err, Contains("`1e26` (number in flop) does not fit action `buy_stake`"));
    CHECK_THAT(flop.err, Contains("it fits `train`"));
    // A unit no attribute declares is an unknown word, with what the action takes.
    Run parsecs = refused(deal, "Lumen trains a model with 5 parsecs on Nimbus on 2025-06-01");
    CHECK_THAT(parsecs.err, Contains("unknown word `parsecs`"));

    // `buys` is buy_stake and acquire; with only a target both fit: both readings shown.
    Run two = refused(deal, "Can Helios buy Lumen on 2025-06-01?");
    CHECK_THAT(two.err, Contains("`buy` could mean `helios buy_stake (target=lumen) on "
                                 "2025-06-01` or `helios acquire (target=lumen) on 2025-06-01`"));
    CHECK_THAT(two.err, Contains("hint: add what tells them apart"));
    // What tells them apart: a stake, or a noun of one of them.
    CHECK(ask(deal, "Can Helios buy 20% of Lumen on 2025-06-01?")
              .json["question"]["action"]
              .string() == "buy_stake");
    CHECK(ask(deal, "Can Helios buy shares of Lumen on 2025-06-01?")
              .json["question"]["action"]
              .string() == "buy_stake");

    // A value that fits no attribute of the action: the actions it would fit (dollars
    // fit buy_stake and acquire, not deploy's euros).
    Run money = refused(deal, "Can Lumen train a model for $3 billion on 2025-06-01?");
    CHECK_THAT(money.err, Contains("`for 3B USD` does not fit action `train`"));
    CHECK_THAT(money.err, Contains("it fits `buy_stake` or `acquire`\n"));
    Run cloud = refused(deal, "MegaCorp acquires Lumen on Nimbus on 2025-06-01");
    CHECK_THAT(cloud.err, Contains("does not fit action `acquire`"));
    CHECK_THAT(cloud.err, Contains("it fits `train` or `deploy`"));
    // `to` after the verb is no marker of this deal's: an error, not a skipped word.
    Run to = refused(deal, "Lumen deploys to Helios on 2025-06-01");
    CHECK_THAT(to.err, Contains("`to helios` does not fit action `deploy`"));
}

TEST_CASE("`vocab` on the init deal lists its actors, nouns and units, and asks its examples",
          "[e2e][own-vocabulary][vocab][issue-13]") {
    OwnDeal deal;
    Run text = cli({"vocab", "--rules", deal.rules()});
    Run json_run = cli({"vocab", "--json", "--rules", deal.rules()});
    INFO(text.err << json_run.err);
    REQUIRE(text.exit_code == 0);
    REQUIRE(json_run.exit_code == 0);
    // Actors apart from the parties, with their aliases.
    auto actors_at = text.out.find("\nActors (");
    auto parties_at = text.out.find("\nParties (");
    auto actions_at = text.out.find("\nActions (");
    REQUIRE(actors_at != std::string::npos);
    CHECK(parties_at < actors_at);
    CHECK(actors_at < actions_at);
    CHECK(text.out.substr(actors_at, actions_at - actors_at)
              .find("megacorp  MegaCorp  also Mega "
                    "Corporation\n") != std::string::npos);
    CHECK(text.out.substr(parties_at, actors_at - parties_at).find("megacorp") ==
          std::string::npos);
    CHECK_THAT(text.out, Contains("    verbs: trains\n    nouns: model, models\n"));
    CHECK_THAT(text.out, Contains("    nouns: stake, shares\n"));
    CHECK_THAT(text.out, Contains("compute  number  after with, using  units FLOP, FLOPs  "
                                  "default 0\n"));
    CHECK_THAT(text.out, Contains("stake   number                    units %\n"));

    Json doc = Json::parse(json_run.out);
    CHECK(strings(doc["parties"], "id") == Ids{"lumen", "helios"});
    REQUIRE(doc["actors"].size() == 1);
    CHECK(doc["actors"][0]["id"].string() == "megacorp");
    CHECK(doc["actors"][0]["name"].string() == "MegaCorp");
    CHECK(strings(doc["actors"][0]["aliases"]) == Ids{"Mega Corporation"});
    CHECK(strings(doc["actions"], "id") == Ids{"train", "buy_stake", "acquire", "deploy"});
    CHECK(strings(doc["actions"][0]["nouns"]) == Ids{"model", "models"});
    CHECK(strings(doc["actions"][2]["nouns"]).empty());
    CHECK(strings(doc["actions"][0]["attributes"][1]["units"]) == Ids{"FLOP", "FLOPs"});
    CHECK(strings(doc["actions"][1]["attributes"][0]["units"]) == Ids{"%"});
    CHECK(strings(doc["actions"][0]["attributes"][0]["units"]).empty());

    // Every example is answered as listed; one of them is asked as a question.
    std::set<std::string> actions;
    int interrogatives = 0;
    for (const auto& e : doc["examples"].items()) {
        const std::string phrase = e["question"].string();
        CHECK_THAT(text.out, Contains(phrase));
        Asked a = ask(deal, phrase);
        INFO(phrase << "\n" << a.text.err);
        REQUIRE(a.text.exit_code <= 2);
        CHECK(a.json["verdict"].string() == e["verdict"].string());
        CHECK(a.json["question"]["action"].string() == e["action"].string());
        actions.insert(e["action"].string());
        if (phrase.rfind("Can ", 0) == 0 && phrase.back() == '?') ++interrogatives;
    }
    CHECK(actions.size() == 4);
    CHECK(interrogatives == 1);
    // The examples use the units: a number with its unit, not a bare one.
    CHECK_THAT(text.out, Contains(" with 10 FLOP "));
    CHECK_THAT(text.out, Contains(" 10% "));
    // The actor's example: MegaCorp is bound by the change-of-control clause.
    CHECK_THAT(text.out, Contains("FORBIDDEN    MegaCorp acquires Lumen Labs"));
}
