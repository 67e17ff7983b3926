// End to end through the built dealcheck binary: the deal-facts questions, the three
// question forms, usage errors, `check`, and where the rules come from.
#include "json.hpp"
#include "process.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

using namespace dealcheck::e2e;
using Catch::Contains;
using Ids = std::vector<std::string>;

namespace fs = std::filesystem;

namespace {

// `dealcheck ask <phrase>` and `dealcheck ask --json <phrase>`, with the exit code of
// both checked to agree.
struct Asked {
    Run text;
    Json json;
};

Asked ask(const std::string& phrase) {
    Asked a;
    a.text = cli({"ask", phrase});
    INFO(phrase << "\n" << a.text.err);
    Run json = cli({"ask", "--json", phrase});
    REQUIRE(json.exit_code == a.text.exit_code);
    a.json = Json::parse(json.out);
    return a;
}

// The answer's `deciding` clause ids.
Ids deciding(const Asked& a) {
    return strings(a.json["deciding"], "id");
}

const fs::path bundled = fs::path(DEALCHECK_RULES_DIR) / "microsoft-openai";

// A one-clause deal of its own: Alpha may host on AWS.
void write_small_deal(const fs::path& dir) {
    write_file(dir / "deal.yaml", "deal: small\n"
                                  "parties:\n"
                                  "  - {id: alpha, name: Alpha}\n"
                                  "vocabulary: vocabulary.yaml\n"
                                  "agreements:\n"
                                  "  - {id: only, effective: 2020-01-01, file: only.yaml}\n");
    write_file(dir / "vocabulary.yaml", "enums:\n"
                                        "  cloud: [azure, aws]\n"
                                        "actions:\n"
                                        "  host:\n"
                                        "    verbs: [hosts]\n"
                                        "    attributes:\n"
                                        "      cloud: {type: cloud, words: [on]}\n");
    write_file(dir / "only.yaml", "agreement: only\n"
                                  "clauses:\n"
                                  "  - id: alpha-on-aws\n"
                                  "    title: Alpha may host on AWS\n"
                                  "    quote: Alpha may host on AWS.\n"
                                  "    cite: Test\n"
                                  "    tag: official\n"
                                  "    party: alpha\n"
                                  "    actions: [host]\n"
                                  "    when: cloud == aws\n"
                                  "    effect: permit\n");
}

// The 1-based line of the first occurrence of `needle` in `text`.
int line_of(const std::string& text, const std::string& needle) {
    auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// Replaces the first `from` in the file with `to`, and returns the line it is on.
int break_file(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = read_file(file);
    int line = line_of(text, from);
    text.replace(text.find(from), from.size(), to);
    write_file(file, text);
    return line;
}

} // namespace

// ---- The deal-facts questions (shared/deal-facts.md) --------------------------------

TEST_CASE("Q1: OpenAI may acquire Windsurf - Microsoft gains rights to its IP until 2030",
          "[e2e][deal-facts]") {
    Asked a = ask("OpenAI acquires Windsurf for 3B USD on 2025-06-01");
    CHECK(a.text.first_line() == "PERMITTED");
    CHECK(a.text.exit_code == 0);
    CHECK(a.json["verdict"].string() == "permitted");
    CHECK(deciding(a) == Ids{"acquired-ip-2025"});
    REQUIRE(a.json["consequences"].size() == 1);
    const Json& c = a.json["consequences"][0];
    CHECK(c["kind"].string() == "right");
    CHECK(c["party"].string() == "microsoft");
    CHECK(c["until"].string() == "2030-12-31");
    CHECK(c["clause"].string() == "acquired-ip-2025");
    CHECK_THAT(a.text.out, Contains("microsoft gains: "));
}

TEST_CASE("Q2: OpenAI may not acquire Windsurf while withholding its IP from Microsoft",
          "[e2e][deal-facts]") {
    Asked a = ask("OpenAI acquires Windsurf for 3B USD withholding its IP from Microsoft on "
                  "2025-06-01");
    CHECK(a.text.first_line() == "FORBIDDEN");
    CHECK(a.text.exit_code == 1);
    CHECK(deciding(a) == Ids{"acquired-ip-not-withheld-2025"});
    CHECK(a.json["consequences"].size() == 0);
}

TEST_CASE("Q3: OpenAI's stateless API on AWS in 2026 is forbidden by Azure exclusivity",
          "[e2e][deal-facts]") {
    Asked a = ask("OpenAI serves stateless API to enterprise customers on AWS on 2026-01-15");
    CHECK(a.text.first_line() == "FORBIDDEN");
    CHECK(a.text.exit_code == 1);
    CHECK(deciding(a) == Ids{"api-exclusivity-2025-10"});
}

TEST_CASE("Q4: OpenAI's stateless API on AWS in 2031 is permitted, exclusivity over",
          "[e2e][deal-facts]") {
    Asked a = ask("OpenAI serves stateless API to enterprise customers on AWS on 2031-03-01");
    CHECK(a.text.first_line() == "PERMITTED");
    CHECK(a.text.exit_code == 0);
    CHECK(deciding(a) == Ids{"any-cloud-2026-04"});
}

TEST_CASE("Q5: OpenAI's stateless API on AWS: AGI verification in March 2026, the reading in 2028",
          "[e2e][deal-facts]") {
    Asked a = ask("OpenAI serves stateless API to enterprise customers on AWS on 2026-03-15 "
                  "given agi_verified=unknown");
    CHECK(a.text.first_line() == "DEPENDS on agi_verified");
    CHECK(a.text.exit_code == 2);
    CHECK(a.json["verdict"].string() == "depends");
    REQUIRE(a.json["depends_on"].size() == 1);
    const Json& d = a.json["depends_on"][0];
    CHECK(d["name"].string() == "agi_verified");
    CHECK(d["kind"].string() == "fact");
    REQUIRE(d["outcomes"].size() == 2);
    CHECK(d["outcomes"][0]["value"].string() == "true");
    CHECK(d["outcomes"][0]["verdict"].string() == "not-covered");
    CHECK(d["outcomes"][1]["value"].string() == "false");
    CHECK(d["outcomes"][1]["verdict"].string() == "forbidden");
    CHECK(deciding(a) == Ids{"stateless-exclusivity-2026-02"});

    // From 2026-04-27 no term hinges on AGI: the reading of the any-cloud sentence
    // decides, and the answer names the other.
    Asked later = ask("OpenAI serves stateless API to enterprise customers on AWS on 2028-06-01 "
                      "given agi_verified=unknown");
    CHECK(later.text.first_line() == "PERMITTED");
    CHECK(later.text.exit_code == 0);
    CHECK(deciding(later) == Ids{"any-cloud-2026-04"});
    REQUIRE(later.json["other_readings"].size() == 1);
    CHECK(later.json["other_readings"][0]["value"].string() == "exclusivity_survives");
    CHECK(later.json["other_readings"][0]["verdict"].string() == "forbidden");
    CHECK_THAT(later.text.out, Contains("under the reading exclusivity_survives instead: "
                                        "FORBIDDEN by stateless-exclusivity-survives-2026-04"));
}

TEST_CASE("Q6: OpenAI may serve US national-security customers on AWS", "[e2e][deal-facts]") {
    Asked a =
        ask("OpenAI serves stateless API to US national-security customers on AWS on 2026-01-15");
    CHECK(a.text.first_line() == "PERMITTED");
    CHECK(a.text.exit_code == 0);
    CHECK(deciding(a) == Ids{"national-security-2025-10"});
    REQUIRE(a.json["overridden"].size() == 1);
    CHECK(a.json["overridden"][0]["clause"]["id"].string() == "api-exclusivity-2025-10");
    CHECK(a.json["overridden"][0]["by"].string() == "national-security-2025-10");
}

TEST_CASE("Q7: OpenAI may deploy Sora on Google Cloud", "[e2e][deal-facts]") {
    Asked a = ask("OpenAI deploys Sora on Google Cloud on 2026-01-15");
    CHECK(a.text.first_line() == "PERMITTED");
    CHECK(a.text.exit_code == 0);
    CHECK(deciding(a) == Ids{"joint-products-2025-10"});
}

TEST_CASE("Q8: OpenAI may release open-weight models to AWS Bedrock", "[e2e][deal-facts]") {
    Asked a = ask("OpenAI releases open-weight models to AWS Bedrock on 2025-11-15");
    CHECK(a.text.first_line() == "PERMITTED");
    CHECK(a.text.exit_code == 0);
    CHECK(deciding(a) == Ids{"open-weights-2025-10"});
}

TEST_CASE("Q9: Microsoft may use GPT-5 in Windows through 2032, not after", "[e2e][deal-facts]") {
    Asked in_2031 = ask("Microsoft uses GPT-5 in Windows royalty-free on 2031-06-01");
    CHECK(in_2031.text.first_line() == "PERMITTED");
    CHECK(in_2031.text.exit_code == 0);
    // The IP rights through 2032 and the seven royalty-free years (sources/004).
    CHECK(deciding(in_2031) == Ids{"ip-rights-2032", "royalty-free-models-2025-10"});

    Asked in_2033 = ask("Microsoft uses GPT-5 in Windows royalty-free on 2033-06-01");
    CHECK(in_2033.text.first_line() ==
          "NOT-COVERED (no clause speaks to it; the action's own default: forbidden)");
    CHECK(in_2033.text.exit_code == 1);
    CHECK(in_2033.json["verdict"].string() == "not-covered");
    CHECK(in_2033.json["default"].string() == "forbidden");
    CHECK(deciding(in_2033).empty());
}

TEST_CASE("Q10: Microsoft may not use OpenAI's consumer-hardware designs", "[e2e][deal-facts]") {
    Asked a = ask("Microsoft uses OpenAI's consumer-hardware designs on 2026-01-15");
    CHECK(a.text.first_line() == "FORBIDDEN");
    CHECK(a.text.exit_code == 1);
    CHECK(deciding(a) == Ids{"consumer-hardware-excluded-2025-10"});
}

TEST_CASE("Q11: OpenAI buying Oracle capacity: forbidden, then Microsoft's consent, then free",
          "[e2e][deal-facts]") {
    Asked in_2023 = ask("OpenAI buys training capacity from Oracle on 2023-06-01");
    CHECK(in_2023.text.first_line() == "FORBIDDEN");
    CHECK(in_2023.text.exit_code == 1);
    CHECK(deciding(in_2023) == Ids{"azure-all-workloads-2023"});

    Asked in_2025 = ask("OpenAI buys training capacity from Oracle on 2025-03-01");
    CHECK(in_2025.text.first_line() == "NEEDS-CONSENT of microsoft");
    CHECK(in_2025.text.exit_code == 2);
    CHECK(strings(in_2025.json["consent_of"]) == Ids{"microsoft"});
    CHECK(deciding(in_2025) == Ids{"compute-rofr-2025"});

    Asked consented =
        ask("OpenAI buys training capacity from Oracle with consent of Microsoft on 2025-03-01");
    CHECK(consented.text.first_line() == "PERMITTED");
    CHECK(consented.text.exit_code == 0);

    Asked after = ask("OpenAI buys training capacity from Oracle on 2025-11-15");
    CHECK(after.text.first_line() == "PERMITTED");
    CHECK(after.text.exit_code == 0);
    CHECK(deciding(after) == Ids{"compute-freedom-2025-10"});
}

// ---- The three question forms ------------------------------------------------------

TEST_CASE("a phrase, flags, and YAML and JSON files give byte-identical JSON", "[e2e][forms]") {
    TempDir dir;
    struct Forms {
        std::string phrase;
        std::vector<std::string> flags;
        std::string yaml, json;
    };
    Forms forms;
    SECTION("Q1: attributes, money and a defaulted attribute") {
        forms.phrase = "OpenAI acquires Windsurf for 3B USD on 2025-06-01";
        forms.flags = {"--party",         "openai", "--action",     "acquire", "--set",
                       "target=windsurf", "--set",  "price=3B USD", "--date",  "2025-06-01"};
        forms.yaml = "party: OpenAI\n"
                     "action: acquire\n"
                     "attributes: {target: Windsurf, price: 3B USD}\n"
                     "date: 2025-06-01\n";
        forms.json = R"({"party": "openai", "action": "acquire",
                         "attributes": {"target": "windsurf", "price": "3B USD"},
                         "date": "2025-06-01"})";
    }
    SECTION("Q5: an unknown fact") {
        forms.phrase = "OpenAI serves stateless API to enterprise customers on AWS on "
                       "2028-06-01 given agi_verified=unknown";
        forms.flags = {"--party",  "OpenAI",
                       "--action", "serve_api",
                       "--set",    "api=stateless",
                       "--set",    "customer=enterprise",
                       "--set",    "cloud=aws",
                       "--date",   "2028-06-01",
                       "--fact",   "agi_verified=unknown"};
        forms.yaml = "party: openai\n"
                     "action: serve_api\n"
                     "attributes:\n"
                     "  api: stateless\n"
                     "  customer: enterprise\n"
                     "  cloud: AWS\n"
                     "date: 2028-06-01\n"
                     "facts: {agi_verified: unknown}\n";
        forms.json = R"({"party": "openai", "action": "serve_api",
                         "attributes": {"api": "stateless", "customer": "enterprise",
                                        "cloud": "aws"},
                         "date": "2028-06-01", "facts": {"agi_verified": "unknown"}})";
    }
    SECTION("Q11: a consent") {
        forms.phrase = "OpenAI buys training capacity from Oracle with consent of Microsoft "
                       "on 2025-03-01";
        forms.flags = {"--party",           "openai",   "--action",     "buy_compute", "--set",
                       "capacity=training", "--set",    "cloud=oracle", "--date",      "2025-03-01",
                       "--consent",         "Microsoft"};
        forms.yaml = "party: openai\n"
                     "action: buy_compute\n"
                     "attributes: {capacity: training, cloud: oracle}\n"
                     "date: 2025-03-01\n"
                     "consents: [microsoft]\n";
        forms.json = R"({"party": "openai", "action": "buy_compute",
                         "attributes": {"capacity": "training", "cloud": "oracle"},
                         "date": "2025-03-01", "consents": ["microsoft"]})";
    }

    Run phrase = cli({"ask", "--json", forms.phrase});
    INFO(phrase.err);
    REQUIRE(phrase.exit_code < 3);
    REQUIRE_NOTHROW(Json::parse(phrase.out));

    std::vector<std::string> flags{"ask", "--json"};
    flags.insert(flags.end(), forms.flags.begin(), forms.flags.end());
    Run by_flags = cli(flags);
    INFO(by_flags.err);
    CHECK(by_flags.out == phrase.out);
    CHECK(by_flags.exit_code == phrase.exit_code);

    write_file(dir.path() / "question.yaml", forms.yaml);
    Run yaml = cli({"ask", "--json", "--file", (dir.path() / "question.yaml").string()});
    INFO(yaml.err);
    CHECK(yaml.out == phrase.out);
    CHECK(yaml.exit_code == phrase.exit_code);

    write_file(dir.path() / "question.json", forms.json);
    Run json = cli({"ask", "--json", "--file", (dir.path() / "question.json").string()});
    INFO(json.err);
    CHECK(json.out == phrase.out);
    CHECK(json.exit_code == phrase.exit_code);

    write_file(dir.path() / "phrase.yaml", "question: \"" + forms.phrase + "\"\n");
    Run in_file = cli({"ask", "--json", "--file", (dir.path() / "phrase.yaml").string()});
    INFO(in_file.err);
    CHECK(in_file.out == phrase.out);
}

TEST_CASE("a fact given as unknown is not taken from its known record, in every question form",
          "[e2e][forms]") {
    // agi_verified is recorded as false through 2026-11-23: left out, the answer assumes
    // it; given as unknown, the answer depends on it.
    const std::string question = "OpenAI serves stateless API to enterprise customers on AWS on "
                                 "2026-03-15";
    Run assumed = cli({"ask", question});
    CHECK(assumed.exit_code == 1);
    CHECK_THAT(assumed.out, Contains("agi_verified = false (recorded as known"));

    auto depends = [](const Run& r) {
        INFO(r.out << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.first_line() == "DEPENDS on agi_verified");
        CHECK_THAT(r.out, !Contains("Assumed from the rules"));
    };
    depends(cli({"ask", question + " given agi_verified=unknown"}));
    depends(cli({"ask", "--party", "openai", "--action", "serve_api", "--set", "api=stateless",
                 "--set", "customer=enterprise", "--set", "cloud=aws", "--date", "2026-03-15",
                 "--fact", "agi_verified=unknown"}));
    TempDir dir;
    write_file(dir.path() / "question.yaml", "party: openai\n"
                                             "action: serve_api\n"
                                             "attributes: {api: stateless, customer: enterprise, "
                                             "cloud: aws}\n"
                                             "date: 2026-03-15\n"
                                             "facts: {agi_verified: unknown}\n");
    depends(cli({"ask", "--file", (dir.path() / "question.yaml").string()}));

    write_file(dir.path() / "questions.jsonl",
               R"({"party": "openai", "action": "serve_api", "attributes": {"api": "stateless", )"
               R"("customer": "enterprise", "cloud": "aws"}, "date": "2026-03-15", )"
               R"("facts": {"agi_verified": "unknown"}})"
               "\n");
    Run batch = cli({"batch", (dir.path() / "questions.jsonl").string()});
    INFO(batch.out << batch.err);
    CHECK(batch.exit_code == 0);
    CHECK(Json::parse(batch.out)["verdict"].string() == "depends");
}

// ---- Numbers ----------------------------------------------------------------------

// A threshold far beyond the integers a double holds exactly: Alpha may not train with
// 1e26 FLOP or more (default: permitted).
void write_threshold_deal(const fs::path& dir) {
    write_file(dir / "deal.yaml", "deal: compute\n"
                                  "parties:\n"
                                  "  - {id: alpha, name: Alpha}\n"
                                  "vocabulary: vocabulary.yaml\n"
                                  "agreements:\n"
                                  "  - {id: only, effective: 2020-01-01, file: only.yaml}\n");
    write_file(dir / "vocabulary.yaml", "actions:\n"
                                        "  train:\n"
                                        "    verbs: [trains]\n"
                                        "    attributes:\n"
                                        "      flops: {type: number, words: [using]}\n");
    write_file(dir / "only.yaml", "agreement: only\n"
                                  "clauses:\n"
                                  "  - id: frontier\n"
                                  "    title: No frontier runs\n"
                                  "    quote: Alpha may not train with 1e26 FLOP or more.\n"
                                  "    cite: Test\n"
                                  "    tag: official\n"
                                  "    party: alpha\n"
                                  "    actions: [train]\n"
                                  "    when: flops >= 1e26\n"
                                  "    effect: forbid\n");
}

std::string verdict_of(const Run& run) {
    INFO(run.err);
    REQUIRE(run.exit_code < 3);
    return Json::parse(run.out)["verdict"].string();
}

TEST_CASE("scientific notation is read in rule files and every form of a question",
          "[e2e][number]") {
    TempDir dir;
    write_threshold_deal(dir.path());
    const std::string rules = dir.path().string();

    CHECK(verdict_of(cli({"ask", "--json", "--rules", rules,
                          "Alpha trains using 1e26 on 2021-01-01"})) == "forbidden");
    CHECK(verdict_of(cli({"ask", "--json", "--rules", rules,
                          "Alpha trains using 3.5e24 on 2021-01-01"})) == "not-covered");
    CHECK(verdict_of(cli({"ask", "--json", "--rules", rules, "--party", "alpha", "--action",
                          "train", "--set", "flops=2.5E26", "--date", "2021-01-01"})) ==
          "forbidden");

    write_file(dir.path() / "question.json", R"({"party": "alpha", "action": "train",
        "attributes": {"flops": 1e+26}, "date": "2021-01-01"})");
    CHECK(verdict_of(cli({"ask", "--json", "--rules", rules, "--file",
                          (dir.path() / "question.json").string()})) == "forbidden");
    write_file(dir.path() / "question.yaml",
               "party: alpha\naction: train\nattributes: {flops: 9.9e25}\ndate: 2021-01-01\n");
    CHECK(verdict_of(cli({"ask", "--json", "--rules", rules, "--file",
                          (dir.path() / "question.yaml").string()})) == "not-covered");

    write_file(
        dir.path() / "questions.jsonl",
        R"({"party": "alpha", "action": "train", "attributes": {"flops": 1E26}, "date": "2021-01-01"})"
        "\n"
        R"({"party": "alpha", "action": "train", "attributes": {"flops": 99999999999999999e9}, "date": "2021-01-01"})"
        "\n");
    Run batch = cli({"batch", "--rules", rules, (dir.path() / "questions.jsonl").string()});
    INFO(batch.err);
    REQUIRE(batch.exit_code == 0);
    auto lines = batch.out;
    REQUIRE(std::count(lines.begin(), lines.end(), '\n') == 2);
    CHECK(Json::parse(lines.substr(0, lines.find('\n')))["verdict"].string() == "forbidden");
    CHECK(Json::parse(lines.substr(lines.find('\n') + 1))["verdict"].string() == "not-covered");

    fs::create_directories(dir.path() / "tests");
    write_file(dir.path() / "tests" / "thresholds.yaml",
               "cases:\n"
               "  - name: at and just below the threshold\n"
               "    ask: Alpha trains using {flops} on 2021-01-01\n"
               "    table:\n"
               "      - {flops: 1e26, verdict: forbidden}\n"
               "      - {flops: 9.99999999999999999e25, verdict: not-covered}\n"
               "  - name: a question's attributes\n"
               "    question: {party: alpha, action: train, attributes: {flops: 1.5e26},\n"
               "               date: 2021-01-01}\n"
               "    expect: {verdict: forbidden}\n");
    Run test = cli({"test", "--rules", rules});
    INFO(test.out << test.err);
    CHECK(test.exit_code == 0);
    CHECK_THAT(test.out, Contains("3 passed"));
}

TEST_CASE("a number is exact: just below a threshold is below it, and printed exactly",
          "[e2e][number]") {
    TempDir dir;
    write_threshold_deal(dir.path());
    const std::string rules = dir.path().string();

    Run below =
        cli({"ask", "--rules", rules, "Alpha trains using 99999999999999999e9 on 2021-01-01"});
    INFO(below.err);
    CHECK_THAT(below.out, Contains("NOT-COVERED"));
    CHECK_THAT(below.out, Contains("9.9999999999999999e25"));

    Run too_long = cli(
        {"ask", "--rules", rules, "Alpha trains using 99999999999999999999999999 on 2021-01-01"});
    CHECK(too_long.exit_code == 64);
    CHECK_THAT(
        too_long.err,
        Contains("error[DC5009]: number 99999999999999999999999999 has 26 significant digits"));
    CHECK_THAT(too_long.err, Contains("hint: numbers are exact up to 18 significant digits"));
    Run set = cli({"ask", "--rules", rules, "--party", "alpha", "--action", "train", "--set",
                   "flops=99999999999999999999999999", "--date", "2021-01-01"});
    CHECK(set.exit_code == 64);
    CHECK_THAT(set.err, Contains("number 99999999999999999999999999 has 26 significant digits"));

    std::string rule = read_file(dir.path() / "only.yaml");
    rule.replace(rule.find(">= 1e26") + 3, 4, "99999999999999999999999999");
    write_file(dir.path() / "only.yaml", rule);
    Run check = cli({"check", "--rules", rules});
    CHECK(check.exit_code == 3);
    CHECK_THAT(check.err,
               Contains("only.yaml:10:20: error[DC3002]: number 99999999999999999999999999 "
                        "has 26 significant digits"));
}

// ---- Usage errors --------------------------------------------------------------------

TEST_CASE("an unknown word in a question exits 64 with a located error and a suggestion",
          "[e2e][usage]") {
    Run run = cli({"ask", "OpenAI acquires Windsrf for 3B USD on 2025-06-01"});
    CHECK(run.exit_code == 64);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Catch::StartsWith("<question>:1:17: error[DC5002]: unknown word `Windsrf`\n"
                                          "    OpenAI acquires Windsrf for 3B USD on 2025-06-01\n"
                                          "                    ^~~~~~~\n"));
    CHECK_THAT(run.err, Contains("hint: did you mean `windsurf`?"));

    // Nothing near: the hint says what the place in the sentence takes.
    run = cli({"ask", "Can OpenAI acquire Zorblax?"});
    CHECK(run.exit_code == 64);
    CHECK_THAT(run.err,
               Contains("hint: `acquire` takes target (company), price (money<USD>, after `for`) "
                        "and ip_withheld (bool)"));
    // The nearest words by spelling and by place: a verb after the party, never `an`.
    run = cli({"ask", "Can OpenAI aquire Windsurf?"});
    CHECK_THAT(run.err, Contains("hint: did you mean `acquire`?"));
    run = cli({"ask", "Cn OpenAI acquire Windsurf?"});
    CHECK_THAT(run.err, Contains("hint: did you mean `can`?"));
}

TEST_CASE("every question form is the statement's question, with the same answer",
          "[e2e][questions]") {
    const std::string statement = "OpenAI acquires Windsurf for 3B USD on 2025-06-01";
    Run expected = cli({"ask", "--json", statement});
    REQUIRE(expected.exit_code == 0);
    for (const std::string form : {
             "Can OpenAI acquire Windsurf for $3 billion on June 1, 2025?",
             "OpenAI can acquire Windsurf for 3B USD on 2025-06-01",
             "OpenAI may still acquire Windsurf for USD 3,000,000,000 on 1 June 2025.",
             "Will OpenAI be allowed to acquire Windsurf for 3 billion dollars on June 1st, 2025?",
             "Might OpenAI ever acquire Windsurf for $3bn as of 2025-06-01",
             "Was it allowed for OpenAI to acquire Windsurf for 3B USD on 2025-06-01?",
             "Did OpenAI have the right to acquire Windsurf, for 3B USD, on 2025-06-01?!",
             "OPENAI ACQUIRING WINDSURF FOR 3B USD ON 2025-06-01 -- ALLOWED?",
             "openai acquiring windsurf for 3b usd on 2025-06-01 \xE2\x80\x94 is that allowed?",
         }) {
        INFO(form);
        Run asked = cli({"ask", "--json", form});
        CHECK(asked.exit_code == 0);
        CHECK(asked.out == expected.out);
    }
}

TEST_CASE("a question word out of place, or a second date, is an error, never a guess",
          "[e2e][questions]") {
    Run run = cli({"ask", "OpenAI acquires Windsurf can on 2025-06-01"});
    CHECK(run.exit_code == 64);
    CHECK_THAT(run.err, Contains("error[DC5001]: `can` cannot come here"));
    run = cli({"ask", "OpenAI acquires Windsurf - allowed on 2025-06-01?"});
    CHECK(run.exit_code == 64);
    CHECK_THAT(run.err, Contains("error[DC5001]: `- allowed` ends a question"));
    run = cli({"ask", "Can OpenAI acquire Windsurf in 2025 on 2025-06-01?"});
    CHECK(run.exit_code == 64);
    CHECK_THAT(run.err, Contains("error[DC5005]: the question has two dates"));
    run = cli({"ask", "Can OpenAI acquire Windsurf on June 31, 2025?"});
    CHECK(run.exit_code == 64);
    CHECK_THAT(run.err, Contains("error[DC5009]: impossible date June 31, 2025"));
}

TEST_CASE("a reading that changes only what follows is named in the answer", "[e2e][readings]") {
    // Windsurf: permitted under both readings of the disputed acquired-IP term; Microsoft
    // gains the IP only under the default one. The answer must say so, not hide it.
    Run run = cli({"ask", "--json", "Can OpenAI acquire Windsurf on June 1, 2025?"});
    REQUIRE(run.exit_code == 0);
    Json a = Json::parse(run.out);
    REQUIRE(a["consequences"].size() == 1);
    CHECK(a["consequences"][0]["clause"].string() == "acquired-ip-2025");
    REQUIRE(a["other_readings"].size() == 1);
    const Json& other_reading = a["other_readings"][0];
    CHECK(other_reading["value"].string() == "excludes_acquired_ip");
    CHECK(other_reading["verdict"].string() == "permitted");
    CHECK(other_reading["consequences"].size() == 0);
    Run text = cli({"ask", "Can OpenAI acquire Windsurf on June 1, 2025?"});
    CHECK_THAT(text.out, Contains("under the reading excludes_acquired_ip instead: PERMITTED by "
                                  "acquired-ip-excluded-2025, with no consequence"));
    // Under the other reading chosen, the default one is named with what it would add.
    Run other = cli({"ask", "--reading", "excludes_acquired_ip",
                     "Can OpenAI acquire Windsurf on June 1, 2025?"});
    CHECK_THAT(other.out, Contains("under the reading covers_acquired_ip instead: PERMITTED by "
                                   "acquired-ip-2025; microsoft gains: rights to the acquired "
                                   "company's IP"));
}

TEST_CASE("a question without a date is answered as of today, and says so", "[e2e][usage]") {
    Run text = cli({"ask", "OpenAI deploys Sora on Google Cloud"});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("(today: the question gave no date)"));
    Json json = Json::parse(cli({"ask", "--json", "OpenAI deploys Sora on Google Cloud"}).out);
    CHECK(json["date_is_today"].boolean());
}

TEST_CASE("asking two ways at once is a usage error", "[e2e][usage]") {
    Run run = cli({"ask", "OpenAI acquires Windsurf", "--party", "openai"});
    CHECK(run.exit_code == 64);
    CHECK(run.out.empty());
    CHECK_FALSE(run.err.empty());
}

// ---- check ----------------------------------------------------------------------------

TEST_CASE("`check` exits 0 on the bundled deal", "[e2e][check]") {
    Run run = cli({"check"});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("microsoft-openai: "));
    CHECK_THAT(run.out, Catch::EndsWith("no errors\n"));
}

TEST_CASE("`check` exits 3 on a broken copy of the bundled deal, reporting every error",
          "[e2e][check]") {
    TempDir dir;
    fs::copy(bundled, dir.path(), fs::copy_options::recursive);
    fs::path revision = dir.path() / "agreements" / "2025-01-21-revision.yaml";
    fs::path definitive = dir.path() / "agreements" / "2025-10-28-definitive.yaml";
    int untl = break_file(revision, "    until: 2030-12-31\n", "    untl: 2030-12-31\n");
    int permitt = break_file(definitive, "    effect: permit\n", "    effect: permitt\n");

    Run run = cli({"check", "--rules", dir.path().string()});
    CHECK(run.exit_code == 3);
    CHECK(run.out.empty());
    CHECK_THAT(run.err, Contains(revision.string() + ":" + std::to_string(untl) +
                                 ":5: error[DC1101]: unknown key `untl` in a clause\n"
                                 "        untl: 2030-12-31\n"
                                 "        ^~~~\n"
                                 "    hint: did you mean `until`?\n"));
    CHECK_THAT(run.err, Contains(definitive.string() + ":" + std::to_string(permitt) +
                                 ":13: error[DC1108]: unknown effect `permitt`\n"));

    SECTION("`ask` on the broken deal exits 3 too, before reading the question") {
        Run asked = cli({"ask", "--rules", dir.path().string(), "OpenAI acquires Windsurf"});
        CHECK(asked.exit_code == 3);
        CHECK(asked.out.empty());
        CHECK_THAT(asked.err, Contains("unknown key `untl`"));
    }
}

TEST_CASE("`check --dump` prints each clause's compiled form and the decision index",
          "[e2e][check]") {
    TempDir dir;
    write_small_deal(dir.path());
    // A second clause with a date-expression start, an event, a condition on the
    // question's date, and the first clause as its exception.
    write_file(dir.path() / "vocabulary.yaml", read_file(dir.path() / "vocabulary.yaml") +
                                                   "facts:\n"
                                                   "  audited: {type: bool}\n");
    write_file(dir.path() / "only.yaml",
               read_file(dir.path() / "only.yaml") +
                   "    exception_to: [audit-freeze]\n"
                   "  - id: audit-freeze\n"
                   "    title: No hosting off Azure from 2021 until the audit\n"
                   "    quote: From 2021, Alpha hosts only on Azure until audited.\n"
                   "    cite: Test\n"
                   "    tag: official\n"
                   "    party: alpha\n"
                   "    actions: [host]\n"
                   "    when: date >= 2021-01-01 and cloud != azure\n"
                   "    from: effective + 6mo\n"
                   "    until: [2024-12-31, audited]\n"
                   "    effect: forbid\n");

    Run run = cli({"check", "--dump", "--rules", dir.path().string()});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    // Each clause: its window and days in force as dates, events, precedence, what it
    // reads, and its condition one instruction a line.
    CHECK_THAT(run.out, Contains("clause alpha-on-aws (agreement only): permit, party alpha, "
                                 "actions host\n"
                                 "  window 2020-01-01 .. end\n"
                                 "  in force 2020-01-01, superseded from never\n"
                                 "  beats audit-freeze\n"
                                 "  reads attributes cloud\n"
                                 "  when cloud == aws\n"
                                 "    #0   attr    cloud           cloud                   cloud\n"
                                 "    #1   const   cloud           aws                     aws\n"
                                 "    #2   eq      bool            #0 #1                   "
                                 "cloud == aws\n"
                                 "    root #2\n"));
    CHECK_THAT(run.out, Contains("clause audit-freeze (agreement only): forbid, party alpha, "
                                 "actions host\n"
                                 "  window 2020-07-01 .. 2024-12-31, until events audited\n"
                                 "  in force 2020-01-01, superseded from never\n"
                                 "  reads facts audited\n"
                                 "  reads attributes cloud\n"
                                 "  when date >= 2021-01-01 and cloud != azure\n"
                                 "    #0   date    date                                    "
                                 "date\n"));
    CHECK_THAT(run.out, Contains("    #6   and     bool            #2 #5                   "
                                 "date >= 2021-01-01 and cloud != azure\n"));
    // The decision index: the clause rows (forbids first; `*`: the row decides the
    // clause alone, which an until-event or an exception rules out), the blocks.
    CHECK_THAT(run.out, Contains("  defaults host permitted\n"
                                 "  clauses by action and party, forbids first (*: decided by "
                                 "its row):\n"
                                 "    host by alpha: audit-freeze, alpha-on-aws*\n"
                                 "      rows test attr cloud\n"));
    CHECK_THAT(run.out, Contains("  audit-freeze @2: forbid 2020-07-01 .. 2024-12-31, until "
                                 "events audited, beaten by alpha-on-aws\n"
                                 "    and\n"
                                 "      date >= 2021-01-01\n"
                                 "      attr cloud != azure\n"));
    CHECK_THAT(run.out, Contains("  alpha-on-aws @0: permit 2020-01-01 .. end\n"
                                 "    attr cloud == aws\n"));
    CHECK_THAT(run.out, Catch::EndsWith("small: 1 party, 1 action kind, 1 agreement, "
                                        "2 clauses: no errors\n"));

    SECTION("without --dump, only the summary") {
        Run plain = cli({"check", "--rules", dir.path().string()});
        CHECK(plain.exit_code == 0);
        CHECK(plain.out == "small: 1 party, 1 action kind, 1 agreement, 2 clauses: no errors\n");
    }
}

TEST_CASE("a rules folder that does not exist is an error, exit 3", "[e2e][check]") {
    TempDir dir;
    Run run = cli({"check", "--rules", (dir.path() / "nowhere").string()});
    CHECK(run.exit_code == 3);
    CHECK_THAT(run.err, Contains("cannot find"));
}

// ---- Where the rules come from ------------------------------------------------------

TEST_CASE("the bundled deal is overridden by --rules and by DEALCHECK_RULES", "[e2e][rules]") {
    TempDir small;
    write_small_deal(small.path());
    const std::string question = "Alpha hosts on aws on 2021-01-01";

    SECTION("the bundled deal does not know Alpha") {
        CHECK(cli({"ask", question}).exit_code == 64);
    }
    SECTION("--rules") {
        Run run = cli({"ask", "--json", "--rules", small.path().string(), question});
        INFO(run.err);
        CHECK(run.exit_code == 0);
        CHECK(strings(Json::parse(run.out)["deciding"], "id") == Ids{"alpha-on-aws"});
    }
    SECTION("DEALCHECK_RULES") {
        Run run = cli({"ask", "--json", question}, {{"DEALCHECK_RULES", small.path().string()}});
        INFO(run.err);
        CHECK(run.exit_code == 0);
        CHECK(strings(Json::parse(run.out)["deciding"], "id") == Ids{"alpha-on-aws"});
    }
    SECTION("--rules beats DEALCHECK_RULES") {
        TempDir empty;
        EnvChanges broken{{"DEALCHECK_RULES", empty.path().string()}};
        CHECK(cli({"check"}, broken).exit_code == 3);
        CHECK(cli({"check", "--rules", small.path().string()}, broken).exit_code == 0);
    }
}

// ---- Timelines ----------------------------------------------------------------------

TEST_CASE("a timeline changes on the day a condition on the date becomes true, as `ask` does",
          "[e2e][timeline]") {
    // A model may be shipped until it is eleven months old. Released on 2025-03-31, it
    // turns eleven months old on 2026-02-28 (the month's end clamps the day): no window
    // starts or ends there. A later agreement speaks to another action only.
    TempDir dir;
    write_file(dir.path() / "deal.yaml",
               "deal: models\n"
               "parties:\n"
               "  - {id: alpha, name: Alpha}\n"
               "vocabulary: vocabulary.yaml\n"
               "agreements:\n"
               "  - {id: first, effective: 2020-01-01, file: first.yaml}\n"
               "  - {id: later, effective: 2027-06-01, file: later.yaml}\n");
    write_file(dir.path() / "vocabulary.yaml", "actions:\n"
                                               "  ship:\n"
                                               "    verbs: [ships]\n"
                                               "    attributes:\n"
                                               "      released: {type: date, words: [released]}\n"
                                               "  audit:\n"
                                               "    verbs: [audits]\n");
    auto clause = [](const std::string& id, const std::string& action, const std::string& rest) {
        return "  - id: " + id + "\n    title: " + id + "\n    quote: q\n    cite: c\n" +
               "    tag: official\n    party: alpha\n    actions: [" + action + "]\n" + rest;
    };
    write_file(dir.path() / "first.yaml",
               "agreement: first\nclauses:\n" +
                   clause("old-models", "ship",
                          "    when: released + 11mo <= date\n    effect: forbid\n"));
    write_file(dir.path() / "later.yaml",
               "agreement: later\nclauses:\n" + clause("audits", "audit", "    effect: permit\n"));
    const std::string rules = dir.path().string();
    const std::string question = "Alpha ships released 2025-03-31";

    Run text = cli({"timeline", "--rules", rules, question});
    INFO(text.out << text.err);
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("  2026-02-28 ..             FORBIDDEN  by old-models\n"
                                  "      from 2026-02-28: old-models's condition "
                                  "`released + 11mo <= date` becomes true\n"));
    CHECK_THAT(text.out, !Contains("later"));

    // `ask` agrees with every interval on its first and last day.
    Run json = cli({"timeline", "--json", "--rules", rules, question});
    REQUIRE(json.exit_code == 0);
    auto intervals = Json::parse(json.out)["intervals"].items();
    REQUIRE(intervals.size() == 2);
    for (const auto& i : intervals)
        for (const char* end : {"from", "until"}) {
            if (i[end].is_null()) continue;
            Run asked =
                cli({"ask", "--json", "--rules", rules, question + " on " + i[end].string()});
            INFO(end << " " << i[end].string());
            CHECK(Json::parse(asked.out)["verdict"].string() == i["verdict"].string());
        }
}

// Questions over a period (`--from DATE --until DATE`, or `period:` in a question file).
namespace {

// `dealcheck ask --from FROM --until UNTIL <phrase>`, text and JSON, exit codes agreeing.
Asked ask_over(const std::string& from, const std::string& until, const std::string& phrase) {
    Asked a;
    a.text = cli({"ask", "--from", from, "--until", until, phrase});
    INFO(phrase << "\n" << a.text.err);
    Run json = cli({"ask", "--json", "--from", from, "--until", until, phrase});
    REQUIRE(json.exit_code == a.text.exit_code);
    a.json = Json::parse(json.out);
    return a;
}

std::vector<std::string> part_verdicts(const Json& period) {
    std::vector<std::string> out;
    for (const auto& p : period["parts"].items())
        out.push_back(p["answer"]["verdict"].string());
    return out;
}

} // namespace

TEST_CASE("a month inside one interval: exit 0, the answer holds for the whole period",
          "[e2e][period]") {
    auto a = ask_over("2025-06-01", "2025-06-30", "OpenAI acquires Windsurf for 3B USD");
    CHECK(a.text.exit_code == 0);
    CHECK(a.text.first_line() == "PERMITTED");
    CHECK_THAT(a.text.out, Contains("holds for the whole period 2025-06-01 .. 2025-06-30"));
    CHECK_THAT(a.text.out, Contains("acquired-ip-2025")); // the ordinary answer's reasons
    CHECK_FALSE(a.json["varies"].boolean());
    CHECK(a.json["period"]["from"].string() == "2025-06-01");
    CHECK(a.json["period"]["until"].string() == "2025-06-30");
    REQUIRE(a.json["parts"].size() == 1);
    CHECK(a.json["parts"][0]["answer"]["date"].string() == "2025-06-01");
}

TEST_CASE("a period over which the verdict changes: exit 4, each part with its changes",
          "[e2e][period]") {
    SECTION("OpenAI acquiring Windsurf over 2019 to 2026: not covered, then permitted") {
        auto a = ask_over("2019-01-01", "2026-12-31", "OpenAI acquires Windsurf for 3B USD");
        CHECK(a.text.exit_code == 4);
        CHECK(a.text.first_line() == "VARIES over 2019-01-01 .. 2026-12-31: 3 parts");
        CHECK_THAT(a.text.out, Contains("  2025-01-21 .. 2025-10-27  PERMITTED  by "
                                        "acquired-ip-2025\n"
                                        "      from 2025-01-21: revision-2025-01 takes effect\n"));
        CHECK(a.json["varies"].boolean());
        CHECK(part_verdicts(a.json) == Ids{"not-covered", "permitted", "permitted"});
    }
    SECTION("OpenAI serving enterprise customers on AWS over 2026: forbidden, then permitted") {
        auto a = ask_over("2026-01-01", "2026-12-31",
                          "OpenAI serves stateless API to enterprise customers on AWS");
        CHECK(a.text.exit_code == 4);
        CHECK(a.json["varies"].boolean());
        const auto& parts = a.json["parts"];
        // From 2026-04-27 no term hinges on AGI: the end of the AGI record
        // (2026-11-23) no longer splits the year.
        REQUIRE(parts.size() == 3);
        CHECK(parts[2]["from"].string() == "2026-04-27");
        CHECK(parts[2]["until"].string() == "2026-12-31");
        CHECK(parts[2]["answer"]["verdict"].string() == "permitted");
        CHECK_THAT(strings(parts[2]["changes"])[0], Contains("amendment-2026-04 takes effect"));
        CHECK(strings(parts[0]["changes"]).empty()); // 2026 starts inside an interval
    }
}

TEST_CASE("the same verdict by other clauses over a period does not vary: the verdict's exit "
          "code, one line a part",
          "[e2e][period]") {
    // DEPENDS on the customer until the 2026-04-27 amendment, hinging on other clauses
    // from 2026-02-27.
    auto a = ask_over("2026-01-01", "2026-04-26", "OpenAI serves stateless API on AWS");
    CHECK(a.text.exit_code == 2);
    CHECK_FALSE(a.json["varies"].boolean());
    CHECK(a.json["parts"].size() == 2);
    CHECK(a.text.first_line() == "DEPENDS on customer");
    CHECK_THAT(a.text.out, Contains("holds for the whole period 2026-01-01 .. 2026-04-26"));
    CHECK_THAT(a.text.out, Contains("Over the period: the same verdict, other clauses"));
}

TEST_CASE("each part's answer is the ordinary answer on its first day, byte for byte",
          "[e2e][period]") {
    Run period = cli({"ask", "--json", "--from", "2025-01-01", "--until", "2025-12-31",
                      "OpenAI buys training capacity from Oracle"});
    REQUIRE(period.exit_code == 4);
    auto parts = Json::parse(period.out)["parts"];
    REQUIRE(parts.size() == 3);
    for (const auto& p : parts.items()) {
        std::string day = p["from"].string();
        Run one = cli({"ask", "--json", "OpenAI buys training capacity from Oracle on " + day});
        INFO(day);
        // The part's `answer` object is the whole of `ask --json` on that day.
        CHECK_THAT(period.out, Contains("\"answer\":" + one.out.substr(0, one.out.size() - 1)));
    }
}

TEST_CASE("a period in a YAML or JSON question file answers as the flags do", "[e2e][period]") {
    TempDir dir;
    write_file(dir.path() / "q.yaml", "party: openai\n"
                                      "action: acquire\n"
                                      "attributes: {target: windsurf, price: 3B USD}\n"
                                      "period: {from: 2019-01-01, until: 2026-12-31}\n");
    write_file(dir.path() / "q.json", R"({"party": "openai", "action": "acquire",
        "attributes": {"target": "windsurf", "price": "3B USD"},
        "period": {"from": "2019-01-01", "until": "2026-12-31"}})");
    Run flags = cli({"ask", "--json", "--from", "2019-01-01", "--until", "2026-12-31",
                     "OpenAI acquires Windsurf for 3B USD"});
    CHECK(flags.exit_code == 4);
    for (const char* file : {"q.yaml", "q.json"}) {
        Run r = cli({"ask", "--json", "--file", (dir.path() / file).string()});
        INFO(file << "\n" << r.err);
        CHECK(r.exit_code == 4);
        CHECK(r.out == flags.out);
    }
}

TEST_CASE("a bad period is a usage error, located and explained", "[e2e][period][usage]") {
    Run both = cli({"ask", "--from", "2025-01-01", "--until", "2025-12-31",
                    "OpenAI acquires Windsurf on 2025-06-01"});
    CHECK(both.exit_code == 64);
    CHECK_THAT(both.err, Contains("both a date (2025-06-01) and a period"));
    Run backwards =
        cli({"ask", "--from", "2025-12-31", "--until", "2025-01-01", "OpenAI acquires Windsurf"});
    CHECK(backwards.exit_code == 64);
    CHECK_THAT(backwards.err, Contains("the period ends on 2025-01-01, before it starts"));
    Run half = cli({"ask", "--from", "2025-01-01", "OpenAI acquires Windsurf"});
    CHECK(half.exit_code == 64);
    CHECK_THAT(half.err, Contains("both --from and --until"));
    TempDir dir;
    write_file(dir.path() / "q.yaml",
               "party: openai\naction: acquire\nperiod: {from: 2025-01-01, until: 2025-02-30}\n");
    Run impossible = cli({"ask", "--file", (dir.path() / "q.yaml").string()});
    CHECK(impossible.exit_code == 64);
    CHECK_THAT(impossible.err, Contains("q.yaml:3:"));
}

TEST_CASE("batch refuses a line with a period, and answers the others", "[e2e][period][batch]") {
    TempDir dir;
    write_file(
        dir.path() / "questions.jsonl",
        R"({"id": "p", "party": "openai", "action": "acquire", "period": {"from": "2025-01-01", "until": "2025-12-31"}})"
        "\n"
        R"({"id": "d", "party": "openai", "action": "acquire", "date": "2025-06-01"})"
        "\n");
    Run batch = cli({"batch", (dir.path() / "questions.jsonl").string()});
    CHECK(batch.exit_code == 65);
    auto lines = batch.out;
    auto first = Json::parse(lines.substr(0, lines.find('\n')));
    CHECK(first["line"].number() == 1);
    CHECK_THAT(first["error"].string(), Contains("not over a period"));
    auto second = Json::parse(lines.substr(lines.find('\n') + 1));
    CHECK(second["verdict"].string() == "permitted");
}

// ---- Flags and the phrase in any order; the phrase on stdin; --today (issue 13) -----

TEST_CASE("repeatable flags before the phrase leave it to the positional, as after it",
          "[e2e][usage][issue-13]") {
    const std::string serve = "OpenAI serves stateless API to enterprise customers on AWS on "
                              "2026-06-01";
    const std::string late = "OpenAI serves stateless API on AWS on 2028-06-01";
    const std::string oracle = "OpenAI buys training capacity from Oracle on 2025-03-01";
    struct Case {
        std::vector<std::string> flags;
        std::string phrase, verdict;
    };
    const std::vector<Case> cases = {
        {{"--reading", "exclusivity_ends"}, serve, "permitted"},
        {{"--fact", "agi_verified=true"}, late, "permitted"},
        {{"--fact", "agi_verified=true", "--fact", "agi_declared=false"}, late, "permitted"},
        {{"--consent", "microsoft"}, oracle, "permitted"},
        {{"--reading", "exclusivity_ends", "--consent", "microsoft", "--fact", "agi_verified=true"},
         serve,
         "permitted"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> before{"ask", "--json"}, after{"ask", "--json", c.phrase};
        before.insert(before.end(), c.flags.begin(), c.flags.end());
        before.push_back(c.phrase);
        after.insert(after.end(), c.flags.begin(), c.flags.end());
        Run first = cli(before), last = cli(after);
        INFO(c.phrase << " " << c.flags[0] << "\n" << first.err << last.err);
        REQUIRE(first.exit_code == 0);
        CHECK(first.out == last.out);
        CHECK(Json::parse(first.out)["verdict"].string() == c.verdict);
    }
    // The flags do change the answer: the other reading forbids, and without consent
    // the purchase is not permitted.
    CHECK(cli({"ask", serve}).first_line() == "PERMITTED");
    CHECK(cli({"ask", "--reading", "exclusivity_survives", serve}).first_line() == "FORBIDDEN");
    CHECK(cli({"ask", oracle}).first_line() == "NEEDS-CONSENT of microsoft");
    Json given = Json::parse(cli({"ask", "--json", "--fact", "agi_verified=true", late}).out);
    CHECK(given["question"]["facts"]["agi_verified"].string() == "true");

    // A fact the phrase gives and --fact gives again is a usage error, in either order.
    Run twice = cli({"ask", "--fact", "agi_verified=true", late + " given agi_verified=false"});
    CHECK(twice.exit_code == 64);
    CHECK_THAT(twice.err, Contains("fact `agi_verified` is given twice"));
    // --set still belongs to the flag form alone.
    CHECK(cli({"ask", "--set", "cloud=aws", late}).exit_code == 64);
}

TEST_CASE("`ask -` and `timeline -` read the phrase from stdin - `--file -` a question file",
          "[e2e][usage][issue-13]") {
    const std::string phrase = "OpenAI acquires Windsurf on 2025-06-01";
    Run direct = cli({"ask", "--json", phrase});
    Run piped = cli({"ask", "--json", "-"}, {}, phrase + "\n");
    INFO(piped.err);
    CHECK(piped.exit_code == 0);
    CHECK(piped.out == direct.out);
    // Flags before the `-` too, and a CRLF line ending.
    Run flagged =
        cli({"ask", "--reading", "exclusivity_ends", "-"}, {},
            "OpenAI serves stateless API to enterprise customers on AWS on 2026-06-01\r\n");
    CHECK(flagged.first_line() == "PERMITTED");

    Run empty = cli({"ask", "-"}, {}, "  \n");
    CHECK(empty.exit_code == 64);
    CHECK_THAT(empty.err, Contains("no phrase on standard input"));
    Run two = cli({"ask", "-"}, {}, phrase + "\n" + phrase + "\n");
    CHECK(two.exit_code == 64);
    CHECK_THAT(two.err, Contains("more than one line"));
    Run bad = cli({"ask", "-"}, {}, "OpenAI acquires Windsrf on 2025-06-01\n");
    CHECK(bad.exit_code == 64);
    CHECK_THAT(bad.err, Contains("unknown word `Windsrf`"));

    Run file = cli({"ask", "--json", "--file", "-"}, {},
                   "party: openai\naction: acquire\nattributes: {target: windsurf}\n"
                   "date: 2025-06-01\n");
    CHECK(file.exit_code == 0);
    CHECK(file.out == direct.out);

    const std::string timeline_phrase = "OpenAI serves stateless API on AWS";
    Run timeline = cli({"timeline", timeline_phrase});
    Run timeline_piped = cli({"timeline", "-"}, {}, timeline_phrase + "\n");
    CHECK(timeline_piped.exit_code == 0);
    CHECK(timeline_piped.out == timeline.out);
}

TEST_CASE("`ask --today` is the date of a question that gives none", "[e2e][usage][issue-13]") {
    const std::string undated = "OpenAI deploys Sora on Google Cloud";
    Json json = Json::parse(cli({"ask", "--json", "--today", "2030-01-01", undated}).out);
    CHECK(json["date"].string() == "2030-01-01");
    CHECK(json["date_is_today"].boolean());
    Run text = cli({"ask", undated, "--today", "2030-01-01"});
    CHECK_THAT(text.out, Contains("on 2030-01-01 (today: the question gave no date)"));
    // The date decides: Microsoft's GPT-5 rights end with 2032.
    CHECK(cli({"ask", "--today", "2032-06-01", "Microsoft uses GPT-5 in Windows royalty-free"})
              .first_line() == "PERMITTED");
    CHECK(cli({"ask", "--today", "2033-06-01", "Microsoft uses GPT-5 in Windows royalty-free"})
              .first_line() != "PERMITTED");
    // A question's own date wins; the flag form and files use it too.
    Json dated = Json::parse(
        cli({"ask", "--json", "--today", "2030-01-01", undated + " on 2026-06-01"}).out);
    CHECK(dated["date"].string() == "2026-06-01");
    CHECK_FALSE(dated["date_is_today"].boolean());
    Json flags = Json::parse(cli({"ask", "--json", "--today", "2030-01-01", "--party", "openai",
                                  "--action", "deploy_product", "--set", "product=sora"})
                                 .out);
    CHECK(flags["date"].string() == "2030-01-01");
    Run bad = cli({"ask", "--today", "2030-02-30", undated});
    CHECK(bad.exit_code == 64);
    CHECK_THAT(bad.err, Contains("--today takes a date"));
}

// ---- vocab ------------------------------------------------------------------------------

namespace {

// `vocab` and `vocab --json` on a deal; every example is asked and gets the listed verdict.
void check_vocab(const std::vector<std::string>& rules, std::size_t actions) {
    std::vector<std::string> text_args{"vocab"}, json_args{"vocab", "--json"};
    text_args.insert(text_args.end(), rules.begin(), rules.end());
    json_args.insert(json_args.end(), rules.begin(), rules.end());
    Run text = cli(text_args), json_run = cli(json_args);
    INFO(text.err << json_run.err);
    REQUIRE(text.exit_code == 0);
    REQUIRE(json_run.exit_code == 0);
    CHECK(cli(text_args).out == text.out); // deterministic
    Json doc = Json::parse(json_run.out);
    CHECK(doc["actions"].size() == actions);
    for (const char* section : {"Parties", "Actions", "Values", "Examples"})
        CHECK_THAT(text.out, Contains(std::string("\n") + section + " ("));
    for (const auto& p : doc["parties"].items())
        CHECK_THAT(text.out, Contains("  " + p["id"].string() + "  "));
    // One example per action kind, at least; each one parses and gets its verdict.
    std::set<std::string> asked_actions;
    for (const auto& e : doc["examples"].items()) {
        const std::string phrase = e["question"].string();
        CHECK_THAT(text.out, Contains(phrase));
        std::vector<std::string> ask_args{"ask", "--json"};
        ask_args.insert(ask_args.end(), rules.begin(), rules.end());
        ask_args.push_back(phrase);
        Run asked = cli(ask_args);
        INFO(phrase << "\n" << asked.err);
        REQUIRE(asked.exit_code <= 2);
        Json answer = Json::parse(asked.out);
        CHECK(answer["verdict"].string() == e["verdict"].string());
        CHECK(answer["question"]["action"].string() == e["action"].string());
        asked_actions.insert(e["action"].string());
    }
    CHECK(asked_actions.size() == actions);
}

} // namespace

TEST_CASE("`vocab` lists the bundled deal's words - every generated example is answered",
          "[e2e][vocab][issue-13]") {
    check_vocab({}, 14);
    Run text = cli({"vocab"});
    // Marker words, flag phrases, defaults, values with labels and aliases, facts, readings.
    CHECK_THAT(text.out, Contains("    price        money<USD>  after for"));
    CHECK_THAT(text.out,
               Contains("set true by: royalty-free; royalty free; without paying royalties"));
    CHECK_THAT(text.out, Contains("default false"));
    CHECK_THAT(text.out,
               Contains("aws              Amazon Web Services        also AWS, AWS Bedrock"));
    CHECK_THAT(text.out, Contains("stargate         Stargate joint venture     also Stargate"));
    CHECK_THAT(text.out, Contains("known: false through 2026-11-23"));
    CHECK_THAT(text.out, Contains("exclusivity_ends      (default)"));
    CHECK_THAT(text.out, Contains("covers_acquired_ip    (default)"));
    CHECK_THAT(text.out, Contains("(default forbidden)"));
    Json doc = Json::parse(cli({"vocab", "--json"}).out);
    CHECK(doc["deal"].string() == "microsoft-openai");
    CHECK(doc["readings"][0]["default"].string() == "exclusivity_ends");
    CHECK(doc["readings"][1]["default"].string() == "covers_acquired_ip");
    CHECK(doc["facts"][0]["known"][0]["through"].string() == "2026-11-23");
    CHECK(doc["facts"][0]["known"][0]["from"].is_null());
}

TEST_CASE("`vocab` on a deal made by `init`: its examples are answered too",
          "[e2e][vocab][issue-13]") {
    TempDir dir;
    const std::string rules = (dir.path() / "acme").string();
    REQUIRE(cli({"init", rules}).exit_code == 0);
    check_vocab({"--rules", rules}, 1);
    write_small_deal(dir.path() / "small");
    check_vocab({"--rules", (dir.path() / "small").string()}, 1);
    CHECK(cli({"vocab", "--rules", (dir.path() / "missing").string()}).exit_code == 3);
}

// ---- The subcommands ------------------------------------------------------------------

TEST_CASE("bare `dealcheck` lists the subcommands - a mistyped one gets the nearest",
          "[e2e][usage][issue-13]") {
    Run bare = cli({});
    CHECK(bare.exit_code == 64);
    for (const char* sub :
         {"ask", "check", "test", "timeline", "batch", "analyze", "diff", "init", "vocab"})
        CHECK_THAT(bare.err, Contains(std::string("\n  ") + sub + " "));
    Run typo = cli({"tset"});
    CHECK(typo.exit_code == 64);
    CHECK_THAT(typo.err, Contains("unknown subcommand `tset`; did you mean `test`?"));
    Run far = cli({"frobnicate"});
    CHECK(far.exit_code == 64);
    CHECK_THAT(far.err, Contains("unknown subcommand `frobnicate`\n"));
    CHECK_THAT(far.err, Contains("the subcommands are ask, check"));
    CHECK(cli({"--version"}).exit_code == 0);
}

TEST_CASE("a mistyped flag gets the nearest flag of its subcommand", "[e2e][usage][issue-17]") {
    Run json = cli({"test", "--jsn"});
    CHECK(json.exit_code == 64);
    CHECK_THAT(json.err, Contains("dealcheck test: unknown flag `--jsn`; did you mean `--json`?"));
    Run timeout = cli({"analyze", "--timeout", "5"});
    CHECK(timeout.exit_code == 64);
    CHECK_THAT(timeout.err, Contains("unknown flag `--timeout`; did you mean `--timeout-ms`?"));
    Run version = cli({"--verison"});
    CHECK(version.exit_code == 64);
    CHECK_THAT(version.err,
               Contains("dealcheck: unknown flag `--verison`; did you mean `--version`?"));
    // Far from every flag: no guess, but where the flags are listed.
    Run far = cli({"check", "--frobnicate"});
    CHECK(far.exit_code == 64);
    CHECK_THAT(far.err, Contains("dealcheck check: unknown flag `--frobnicate`\n"));
    CHECK_THAT(far.err, Contains("dealcheck check --help lists its flags"));
    // A value after `=` is not part of the flag; an error that is not a flag keeps its message.
    CHECK_THAT(cli({"test", "--min-coverag=50"}).err, Contains("did you mean `--min-coverage`?"));
    Run range = cli({"test", "--min-coverage", "101"});
    CHECK(range.exit_code == 64);
    CHECK_THAT(range.err, Contains("--min-coverage: Value 101 not in range"));
}
