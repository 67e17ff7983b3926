// Evaluation through real small deals: three-valued logic and DEPENDS, precedence and
// conflicts, consent, defaults, consequences, amendments as of a date, and timelines.
#include "support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <stdexcept>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

using Values = std::map<std::string, std::string>;

// A host question by alpha, built up: with(attributes).on(date).given(fact, value).
struct Ask {
    Question q;
    Ask& on(std::string_view yyyy_mm_dd) {
        q.date = date(yyyy_mm_dd);
        return *this;
    }
    Ask& given(const std::string& fact, const std::string& value) {
        q.facts[fact] = value;
        return *this;
    }
    Ask& consent(const std::string& party) {
        q.consents.push_back(party);
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

const Dependency& dependency(const Answer& a, const std::string& name) {
    for (const auto& d : a.depends_on)
        if (d.name == name) return d;
    FAIL("the answer does not depend on " << name);
    throw std::logic_error("unreachable");
}

// value -> verdict, for each outcome of a dependency.
std::map<std::string, VerdictKind> outcomes(const Dependency& d) {
    std::map<std::string, VerdictKind> out;
    for (const auto& o : d.outcomes)
        out[o.value] = o.verdict;
    return out;
}

std::vector<std::string> override_pairs(const Answer& a) {
    std::vector<std::string> out;
    for (const auto& o : a.overridden)
        out.push_back(o.clause.id + " by " + o.overridden_by);
    return out;
}

using Ids = std::vector<std::string>;

} // namespace

namespace Catch {
template <> struct StringMaker<VerdictKind> {
    static std::string convert(VerdictKind v) { return std::string(to_string(v)); }
};
} // namespace Catch

// ---- Three-valued logic ---------------------------------------------------------

TEST_CASE("an unknown fact gives DEPENDS with the verdict of each of its values",
          "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses("first", clause("gate", "alpha", "host", "forbid", "when: not approved"));
    Deal deal = load_ok(mini);

    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Depends);
    REQUIRE(a.depends_on.size() == 1);
    const Dependency& d = a.depends_on[0];
    CHECK(d.name == "approved");
    CHECK_FALSE(d.is_attribute);
    CHECK(outcomes(d) == std::map<std::string, VerdictKind>{{"true", VerdictKind::NotCovered},
                                                            {"false", VerdictKind::Forbidden}});
    CHECK(a.outcomes.empty()); // one unknown: its outcomes say it all
    CHECK(ids(a.deciding) == Ids{"gate"});

    SECTION("each outcome is the verdict given that value") {
        CHECK(verdict(deal, with({{"cloud", "aws"}}).given("approved", "true")) ==
              VerdictKind::NotCovered);
        CHECK(verdict(deal, with({{"cloud", "aws"}}).given("approved", "false")) ==
              VerdictKind::Forbidden);
    }
    SECTION("`unknown` given explicitly is unknown") {
        CHECK(verdict(deal, with({{"cloud", "aws"}}).given("approved", "unknown")) ==
              VerdictKind::Depends);
    }
}

TEST_CASE("an attribute the question leaves out is unknown, never a default guess",
          "[eval][kleene]") {
    MiniDeal mini; // base: alpha may host when cloud == azure
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({}));
    CHECK(a.verdict == VerdictKind::Depends);
    const Dependency& d = dependency(a, "cloud");
    CHECK(d.is_attribute);
    CHECK(outcomes(d) == std::map<std::string, VerdictKind>{{"azure", VerdictKind::Permitted},
                                                            {"aws", VerdictKind::NotCovered},
                                                            {"gcp", VerdictKind::NotCovered}});
}

TEST_CASE("`false and unknown` is false, whichever side is unknown", "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses(
        "first",
        clause("gcp-gate", "alpha", "host", "forbid", "when: cloud == gcp and approved") +
            clause("gate-gcp", "alpha", "host", "forbid", "when: launched and cloud == gcp"));
    Deal deal = load_ok(mini);

    Answer a = host(deal, with({{"cloud", "azure"}}));
    CHECK(a.verdict == VerdictKind::NotCovered);
    CHECK(a.depends_on.empty());

    SECTION("`true and unknown` stays unknown") {
        Answer b = host(deal, with({{"cloud", "gcp"}}));
        CHECK(b.verdict == VerdictKind::Depends);
        CHECK(b.depends_on.size() == 2);
    }
}

TEST_CASE("`true or unknown` is true, whichever side is unknown", "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses(
        "first",
        clause("aws-open", "alpha", "host", "permit", "when: cloud == aws or audited") +
            clause("open-aws", "alpha", "host", "permit", "when: approved or cloud == aws"));
    Deal deal = load_ok(mini);

    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Permitted);
    CHECK(a.depends_on.empty());
    CHECK(ids(a.deciding) == Ids{"aws-open", "open-aws"});

    SECTION("`false or unknown` stays unknown") {
        CHECK(verdict(deal, with({{"cloud", "gcp"}})) == VerdictKind::Depends);
    }
}

TEST_CASE("`not unknown` is unknown", "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses("first", clause("gate", "alpha", "host", "forbid", "when: not launched"));
    Deal deal = load_ok(mini);
    CHECK(verdict(deal, with({{"cloud", "aws"}})) == VerdictKind::Depends);
}

TEST_CASE("an unknown that cannot change the verdict does not make it DEPENDS", "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses("first",
                 clause("always", "alpha", "host", "permit", "when: approved or not approved"));
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Permitted);
    CHECK(a.depends_on.empty());
    CHECK(a.outcomes.empty());
    CHECK(ids(a.deciding) == Ids{"always"});
}

TEST_CASE("several unknown facts give the verdict of each combination", "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses("first", clause("both", "alpha", "host", "forbid", "when: approved and launched"));
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Depends);
    REQUIRE(a.depends_on.size() == 2);

    // Each fact alone: false decides; true leaves it to the other fact.
    CHECK(outcomes(dependency(a, "approved")) ==
          std::map<std::string, VerdictKind>{{"true", VerdictKind::Depends},
                                             {"false", VerdictKind::NotCovered}});
    CHECK(outcomes(dependency(a, "launched")) ==
          std::map<std::string, VerdictKind>{{"true", VerdictKind::Depends},
                                             {"false", VerdictKind::NotCovered}});

    // The cases grouped by outcome, folded where one fact's value decides alone.
    std::map<VerdictKind, std::set<Values>> table;
    for (const auto& o : a.outcomes)
        for (const auto& c : o.cases)
            table[o.verdict].insert(Values(c.begin(), c.end()));
    CHECK(table ==
          std::map<VerdictKind, std::set<Values>>{
              {VerdictKind::Forbidden, {{{"approved", "true"}, {"launched", "true"}}}},
              {VerdictKind::NotCovered, {{{"approved", "false"}}, {{"launched", "false"}}}}});

    SECTION("giving one of them leaves a DEPENDS on the other alone") {
        Answer b = host(deal, with({{"cloud", "aws"}}).given("approved", "true"));
        CHECK(b.verdict == VerdictKind::Depends);
        REQUIRE(b.depends_on.size() == 1);
        CHECK(b.depends_on[0].name == "launched");
        CHECK(outcomes(b.depends_on[0]) ==
              std::map<std::string, VerdictKind>{{"true", VerdictKind::Forbidden},
                                                 {"false", VerdictKind::NotCovered}});
    }
}

TEST_CASE("an unknown enum fact lists the verdict for each enum value", "[eval][kleene]") {
    MiniDeal mini;
    mini.clauses("first", clause("gold-only", "alpha", "host", "permit", "when: rating == gold"));
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Depends);
    CHECK(outcomes(dependency(a, "rating")) ==
          std::map<std::string, VerdictKind>{{"gold", VerdictKind::Permitted},
                                             {"silver", VerdictKind::NotCovered}});
}

TEST_CASE("a fact the rules record as known is assumed, and said so", "[eval][kleene]") {
    MiniDeal mini;
    mini.edit("vocabulary.yaml", "  launched: {type: bool}\n",
              "  launched:\n"
              "    type: bool\n"
              "    known:\n"
              "      - {value: false, through: 2025-12-31}\n");
    mini.clauses("first", clause("after-launch", "alpha", "host", "forbid", "when: launched"));
    Deal deal = load_ok(mini);

    Answer known = host(deal, with({{"cloud", "aws"}}).on("2025-12-31"));
    CHECK(known.verdict == VerdictKind::NotCovered);
    REQUIRE(known.assumed.size() == 1);
    CHECK(known.assumed[0].name == "launched");
    CHECK(known.assumed[0].value == "false");
    CHECK(known.assumed[0].known_through == "2025-12-31");

    SECTION("after the record ends the fact is unknown again") {
        Answer later = host(deal, with({{"cloud", "aws"}}).on("2026-01-01"));
        CHECK(later.verdict == VerdictKind::Depends);
        CHECK(later.assumed.empty());
    }
    SECTION("a fact given in the question overrides the record") {
        Answer given =
            host(deal, with({{"cloud", "aws"}}).on("2025-06-01").given("launched", "true"));
        CHECK(given.verdict == VerdictKind::Forbidden);
        CHECK(given.assumed.empty());
    }
}

// ---- Precedence and conflicts ---------------------------------------------------

TEST_CASE("an exception beats the clause it is an exception to", "[eval][precedence]") {
    MiniDeal mini;
    mini.clauses("first", clause("general", "alpha", "host", "forbid", "when: off_azure") +
                              clause("special", "alpha", "host", "permit",
                                     "when: seats < 10\nexception_to: [general]"));
    Deal deal = load_ok(mini);

    SECTION("where the exception applies, it decides and the general clause is overridden") {
        Answer a = host(deal, with({{"cloud", "aws"}, {"seats", "5"}}));
        CHECK(a.verdict == VerdictKind::Permitted);
        CHECK(ids(a.deciding) == Ids{"special"});
        CHECK(override_pairs(a) == Ids{"general by special"});
        CHECK(a.conflicts.empty());
    }
    SECTION("where it does not, the general clause decides") {
        Answer a = host(deal, with({{"cloud", "aws"}, {"seats", "50"}}));
        CHECK(a.verdict == VerdictKind::Forbidden);
        CHECK(ids(a.deciding) == Ids{"general"});
        CHECK(a.overridden.empty());
    }
    SECTION("an exception whose condition is unknown makes the verdict DEPENDS") {
        Answer a = host(deal, with({{"cloud", "aws"}}));
        CHECK(a.verdict == VerdictKind::Depends);
        CHECK(dependency(a, "seats").is_attribute);
    }
}

TEST_CASE("precedence is transitive: an exception to an exception beats the general clause",
          "[eval][precedence]") {
    MiniDeal mini;
    mini.clauses("first",
                 clause("general", "alpha", "host", "forbid") +
                     clause("with-consent", "alpha", "host", "consent",
                            "when: cloud == aws\nconsent_of: beta\nexception_to: [general]") +
                     clause("small", "alpha", "host", "permit",
                            "when: seats < 10\nexception_to: [with-consent]"));
    Deal deal = load_ok(mini);

    SECTION("the middle exception") {
        Answer a = host(deal, with({{"cloud", "aws"}, {"seats", "50"}}));
        CHECK(a.verdict == VerdictKind::NeedsConsent);
        CHECK(a.consent_of == Ids{"beta"});
        CHECK(override_pairs(a) == Ids{"general by with-consent"});
    }
    SECTION("the innermost exception beats both") {
        Answer a = host(deal, with({{"cloud", "aws"}, {"seats", "5"}}));
        CHECK(a.verdict == VerdictKind::Permitted);
        CHECK(ids(a.deciding) == Ids{"small"});
        CHECK(override_pairs(a) == Ids{"general by small", "with-consent by small"});
    }
    SECTION("the innermost exception beats the general clause even alone") {
        Answer a = host(deal, with({{"cloud", "gcp"}, {"seats", "5"}}));
        CHECK(a.verdict == VerdictKind::Permitted);
        CHECK(ids(a.deciding) == Ids{"small"});
        CHECK(a.conflicts.empty());
    }
}

TEST_CASE("a permit/forbid conflict resolves to FORBIDDEN and reports the conflict",
          "[eval][conflict]") {
    MiniDeal mini;
    mini.clauses("first", clause("allow", "alpha", "host", "permit", "when: cloud == aws") +
                              clause("deny", "alpha", "host", "forbid", "when: seats > 100"));
    Deal deal = load_ok(mini);

    Answer a = host(deal, with({{"cloud", "aws"}, {"seats", "500"}}));
    CHECK(a.verdict == VerdictKind::Forbidden);
    CHECK(ids(a.deciding) == Ids{"deny"});
    REQUIRE(a.conflicts.size() == 1);
    CHECK(a.conflicts[0].clauses == Ids{"deny", "allow"});
    CHECK(a.conflicts[0].resolution == "no exception orders them, so forbid wins");
    CHECK(exit_code(a) == 1);

    SECTION("without the forbid there is no conflict") {
        Answer b = host(deal, with({{"cloud", "aws"}, {"seats", "5"}}));
        CHECK(b.verdict == VerdictKind::Permitted);
        CHECK(b.conflicts.empty());
    }
}

// ---- Consent ----------------------------------------------------------------------

TEST_CASE("a consent clause needs the named party's consent", "[eval][consent]") {
    MiniDeal mini;
    mini.clauses("first",
                 clause("rofr", "alpha", "host", "consent", "when: off_azure\nconsent_of: beta"));
    Deal deal = load_ok(mini);

    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::NeedsConsent);
    CHECK(a.consent_of == Ids{"beta"});
    CHECK(ids(a.deciding) == Ids{"rofr"});
    CHECK(exit_code(a) == 2);

    SECTION("with that party's consent it is permitted") {
        Answer b = host(deal, with({{"cloud", "aws"}}).consent("beta"));
        CHECK(b.verdict == VerdictKind::Permitted);
        CHECK(ids(b.deciding) == Ids{"rofr"});
        CHECK(b.question.consents == Ids{"beta"});
    }
    SECTION("another party's consent does not do") {
        Answer b = host(deal, with({{"cloud", "aws"}}).consent("alpha"));
        CHECK(b.verdict == VerdictKind::NeedsConsent);
    }
    SECTION("consent may be given by name in a phrase") {
        Answer b = ask(deal, "Alpha Corp hosts on aws with consent of Beta on 2021-01-01");
        CHECK(b.verdict == VerdictKind::Permitted);
    }
    SECTION("a forbid still beats a consent clause with no precedence between them") {
        MiniDeal both;
        both.clauses(
            "first",
            clause("rofr", "alpha", "host", "consent", "when: off_azure\nconsent_of: beta") +
                clause("never-gcp", "alpha", "host", "forbid", "when: cloud == gcp"));
        Deal d = load_ok(both);
        CHECK(verdict(d, with({{"cloud", "gcp"}}).consent("beta")) == VerdictKind::Forbidden);
    }
}

// ---- Defaults -----------------------------------------------------------------------

TEST_CASE("no applicable clause gives NOT-COVERED with the default applied", "[eval][default]") {
    SECTION("the deal's default: permitted") {
        MiniDeal mini;
        Deal deal = load_ok(mini);
        Answer a = host(deal, with({{"cloud", "aws"}}));
        CHECK(a.verdict == VerdictKind::NotCovered);
        CHECK(a.default_verdict == VerdictKind::Permitted);
        CHECK(a.deciding.empty());
        CHECK(exit_code(a) == 0);
    }
    SECTION("the deal's default: forbidden") {
        MiniDeal mini;
        mini.edit("deal.yaml", "default: permitted", "default: forbidden");
        Deal deal = load_ok(mini);
        Answer a = host(deal, with({{"cloud", "aws"}}));
        CHECK(a.verdict == VerdictKind::NotCovered);
        CHECK(a.default_verdict == VerdictKind::Forbidden);
        CHECK(exit_code(a) == 1);
    }
    SECTION("an action's own default overrides the deal's") {
        MiniDeal mini; // use_ip: default forbidden; the deal: permitted
        Deal deal = load_ok(mini);
        Question q;
        q.party = "alpha";
        q.action = "use_ip";
        q.date = date("2021-01-01");
        Answer a = ask(deal, q);
        CHECK(a.verdict == VerdictKind::NotCovered);
        CHECK(a.default_verdict == VerdictKind::Forbidden);
        CHECK(exit_code(a) == 1);
    }
    SECTION("an action's default may also permit under a forbidding deal") {
        MiniDeal mini;
        mini.edit("deal.yaml", "default: permitted", "default: forbidden");
        mini.edit("vocabulary.yaml", "verbs: [hosts]", "verbs: [hosts]\n    default: permitted");
        Deal deal = load_ok(mini);
        Answer a = host(deal, with({{"cloud", "aws"}}));
        CHECK(a.verdict == VerdictKind::NotCovered);
        CHECK(a.default_verdict == VerdictKind::Permitted);
    }
}

// ---- Consequences --------------------------------------------------------------------

TEST_CASE("a grant gives the party a right with its end", "[eval][consequence]") {
    MiniDeal mini;
    mini.clauses("first", clause("licence", "alpha", "host", "grant",
                                 "consequence:\n"
                                 "  party: beta\n"
                                 "  text: a licence to the hosted models\n"
                                 "  until: [2030-12-31, launched]"));
    Deal deal = load_ok(mini);

    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Permitted);
    CHECK(ids(a.deciding) == Ids{"licence"});
    REQUIRE(a.consequences.size() == 1);
    const ConsequenceRef& c = a.consequences[0];
    CHECK(c.kind == "right");
    CHECK(c.party == "beta");
    CHECK(c.text == "a licence to the hosted models");
    REQUIRE(c.until.has_value());
    CHECK(format_date(*c.until) == "2030-12-31");
    CHECK(c.until_events == Ids{"launched"});
    CHECK(c.clause.id == "licence");
}

TEST_CASE("an obligation's end may be a duration from the effective date", "[eval][consequence]") {
    MiniDeal mini;
    mini.clauses("first", clause("report", "alpha", "host", "oblige",
                                 "consequence:\n"
                                 "  party: alpha\n"
                                 "  text: report usage to Beta\n"
                                 "  until: effective + 7y"));
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({{"cloud", "aws"}}));
    REQUIRE(a.consequences.size() == 1);
    CHECK(a.consequences[0].kind == "obligation");
    CHECK(a.consequences[0].party == "alpha");
    REQUIRE(a.consequences[0].until.has_value());
    CHECK(format_date(*a.consequences[0].until) == "2027-01-01");
    CHECK(a.consequences[0].until_events.empty());
}

TEST_CASE("consequences follow only an action that may go ahead", "[eval][consequence]") {
    MiniDeal mini;
    mini.clauses("first", clause("licence", "alpha", "host", "grant",
                                 "consequence: {party: beta, text: a licence}") +
                              clause("no-gcp", "alpha", "host", "forbid", "when: cloud == gcp"));
    Deal deal = load_ok(mini);
    CHECK(host(deal, with({{"cloud", "aws"}})).consequences.size() == 1);
    Answer forbidden = host(deal, with({{"cloud", "gcp"}}));
    CHECK(forbidden.verdict == VerdictKind::Forbidden);
    CHECK(forbidden.consequences.empty());
}

TEST_CASE("a clause's window includes its last day", "[eval][window]") {
    MiniDeal mini;
    mini.clauses("first", clause("window", "alpha", "host", "forbid",
                                 "from: 2021-03-01\nuntil: 2022-06-30"));
    Deal deal = load_ok(mini);
    Values aws{{"cloud", "aws"}};
    CHECK(verdict(deal, with(aws).on("2021-02-28")) == VerdictKind::NotCovered);
    CHECK(verdict(deal, with(aws).on("2021-03-01")) == VerdictKind::Forbidden);
    CHECK(verdict(deal, with(aws).on("2022-06-30")) == VerdictKind::Forbidden);
    CHECK(verdict(deal, with(aws).on("2022-07-01")) == VerdictKind::NotCovered);
}

TEST_CASE("a window ended by an event closes once the event is true", "[eval][window]") {
    MiniDeal mini;
    mini.clauses("first", clause("until-launch", "alpha", "host", "forbid", "until: launched"));
    Deal deal = load_ok(mini);
    Values aws{{"cloud", "aws"}};
    CHECK(verdict(deal, with(aws).given("launched", "false")) == VerdictKind::Forbidden);
    CHECK(verdict(deal, with(aws).given("launched", "true")) == VerdictKind::NotCovered);
    Answer unknown = host(deal, with(aws));
    CHECK(unknown.verdict == VerdictKind::Depends);
    CHECK(outcomes(dependency(unknown, "launched")) ==
          std::map<std::string, VerdictKind>{{"true", VerdictKind::NotCovered},
                                             {"false", VerdictKind::Forbidden}});
}

// ---- Amendments ---------------------------------------------------------------------

// Agreement `second` takes effect on 2025-01-01: each answer is asked the day before
// and the day of.
TEST_CASE("a replacing clause takes over from its agreement's effective date",
          "[eval][amendments]") {
    MiniDeal mini;
    mini.clauses("first", clause("old", "alpha", "host", "forbid", "when: cloud == aws"));
    mini.clauses("second", clause("new", "alpha", "host", "permit", "replaces: [old]"));
    Deal deal = load_ok(mini);
    Values aws{{"cloud", "aws"}};

    Answer before = host(deal, with(aws).on("2024-12-31"));
    CHECK(before.verdict == VerdictKind::Forbidden);
    CHECK(ids(before.deciding) == Ids{"old"});
    CHECK(before.agreements_in_force == Ids{"first"});

    Answer after = host(deal, with(aws).on("2025-01-01"));
    CHECK(after.verdict == VerdictKind::Permitted);
    CHECK(ids(after.deciding) == Ids{"new"});
    CHECK(after.agreements_in_force == Ids{"first", "second"});
    CHECK(after.conflicts.empty());
}

TEST_CASE("an amending clause rewrites some fields and inherits the rest", "[eval][amendments]") {
    MiniDeal mini;
    mini.clauses("first", clause("cap", "alpha", "host", "forbid",
                                 "when: price > 1M USD\nuntil: 2030-12-31"));
    mini.clauses("second", "  - id: cap-2025\n"
                           "    amends: cap\n"
                           "    when: price > 5M USD\n");
    Deal deal = load_ok(mini);
    Values mid{{"cloud", "aws"}, {"price", "3M USD"}};
    Values high{{"cloud", "aws"}, {"price", "6M USD"}};

    SECTION("the day before, the amended clause decides") {
        Answer a = host(deal, with(mid).on("2024-12-31"));
        CHECK(a.verdict == VerdictKind::Forbidden);
        CHECK(ids(a.deciding) == Ids{"cap"});
    }
    SECTION("from the effective date, the rewritten condition applies") {
        CHECK(verdict(deal, with(mid).on("2025-01-01")) == VerdictKind::NotCovered);
        Answer a = host(deal, with(high).on("2025-01-01"));
        CHECK(a.verdict == VerdictKind::Forbidden);
        REQUIRE(ids(a.deciding) == Ids{"cap-2025"});
        // Inherited: effect, title, party, actions.
        CHECK(a.deciding[0].effect == "forbid");
        CHECK(a.deciding[0].title == "Clause cap");
        CHECK(a.deciding[0].agreement == "second");
    }
    SECTION("the unwritten `until` is inherited too") {
        CHECK(verdict(deal, with(high).on("2030-12-31")) == VerdictKind::Forbidden);
        CHECK(verdict(deal, with(high).on("2031-01-01")) == VerdictKind::NotCovered);
    }
}

TEST_CASE("an agreement that terminates a clause ends it on its effective date",
          "[eval][amendments]") {
    MiniDeal mini; // base: alpha may host on azure
    mini.edit("deal.yaml", "default: permitted", "default: forbidden");
    mini.file("agreements/second.yaml", "agreement: second\n"
                                        "terminates: [base]\n"
                                        "clauses: []\n");
    Deal deal = load_ok(mini);
    Values azure{{"cloud", "azure"}};

    Answer before = host(deal, with(azure).on("2024-12-31"));
    CHECK(before.verdict == VerdictKind::Permitted);
    CHECK(ids(before.deciding) == Ids{"base"});

    Answer after = host(deal, with(azure).on("2025-01-01"));
    CHECK(after.verdict == VerdictKind::NotCovered);
    CHECK(after.default_verdict == VerdictKind::Forbidden);
}

TEST_CASE("an exception to an amended clause also beats its amendment",
          "[eval][amendments][precedence]") {
    MiniDeal mini;
    mini.clauses("first", clause("general", "alpha", "host", "forbid", "when: off_azure") +
                              clause("special", "alpha", "host", "permit",
                                     "when: seats < 10\nexception_to: [general]"));
    mini.clauses("second", "  - id: general-2025\n"
                           "    amends: general\n"
                           "    until: 2030-12-31\n");
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({{"cloud", "aws"}, {"seats", "5"}}).on("2026-01-01"));
    CHECK(a.verdict == VerdictKind::Permitted);
    CHECK(ids(a.deciding) == Ids{"special"});
    CHECK(override_pairs(a) == Ids{"general-2025 by special"});
}

TEST_CASE("an amended exception keeps beating the clause it is an exception to",
          "[eval][amendments][precedence]") {
    MiniDeal mini;
    mini.clauses("first", clause("general", "alpha", "host", "forbid", "when: off_azure") +
                              clause("special", "alpha", "host", "permit",
                                     "when: seats < 10\nexception_to: [general]"));
    mini.clauses("second", "  - id: special-2025\n"
                           "    amends: special\n"
                           "    when: seats < 20\n");
    Deal deal = load_ok(mini);
    Values fifteen{{"cloud", "aws"}, {"seats", "15"}};

    Answer before = host(deal, with(fifteen).on("2024-12-31"));
    CHECK(before.verdict == VerdictKind::Forbidden);
    CHECK(ids(before.deciding) == Ids{"general"});

    Answer after = host(deal, with(fifteen).on("2025-01-01"));
    CHECK(after.verdict == VerdictKind::Permitted);
    CHECK(ids(after.deciding) == Ids{"special-2025"});
    CHECK(override_pairs(after) == Ids{"general by special-2025"});
}

TEST_CASE("an amendment of an amendment inherits through the chain", "[eval][amendments]") {
    MiniDeal mini;
    mini.edit("deal.yaml", "    file: agreements/second.yaml\n",
              "    file: agreements/second.yaml\n"
              "  - id: third\n"
              "    effective: 2028-01-01\n"
              "    file: agreements/third.yaml\n");
    mini.clauses("first", clause("cap", "alpha", "host", "forbid",
                                 "when: price > 1M USD\nuntil: 2035-12-31"));
    mini.clauses("second", "  - id: cap-2025\n"
                           "    amends: cap\n"
                           "    when: price > 5M USD\n");
    mini.clauses("third", "  - id: cap-2028\n"
                          "    amends: cap-2025\n"
                          "    until: 2029-12-31\n");
    Deal deal = load_ok(mini);
    Values mid{{"cloud", "aws"}, {"price", "3M USD"}};
    Values high{{"cloud", "aws"}, {"price", "6M USD"}};

    CHECK(verdict(deal, with(mid).on("2027-12-31")) == VerdictKind::NotCovered);
    Answer a = host(deal, with(high).on("2028-01-01"));
    CHECK(a.verdict == VerdictKind::Forbidden);
    CHECK(ids(a.deciding) == Ids{"cap-2028"});
    CHECK(verdict(deal, with(mid).on("2028-01-01")) == VerdictKind::NotCovered); // when of 2025
    CHECK(verdict(deal, with(high).on("2029-12-31")) == VerdictKind::Forbidden);
    CHECK(verdict(deal, with(high).on("2030-01-01")) == VerdictKind::NotCovered); // its own until
}

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

TEST_CASE("a DEPENDS outcome that needs consent names whose", "[eval][consent][kleene]") {
    MiniDeal mini;
    mini.clauses("first",
                 clause("rofr", "alpha", "host", "consent", "when: approved\nconsent_of: beta"));
    Deal deal = load_ok(mini);
    Answer a = host(deal, with({{"cloud", "aws"}}));
    CHECK(a.verdict == VerdictKind::Depends);
    const Dependency& d = dependency(a, "approved");
    REQUIRE(d.outcomes.size() == 2);
    CHECK(d.outcomes[0].value == "true");
    CHECK(d.outcomes[0].verdict == VerdictKind::NeedsConsent);
    CHECK(d.outcomes[0].consent_of == Ids{"beta"});
    CHECK(d.outcomes[1].verdict == VerdictKind::NotCovered);
}

// ---- Timelines -----------------------------------------------------------------------

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
