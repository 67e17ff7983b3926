// DEPENDS: which unknowns an answer hinges on, what each value gives (verdict and
// consequences), and the cases grouped by outcome.
#include "support.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

using Values = std::map<std::string, std::string>;

Question host_on_aws(Values facts = {}) {
    Question q;
    q.party = "alpha";
    q.action = "host";
    q.attributes = {{"cloud", "aws"}};
    q.facts = std::move(facts);
    q.date = parse_date("2021-06-01");
    return q;
}

const Dependency& dependency(const Answer& a, const std::string& name) {
    for (const auto& d : a.depends_on)
        if (d.name == name) return d;
    FAIL("no dependency on " << name);
    throw std::logic_error("unreachable");
}

std::vector<std::string> names(const Answer& a) {
    std::vector<std::string> out;
    for (const auto& d : a.depends_on)
        out.push_back(d.name);
    return out;
}

// `approved` recorded as known (true) through 2030.
void with_known_approval(MiniDeal& mini) {
    mini.edit("vocabulary.yaml", "  approved: {type: bool}",
              "  approved:\n    type: bool\n    known: [{value: true, through: 2030-12-31}]");
    mini.clauses("first", clause("gate", "alpha", "host", "forbid", "when: not approved"));
}

} // namespace

TEST_CASE("a question that says a fact is unknown is not answered from the rules' record",
          "[eval][depends]") {
    MiniDeal mini;
    with_known_approval(mini);
    Deal deal = load_ok(mini);

    // Left out, the record fills it in and the answer says it assumed it.
    Answer assumed = ask(deal, host_on_aws());
    CHECK(assumed.verdict == VerdictKind::NotCovered);
    REQUIRE(assumed.assumed.size() == 1);
    CHECK(assumed.assumed[0].name == "approved");

    // Said unknown, it stays unknown: DEPENDS, with each value's verdict.
    Answer a = ask(deal, host_on_aws({{"approved", "unknown"}}));
    CHECK(a.verdict == VerdictKind::Depends);
    CHECK(a.assumed.empty());
    REQUIRE(names(a) == std::vector<std::string>{"approved"});
    std::map<std::string, VerdictKind> outcomes;
    for (const auto& o : a.depends_on[0].outcomes)
        outcomes[o.value] = o.verdict;
    CHECK(outcomes == std::map<std::string, VerdictKind>{{"true", VerdictKind::NotCovered},
                                                         {"false", VerdictKind::Forbidden}});

    // The same through a phrase.
    Answer phrase = ask(deal, "Alpha hosts on aws on 2021-06-01 given approved=unknown");
    CHECK(phrase.verdict == VerdictKind::Depends);
    CHECK(phrase.question.facts.at("approved") == "unknown");
}

TEST_CASE("consequences that hinge on an unknown are listed per value, not as if both held",
          "[eval][depends]") {
    MiniDeal mini;
    mini.clauses("first",
                 clause("grant-if", "alpha", "host", "grant",
                        "when: approved\nconsequence: {party: beta, text: a licence}") +
                     clause("oblige-unless", "alpha", "host", "oblige",
                            "when: not approved\nconsequence: {party: alpha, text: pay a fee}"));
    Deal deal = load_ok(mini);
    Answer a = ask(deal, host_on_aws());
    // Permitted either way; what follows depends on the fact.
    CHECK(a.verdict == VerdictKind::Permitted);
    CHECK(a.consequences.empty()); // neither follows in every case
    REQUIRE(names(a) == std::vector<std::string>{"approved"});
    for (const auto& o : dependency(a, "approved").outcomes) {
        CHECK(o.verdict == VerdictKind::Permitted);
        REQUIRE(o.consequences.size() == 1);
        CHECK(o.consequences[0].clause.id == (o.value == "true" ? "grant-if" : "oblige-unless"));
    }
    auto text = render_text(a, {});
    CHECK_THAT(text, Catch::Contains("= true -> PERMITTED; beta gains: a licence (grant-if)"));
    CHECK_THAT(text,
               Catch::Contains("= false -> PERMITTED; alpha must: pay a fee (oblige-unless)"));
    CHECK_THAT(render_json(a), Catch::Contains(R"("consequences":["grant-if"])"));
}

TEST_CASE("DEPENDS lists only the unknowns whose value changes the outcome", "[eval][depends]") {
    MiniDeal mini;
    // `launched` and `audited` are read, but `approved` alone decides.
    mini.clauses("first", clause("gate", "alpha", "host", "forbid", "when: approved") +
                              clause("narrower", "alpha", "host", "forbid",
                                     "when: approved and (launched or audited)"));
    Deal deal = load_ok(mini);
    Answer a = ask(deal, host_on_aws());
    CHECK(a.verdict == VerdictKind::Depends);
    CHECK(names(a) == std::vector<std::string>{"approved"});
    CHECK(a.outcomes.empty());
}

TEST_CASE("several unknowns: cases are grouped by outcome and folded", "[eval][depends]") {
    MiniDeal mini;
    mini.clauses("first", clause("gate", "alpha", "host", "forbid", "when: approved and launched") +
                              clause("audit", "alpha", "host", "consent",
                                     "when: audited and not approved\nconsent_of: beta") +
                              clause("noise", "alpha", "host", "forbid",
                                     "when: approved and launched and rating == gold"));
    Deal deal = load_ok(mini);
    Answer a = ask(deal, host_on_aws());
    INFO(render_text(a, {}));
    CHECK(a.verdict == VerdictKind::Depends);
    // rating is read but never matters: 3 facts, not 4, and no 24-row table.
    auto unknowns = names(a);
    CHECK(std::set<std::string>(unknowns.begin(), unknowns.end()) ==
          std::set<std::string>{"approved", "launched", "audited"});
    std::map<VerdictKind, std::set<Values>> table;
    for (const auto& o : a.outcomes)
        for (const auto& c : o.cases)
            table[o.verdict].insert(Values(c.begin(), c.end()));
    CHECK(table == std::map<VerdictKind, std::set<Values>>{
                       {VerdictKind::Forbidden, {{{"approved", "true"}, {"launched", "true"}}}},
                       {VerdictKind::NeedsConsent, {{{"approved", "false"}, {"audited", "true"}}}},
                       {VerdictKind::NotCovered,
                        {{{"approved", "true"}, {"launched", "false"}},
                         {{"approved", "false"}, {"audited", "false"}}}}});
    CHECK_FALSE(a.every_outcome); // forbidden in one case, not in another
}

TEST_CASE("DEPENDS says when every outcome lets the action go ahead", "[eval][depends]") {
    MiniDeal mini;
    mini.clauses("first", clause("ok-when-approved", "alpha", "host", "permit", "when: approved"));
    Deal deal = load_ok(mini);
    Answer a = ask(deal, host_on_aws());
    // PERMITTED when approved, NOT-COVERED under a permitting default otherwise.
    CHECK(a.verdict == VerdictKind::Depends);
    REQUIRE(a.every_outcome);
    CHECK(*a.every_outcome == VerdictKind::Permitted);
    CHECK_THAT(render_text(a, {}), Catch::Contains("in every case the action may go ahead"));
}

TEST_CASE("an unknown whose values cannot be listed does not hide a settled verdict",
          "[eval][depends]") {
    MiniDeal mini;
    // Approved, the window has closed; not approved, the condition is false: the price
    // (money, left out) never matters.
    mini.clauses("first", clause("costly", "alpha", "host", "forbid",
                                 "when: approved and price > 1M USD\nuntil: approved"));
    Deal deal = load_ok(mini);
    Answer a = ask(deal, host_on_aws());
    CHECK(a.verdict == VerdictKind::NotCovered);
    CHECK(a.depends_on.empty());
}

TEST_CASE("an unknown whose values cannot be listed is named where it still matters",
          "[eval][depends]") {
    MiniDeal mini;
    mini.clauses("first",
                 clause("costly", "alpha", "host", "forbid", "when: approved and price > 1M USD"));
    Deal deal = load_ok(mini);
    Answer a = ask(deal, host_on_aws());
    CHECK(a.verdict == VerdictKind::Depends);
    CHECK(names(a) == std::vector<std::string>{"approved", "price"});
    std::map<std::string, VerdictKind> approved;
    for (const auto& o : dependency(a, "approved").outcomes)
        approved[o.value] = o.verdict;
    // Not approved settles it; approved leaves it to the price.
    CHECK(approved == std::map<std::string, VerdictKind>{{"true", VerdictKind::Depends},
                                                         {"false", VerdictKind::NotCovered}});
    CHECK(dependency(a, "price").outcomes.empty());
}
