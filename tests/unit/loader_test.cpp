// Loader and checker errors: each kind located at its exact file:line:col, with its
// hint, every error of a run reported, and the rendered form users read.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

// The one error of a failed load; fails the test when there are more or none.
Diagnostic only_error(MiniDeal& deal) {
    Diagnostics diags = load_errors(deal);
    INFO(summary(diags));
    REQUIRE(diags.items().size() == 1);
    return diags.items()[0];
}

void check_at(const Diagnostic& d, const std::string& file, int line, int column) {
    INFO(d.where.file << ":" << d.where.line << ":" << d.where.column << ": " << d.message);
    CHECK(d.where.file == file);
    CHECK(d.where.line == line);
    CHECK(d.where.column == column);
}

// A manifest with one agreement and `effective` on line 7, column 16.
std::string manifest_effective(const std::string& effective) {
    return "deal: mini\n"
           "parties:\n"
           "  - {id: alpha, name: Alpha}\n"
           "vocabulary: vocabulary.yaml\n"
           "agreements:\n"
           "  - id: first\n"
           "    effective: " +
           effective +
           "\n"
           "    file: agreements/first.yaml\n";
}

} // namespace

TEST_CASE("the minimal deal loads without diagnostics", "[loader]") {
    MiniDeal deal;
    auto loaded = deal.load();
    INFO(render(loaded.diagnostics));
    CHECK(loaded.deal.has_value());
    CHECK(loaded.diagnostics.items().empty());
}

TEST_CASE("an unknown key is reported at the key with the nearest allowed key",
          "[loader][unknown-key]") {
    MiniDeal deal;
    SECTION("a misspelt clause key") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "untl: 2030-12-31"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 5);
        CHECK(d.message == "unknown key `untl` in a clause");
        CHECK(d.hint == "did you mean `until`?");
        CHECK(d.span == 4);
        CHECK(d.severity == Severity::Error);
    }
    SECTION("a misspelt manifest key") {
        deal.file("deal.yaml", "deal: mini\n"
                               "defualt: permitted\n"
                               "parties:\n"
                               "  - {id: alpha, name: Alpha}\n"
                               "vocabulary: vocabulary.yaml\n"
                               "agreements: []\n");
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("deal.yaml"), 2, 1);
        CHECK(d.message == "unknown key `defualt` in the deal manifest");
        CHECK(d.hint == "did you mean `default`?");
    }
    SECTION("a key like no allowed key lists the allowed keys") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "colour: red"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 5);
        CHECK(d.message == "unknown key `colour` in a clause");
        CHECK_THAT(d.hint, Catch::StartsWith("allowed keys: `id`, `title`"));
        CHECK_THAT(d.hint, Catch::Contains("`until`"));
    }
}

TEST_CASE("a missing required key is reported at the map that lacks it", "[loader][missing-key]") {
    MiniDeal deal;
    SECTION("a clause without `cite`") {
        deal.clauses("first", "  - id: base\n"
                              "    title: Alpha may host\n"
                              "    quote: Alpha may host.\n"
                              "    tag: official\n"
                              "    party: alpha\n"
                              "    actions: [host]\n"
                              "    effect: permit\n");
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 3, 5);
        CHECK(d.message == "missing required key `cite` in a clause");
    }
    SECTION("a manifest without `parties`") {
        deal.file("deal.yaml", "deal: mini\n"
                               "vocabulary: vocabulary.yaml\n"
                               "agreements: []\n");
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("deal.yaml"), 1, 1);
        CHECK(d.message == "missing required key `parties` in the deal manifest");
    }
    SECTION("every missing key of a clause is reported") {
        deal.clauses("second", "  - id: bare\n");
        Diagnostics diags = load_errors(deal);
        INFO(summary(diags));
        CHECK(diags.error_count() == 7); // title quote cite tag party actions effect
        for (const auto& d : diags.items()) {
            check_at(d, deal.path_of("agreements/second.yaml"), 3, 5);
            CHECK_THAT(d.message, Catch::StartsWith("missing required key"));
        }
    }
    SECTION("an amending clause needs only its id") {
        deal.clauses("second", "  - id: base-2025\n"
                               "    amends: base\n");
        auto loaded = deal.load();
        INFO(render(loaded.diagnostics));
        CHECK(loaded.deal.has_value());
    }
}

TEST_CASE("a duplicate key is reported at its second occurrence", "[loader][duplicate-key]") {
    MiniDeal deal;
    SECTION("in a clause") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "title: Again"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 5);
        CHECK(d.message == "duplicate key `title` in a clause");
        CHECK(d.code == DiagnosticCode::duplicate_key);
        CHECK(d.hint == "YAML keeps only one of them: remove or rename one");
        REQUIRE(d.related.size() == 1);
        CHECK(d.related[0].where.file == deal.path_of("agreements/first.yaml"));
        CHECK(d.related[0].where.line == 4);
        CHECK(d.related[0].message == "the first `title` is here");
        CHECK(d.span == 5);
    }
    SECTION("in a map of named entries of the vocabulary") {
        deal.file("vocabulary.yaml", "enums:\n"
                                     "  cloud: [azure, aws]\n"
                                     "actions:\n"
                                     "  host:\n"
                                     "    verbs: [hosts]\n"
                                     "    attributes: {cloud: cloud}\n"
                                     "facts:\n"
                                     "  approved: {type: bool}\n"
                                     "  approved: {type: bool}\n");
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("vocabulary.yaml"), 9, 3);
        CHECK(d.message == "duplicate key `approved` in `facts`");
        CHECK(d.hint == "the first `approved` is on line 8");
    }
}

TEST_CASE("a duplicate clause id is reported at the second, naming the first",
          "[checker][duplicate-id]") {
    MiniDeal deal;
    deal.clauses("second", clause("base", "beta", "host", "forbid"));
    Diagnostic d = only_error(deal);
    check_at(d, deal.path_of("agreements/second.yaml"), 3, 9);
    CHECK(d.message == "duplicate clause id `base`");
    CHECK(d.code == DiagnosticCode::duplicate_id);
    REQUIRE(d.related.size() == 1);
    CHECK(d.related[0].where.file == deal.path_of("agreements/first.yaml"));
    CHECK(d.related[0].where.line == 3);
    CHECK(d.related[0].message == "the first `base` is here");
    CHECK(d.span == 4);
}

TEST_CASE("a dangling reference is reported at the name, with the nearest name",
          "[checker][dangling]") {
    MiniDeal deal;
    const std::string second = deal.path_of("agreements/second.yaml");
    SECTION("exception_to") {
        deal.clauses("second",
                     clause("narrow", "alpha", "host", "forbid", "exception_to: [base, bsae]"));
        Diagnostic d = only_error(deal);
        check_at(d, second, 11, 26);
        CHECK(d.message == "no clause has the id `bsae`");
        CHECK(d.hint == "did you mean `base`?");
        CHECK(d.span == 4);
    }
    SECTION("replaces") {
        deal.clauses("second", clause("wider", "alpha", "host", "permit", "replaces: [bsae]"));
        Diagnostic d = only_error(deal);
        check_at(d, second, 11, 16);
        CHECK(d.message == "no clause has the id `bsae`");
        CHECK(d.hint == "did you mean `base`?");
    }
    SECTION("amends") {
        deal.clauses("second", "  - id: later\n"
                               "    amends: bsae\n");
        Diagnostic d = only_error(deal);
        check_at(d, second, 4, 13);
        CHECK(d.message == "no clause has the id `bsae`");
        CHECK(d.hint == "did you mean `base`?");
    }
    SECTION("terminates") {
        deal.file("agreements/second.yaml", "agreement: second\n"
                                            "terminates: [bsae]\n"
                                            "clauses: []\n");
        Diagnostic d = only_error(deal);
        check_at(d, second, 2, 14);
        CHECK(d.message == "no clause has the id `bsae`");
        CHECK(d.hint == "did you mean `base`?");
    }
    SECTION("an unknown party") {
        deal.clauses("second", clause("narrow", "alpah", "host", "forbid"));
        Diagnostic d = only_error(deal);
        check_at(d, second, 8, 12);
        CHECK(d.message == "unknown party `alpah`");
        CHECK(d.hint == "did you mean `alpha`?");
        CHECK(d.span == 5);
    }
    SECTION("an unknown party given a consequence") {
        deal.clauses("second", clause("bonus", "alpha", "host", "grant",
                                      "consequence: {party: bta, text: a bonus}"));
        Diagnostic d = only_error(deal);
        check_at(d, second, 11, 26);
        CHECK(d.message == "unknown party `bta`");
        CHECK(d.hint == "did you mean `beta`?");
    }
    SECTION("an unknown action kind") {
        deal.clauses("second", clause("narrow", "alpha", "host, hots", "forbid"));
        Diagnostic d = only_error(deal);
        check_at(d, second, 9, 21);
        CHECK(d.message == "unknown action kind `hots`");
        CHECK(d.hint == "did you mean `host`?");
        CHECK(d.span == 4);
    }
}

TEST_CASE("a value of the wrong type is reported at the value", "[loader][type]") {
    MiniDeal deal;
    SECTION("a word where a date belongs") {
        deal.file("deal.yaml", manifest_effective("soon"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("deal.yaml"), 7, 16);
        CHECK(d.message == "the effective date must be a date YYYY-MM-DD, not `soon`");
        CHECK(d.span == 4);
    }
    SECTION("a list where a condition belongs") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "when: [cloud == azure]"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 11);
        CHECK(d.message == "the condition must be text, not a list");
    }
    SECTION("an unknown effect") {
        deal.clauses("first", clause("base", "alpha", "host", "permits"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 10, 13);
        CHECK(d.message == "unknown effect `permits`");
        CHECK(d.hint == "did you mean `permit`?");
    }
}

TEST_CASE("an impossible date is an error, not a rolled-over date", "[loader][date]") {
    MiniDeal deal;
    SECTION("as an agreement's effective date") {
        deal.file("deal.yaml", manifest_effective("2030-02-30"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("deal.yaml"), 7, 16);
        CHECK(d.message == "impossible date `2030-02-30` in the effective date");
        CHECK(d.hint == "check the month and the day: that day does not exist");
        CHECK(d.span == 10);
    }
    SECTION("as the end of a clause's window") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "until: 2030-02-30"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 12);
        CHECK_THAT(d.message, Catch::StartsWith("impossible date 2030-02-30"));
    }
    SECTION("a leap day is a real date") {
        deal.file("deal.yaml", manifest_effective("2028-02-29"));
        deal.clauses("first", clause("base", "alpha", "host", "permit", "until: 2032-02-29"));
        auto loaded = deal.load();
        INFO(render(loaded.diagnostics));
        CHECK(loaded.deal.has_value());
    }
}

TEST_CASE("a window that ends before it starts is an error at its end", "[checker][window]") {
    MiniDeal deal;
    SECTION("against its own `from`") {
        deal.clauses("first", clause("base", "alpha", "host", "permit",
                                     "from: 2024-01-01\nuntil: 2023-12-31"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 12, 12);
        CHECK(d.message == "clause `base` ends on 2023-12-31, before it starts on 2024-01-01");
        CHECK(d.hint == "check `from` and `until`");
        CHECK(d.span == 10);
    }
    SECTION("against its agreement's effective date") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "until: 2019-12-31"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 12);
        CHECK(d.message == "clause `base` ends on 2019-12-31, before it starts on 2020-01-01");
        CHECK_THAT(d.hint, Catch::Contains("effective date"));
    }
    SECTION("the earliest of several ends is checked") {
        deal.clauses("first", clause("base", "alpha", "host", "permit",
                                     "until: [2030-12-31, 2019-06-30, approved]"));
        Diagnostic d = only_error(deal);
        check_at(d, deal.path_of("agreements/first.yaml"), 11, 25);
        CHECK(d.message == "clause `base` ends on 2019-06-30, before it starts on 2020-01-01");
    }
    SECTION("a one-day window is valid") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "until: 2020-01-01"));
        auto loaded = deal.load();
        INFO(render(loaded.diagnostics));
        CHECK(loaded.deal.has_value());
    }
}

TEST_CASE("a YAML syntax error is located in its file", "[loader][yaml]") {
    MiniDeal deal;
    const std::string second = deal.path_of("agreements/second.yaml");
    SECTION("a colon inside a plain value") {
        deal.file("agreements/second.yaml", "agreement: second\n"
                                            "clauses:\n"
                                            "  - id: x\n"
                                            "    title: a: b\n");
        Diagnostic d = only_error(deal);
        check_at(d, second, 4, 13);
        CHECK(d.message == "YAML syntax error: illegal map value");
    }
    SECTION("a block entry inside a flow list") {
        deal.file("agreements/second.yaml", "agreement: second\n"
                                            "clauses: [\n"
                                            "  - id: x\n");
        Diagnostic d = only_error(deal);
        check_at(d, second, 3, 3);
        CHECK_THAT(d.message, Catch::StartsWith("YAML syntax error: "));
    }
}

TEST_CASE("every error of a run is reported, not just the first", "[loader][all-errors]") {
    MiniDeal deal;
    SECTION("two loader errors in two files give two diagnostics") {
        deal.clauses("first", clause("base", "alpha", "host", "permit", "untl: 2030-12-31"));
        deal.clauses("second", clause("other", "beta", "host", "forbid", "whne: approved"));
        Diagnostics diags = load_errors(deal);
        INFO(summary(diags));
        REQUIRE(diags.items().size() == 2);
        check_at(diags.items()[0], deal.path_of("agreements/first.yaml"), 11, 5);
        CHECK(diags.items()[0].hint == "did you mean `until`?");
        check_at(diags.items()[1], deal.path_of("agreements/second.yaml"), 11, 5);
        CHECK(diags.items()[1].hint == "did you mean `when`?");
    }
    SECTION("two checker errors in two files give two diagnostics") {
        deal.clauses("first", clause("base", "alpah", "host", "permit"));
        deal.clauses("second", clause("other", "beta", "host", "forbid", "exception_to: [bsae]"));
        Diagnostics diags = load_errors(deal);
        INFO(summary(diags));
        REQUIRE(diags.items().size() == 2);
        check_at(diags.items()[0], deal.path_of("agreements/first.yaml"), 8, 12);
        CHECK(diags.items()[0].message == "unknown party `alpah`");
        check_at(diags.items()[1], deal.path_of("agreements/second.yaml"), 11, 20);
        CHECK(diags.items()[1].message == "no clause has the id `bsae`");
    }
    SECTION("errors in one file are reported in line order") {
        deal.clauses("second", clause("one", "gamma", "host", "forbid") +
                                   clause("two", "beta", "hots", "forbid", "until: 2030-02-30"));
        Diagnostics diags = load_errors(deal);
        INFO(summary(diags));
        REQUIRE(diags.items().size() == 3);
        CHECK(diags.items()[0].where.line == 8);
        CHECK(diags.items()[1].where.line == 17);
        CHECK(diags.items()[2].where.line == 19);
    }
}

TEST_CASE("a diagnostic renders as file:line:col, the quoted line, a caret, and the hint",
          "[diagnostic][render]") {
    MiniDeal deal;
    deal.clauses("first", clause("base", "alpha", "host", "permit", "untl: 2030-12-31"));
    Diagnostic d = only_error(deal);
    std::string const file = deal.path_of("agreements/first.yaml");
    CHECK(render(d) == file + ":11:5: error[DC1101]: unknown key `untl` in a clause\n"
                              "        untl: 2030-12-31\n"
                              "        ^~~~\n"
                              "    hint: did you mean `until`?\n");

    SECTION("without a hint there is no hint line") {
        d.hint.clear();
        CHECK(render(d) == file + ":11:5: error[DC1101]: unknown key `untl` in a clause\n"
                                  "        untl: 2030-12-31\n"
                                  "        ^~~~\n");
    }
    SECTION("colour adds escapes around the same text") {
        std::string coloured = render(d, true);
        CHECK_THAT(coloured, Catch::Contains("\033["));
        CHECK_THAT(coloured, Catch::Contains("unknown key `untl` in a clause"));
        CHECK(render(d).find('\033') == std::string::npos);
    }
    SECTION("a list of diagnostics renders each in turn") {
        Diagnostics two;
        two.add(d);
        two.add(d);
        CHECK(render(two) == render(d) + render(d));
    }
}
