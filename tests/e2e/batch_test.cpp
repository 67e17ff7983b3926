// `dealcheck batch` and the fast path behind it:
//  - the fast decision (DecisionIndex) gives the verdicts of the reference scan that
//    answers use, on the bundled deal and on randomly generated deals, and names the
//    same deciding clauses;
//  - it allocates nothing per decision;
//  - the strict JSON Lines reader;
//  - run_batch: one line out per line in, in order, a bad line answered with an error
//    object and the run going on, the same output whatever the threads and chunks;
//  - the CLI: files, exit codes, --threads.
// Nothing here is timed: the benchmarks are in bench/.
#include "allocation_counter.hpp"
#include "dealcheck/batch.hpp"
#include "evaluator/decide.hpp"
#include "evaluator/timeline.hpp"
#include "process.hpp"
#include "question/binder.hpp"
#include "question/json_line.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <random>
#include <sstream>
#include <tuple>

using namespace dealcheck;
namespace fs = std::filesystem;
using e2e::cli;
using e2e::Run;

namespace {

const fs::path bundled = fs::path(DEALCHECK_RULES_DIR) / "microsoft-openai";

Deal load(const fs::path& path) {
    auto r = Deal::load(path.string());
    INFO(render(r.diagnostics));
    REQUIRE(r.deal);
    return std::move(*r.deal);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

std::string batch(const Deal& deal, const std::string& input, unsigned threads = 1,
                  std::size_t chunk = 1 << 20, BatchStats* stats = nullptr,
                  std::size_t max_line = 1 << 20) {
    std::istringstream in(input);
    std::ostringstream out;
    BatchOptions o;
    o.threads = threads;
    o.chunk_bytes = chunk;
    o.max_line_bytes = max_line;
    o.today = *parse_date("2025-06-01");
    auto s = run_batch(deal, in, out, o);
    if (stats) *stats = s;
    return out.str();
}

// The values a question may give each attribute or fact of a type, "unknown" first.
std::vector<Value> domain(const model::Deal& m, const model::Type& t) {
    std::vector<Value> out{Value::unknown()};
    switch (t.kind) {
    case model::TypeKind::Bool:
        out.push_back(Value::boolean(true));
        out.push_back(Value::boolean(false));
        break;
    case model::TypeKind::Enum:
        for (std::uint32_t v = 0; v < m.enums[t.enum_index].values.size(); ++v)
            out.push_back(Value::enumerated(t.enum_index, v));
        break;
    case model::TypeKind::Party:
        for (std::uint32_t p = 0; p < m.parties.size(); ++p)
            out.push_back(Value::party(p));
        break;
    case model::TypeKind::Money:
        for (std::int64_t c : {0LL, 100'000'00LL, 500'000'000'00LL, 3'000'000'000'00LL})
            out.push_back(Value::money({c, t.currency ? t.currency : make_currency("USD")}));
        break;
    case model::TypeKind::Date: // month ends, where month arithmetic clamps the day
        for (const char* d :
             {"2020-01-31", "2021-08-31", "2022-02-28", "2023-05-31", "2024-02-29", "2025-10-15"})
            out.push_back(Value::date(*parse_date(d)));
        break;
    default:
        break;
    }
    return out;
}

// Random questions over every party and action of `deal`, dated around its agreements.
std::vector<evaluator::BoundQuestion> random_questions(const CompiledDeal& cd, std::size_t count,
                                                       unsigned seed) {
    const auto& m = cd.model;
    std::mt19937 rng(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    std::vector<Date> dates;
    for (const auto& a : m.agreements)
        for (int d : {-1, 0, 1, 200})
            dates.push_back(Date{a.effective.days + d});
    for (int d = 0; d < 20; ++d)
        dates.push_back(Date{parse_date("2015-01-01")->days + d * 400});
    for (const auto& span : cd.power_open) // the days around each power's open days
        for (Date d : {Date{span.from.days - 1}, span.from, span.until, Date{span.until.days + 1}})
            dates.push_back(d);
    std::vector<evaluator::BoundQuestion> out;
    for (std::size_t i = 0; i < count; ++i) {
        evaluator::BoundQuestion q;
        q.party = static_cast<std::uint32_t>(pick(m.parties.size()));
        q.action = static_cast<std::uint32_t>(pick(m.actions.size()));
        q.attributes.assign(m.attributes.size(), Value::unknown());
        for (const auto& attr : m.actions[q.action].attributes) {
            auto d = domain(m, attr.type);
            q.attributes[attr.global] = d[pick(d.size())];
        }
        q.facts.assign(m.facts.size(), Value::unknown());
        for (std::size_t f = 0; f < m.facts.size(); ++f) {
            auto d = domain(m, m.facts[f].type);
            q.facts[f] = d[pick(d.size())];
        }
        if (pick(4) == 0) q.consents = 1ull << pick(m.parties.size());
        q.date = dates[pick(dates.size())];
        out.push_back(std::move(q));
    }
    return out;
}

// The deciding clauses' ids, then the open powers'.
std::vector<std::string> clause_ids(const CompiledDeal& cd, const std::vector<std::uint32_t>& v,
                                    const std::vector<std::uint32_t>& powers = {}) {
    std::vector<std::string> out;
    for (auto c : v)
        out.push_back(cd.model.clauses[c].id);
    for (auto p : powers)
        out.push_back(cd.model.powers[p].id);
    return out;
}

// What of the index a deal exercises.
struct Features {
    bool split = false, beaten = false, general = false;
};

Features features(const CompiledDeal& cd) {
    using namespace compiler;
    const auto& ix = cd.decisions;
    Features f;
    for (auto at : ix.table)
        f.split = f.split || ix.records[at + record_split] != model::no_index;
    for (std::size_t c = 0; c < ix.block_of.size(); ++c) {
        const Cell* block = &ix.code[ix.block_of[c]];
        auto h = head_at(block);
        f.beaten = f.beaten || (h.flags & head_beaten);
        std::size_t end = c + 1 < ix.block_of.size() ? ix.block_of[c + 1] : ix.code.size();
        for (std::size_t k = ix.block_of[c] + 1; k < end; ++k)
            f.general = f.general || node_at(&ix.code[k]).op == FastOp::General;
    }
    return f;
}

// The fast path against the reference scan: same Decision, and (when the verdict is
// not DEPENDS) the same deciding clauses as the full answer. Returns how many were
// DEPENDS.
std::size_t agree(const CompiledDeal& cd, const std::vector<evaluator::BoundQuestion>& questions,
                  bool with_answers) {
    std::vector<Value> facts(cd.model.facts.size());
    evaluator::DecidingClauses deciding;
    std::size_t depends = 0;
    for (const auto& q : questions) {
        evaluator::resolve_facts(cd, q, facts);
        auto fast = evaluator::decide(cd, q, facts);
        auto scan = evaluator::decide_by_scan(cd, q, facts);
        auto collected = evaluator::decide(cd, q, facts, deciding);
        INFO("party " << q.party << " action " << q.action << " on " << format_date(q.date));
        REQUIRE(fast == scan);
        REQUIRE(collected == scan);
        if (scan.verdict == VerdictKind::Depends) {
            ++depends;
            continue;
        }
        if (!with_answers) continue;
        auto a = evaluator::answer(cd, q, Question{});
        REQUIRE(a.verdict == scan.verdict);
        std::vector<std::string> expected;
        for (const auto& c : a.deciding)
            expected.push_back(c.id);
        CHECK(clause_ids(cd, deciding.deciding(scan.verdict),
                         deciding.deciding_powers(scan.verdict)) == expected);
    }
    CHECK(depends < questions.size()); // the grid is not all unknowns
    return depends;
}

// A random deal in the rule language: parties, two actions, an enum attribute most
// conditions pin (so that the index splits on it), money, bool and date attributes,
// facts that end windows, conditions on the question's date, windows (some from
// `effective + Nmo`), exceptions, consents, and later agreements replacing earlier
// clauses.
std::string random_agreement(std::mt19937& rng, int agreement, int first, int count,
                             int all_before) {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    std::ostringstream y;
    y << "agreement: a" << agreement << "\nclauses:\n";
    for (int i = first; i < first + count; ++i) {
        y << "  - id: c" << i << "\n    title: t\n    quote: q\n    cite: c\n    tag: official\n";
        y << "    party: " << (pick(5) == 0 ? std::string("any") : "p" + std::to_string(pick(4)))
          << "\n";
        int act = pick(3);
        y << "    actions: [" << (act == 0 ? "act0" : act == 1 ? "act1" : "act0, act1") << "]\n";
        std::vector<std::string> atoms;
        if (pick(4) != 0)
            atoms.push_back("region == r" + std::to_string(pick(6)));
        else if (pick(2) == 0)
            atoms.push_back("region in [r" + std::to_string(pick(6)) + ", r" +
                            std::to_string(pick(6)) + "]");
        if (pick(3) == 0)
            atoms.push_back(std::string("amount ") + (pick(2) ? ">=" : "<") + " " +
                            std::to_string(1 + pick(900)) + "M USD");
        if (pick(5) == 0) atoms.push_back(pick(2) ? "flag" : "not flag");
        if (pick(6) == 0) atoms.push_back(pick(2) ? "ok" : "not done");
        if (pick(8) == 0) atoms.push_back("region != r1 or amount > 5M USD");
        if (pick(10) == 0) {
            static const char* const days[] = {"01", "15", "28"};
            atoms.push_back(std::string("date ") + (pick(2) ? ">=" : "<") + " 202" +
                            std::to_string(pick(9)) + "-0" + std::to_string(1 + pick(9)) + "-" +
                            (pick(2) ? days[pick(3)] : "01"));
        }
        if (pick(6) == 0) {
            auto later =
                pick(2) ? std::to_string(1 + pick(36)) + "mo" : std::to_string(1 + pick(5)) + "y";
            static const char* const ops[] = {"<=", ">", "==", "<"};
            atoms.push_back("released + " + later + " " + ops[pick(4)] + " date");
        }
        if (pick(12) == 0)
            atoms.push_back("date + " + std::to_string(1 + pick(12)) + "mo < deadline");
        if (pick(12) == 0)
            atoms.push_back("amount + 100M USD > 300M USD"); // not flattened: a Program
        if (!atoms.empty()) {
            y << "    when: ";
            for (std::size_t k = 0; k < atoms.size(); ++k)
                y << (k ? " and " : "") << "(" << atoms[k] << ")";
            y << "\n";
        }
        if (pick(4) == 0)
            y << "    from: 202" << agreement * 2 << "-0" << 1 + pick(9) << "-15\n";
        else if (pick(6) == 0)
            y << "    from: effective + " << 1 + pick(18) << "mo\n";
        int until = pick(5);
        if (until == 0)
            y << "    until: 2027-0" << 1 + pick(9) << "-01\n";
        else if (until == 1)
            y << "    until: [2029-12-31, done]\n";
        int effect = pick(10);
        if (effect < 5)
            y << "    effect: permit\n";
        else if (effect < 8)
            y << "    effect: forbid\n";
        else
            y << "    effect: consent\n    consent_of: p" << pick(4) << "\n";
        if (i > first && pick(6) == 0)
            y << "    exception_to: [c" << first + pick(i - first) << "]\n";
        if (all_before > 0 && pick(8) == 0) y << "    replaces: [c" << pick(all_before) << "]\n";
    }
    return y.str();
}

fs::path random_deal(const e2e::TempDir& dir, unsigned seed) {
    std::mt19937 rng(seed);
    e2e::write_file(dir.path() / "deal.yaml", R"(deal: random
title: Random
default: permitted
parties:
  - {id: p0, name: P Zero}
  - {id: p1, name: P One}
  - {id: p2, name: P Two}
  - {id: p3, name: P Three}
vocabulary: vocabulary.yaml
agreements:
  - {id: a0, effective: 2020-01-01, file: a0.yaml}
  - {id: a1, effective: 2022-01-01, file: a1.yaml}
  - {id: a2, effective: 2024-01-01, file: a2.yaml}
)");
    e2e::write_file(dir.path() / "vocabulary.yaml", R"(enums:
  region: [r0, r1, r2, r3, r4, r5]
actions:
  act0:
    verbs: [acts]
    attributes:
      region: {type: region}
      amount: {type: money}
      flag: {type: bool, default: false}
      released: {type: date}
  act1:
    verbs: [does]
    default: forbidden
    attributes:
      region: {type: region}
      amount: {type: money}
      flag: {type: bool}
      released: {type: date}
facts:
  done: {type: bool}
  ok:
    type: bool
    known: [{value: true, through: 2023-06-30}]
  deadline:
    type: date
    known: [{value: 2026-08-31, from: 2021-03-01}]
)");
    int per = 40;
    for (int a = 0; a < 3; ++a)
        e2e::write_file(dir.path() / ("a" + std::to_string(a) + ".yaml"),
                        random_agreement(rng, a, a * per, per, a * per));
    return dir.path();
}

} // namespace

TEST_CASE("the fast path decides as the reference scan does, on the bundled deal",
          "[batch][fast]") {
    auto deal = load(bundled);
    agree(deal.compiled(), random_questions(deal.compiled(), 20000, 1), true);
}

TEST_CASE("the fast path decides as the reference scan does, on the sale of goods with each "
          "history",
          "[batch][fast]") {
    const auto deal_dir = fs::path(DEALCHECK_RULES_DIR) / "sale-of-goods";
    std::vector<fs::path> histories{deal_dir / "history.yaml"};
    for (const auto& entry : fs::directory_iterator(deal_dir / "histories"))
        histories.push_back(entry.path());
    std::size_t open = 0;
    for (const auto& history : histories) {
        INFO(history.string());
        LoadOptions options;
        options.own_history = false;
        options.history = {history.string()};
        auto r = Deal::load(deal_dir.string(), options);
        REQUIRE(r.deal);
        open += r.deal->compiled().power_open.size();
        agree(r.deal->compiled(), random_questions(r.deal->compiled(), 2000, 7), true);
    }
    CHECK(open >= 4); // the histories open every power
}

TEST_CASE("the fast path decides as the reference scan does, on random deals", "[batch][fast]") {
    Features seen;
    std::size_t depends = 0;
    for (unsigned seed = 1; seed <= 12; ++seed) {
        e2e::TempDir dir;
        auto deal = load(random_deal(dir, seed));
        INFO("seed " << seed);
        depends += agree(deal.compiled(), random_questions(deal.compiled(), 4000, seed), seed <= 4);
        auto f = features(deal.compiled());
        seen.split |= f.split;
        seen.beaten |= f.beaten;
        seen.general |= f.general;
    }
    // The deals exercise what the index does beyond a plain list.
    CHECK(seen.split);
    CHECK(seen.beaten);
    CHECK(seen.general);
    CHECK(depends > 0);
}

namespace {

// What a timeline interval shows of an answer.
using Shown = std::tuple<VerdictKind, VerdictKind, std::vector<std::string>,
                         std::vector<std::string>, std::vector<std::string>>;

Shown shown(const CompiledDeal& cd, evaluator::BoundQuestion q, Date d) {
    q.date = d;
    auto a = evaluator::answer(cd, q, Question{});
    Shown s{a.verdict, a.default_verdict, a.consent_of, {}, {}};
    for (const auto& c : a.deciding)
        std::get<3>(s).push_back(c.id);
    for (const auto& dep : a.depends_on)
        std::get<4>(s).push_back(dep.name);
    return s;
}

// Where the answer to `q` changes, found without the timeline's change points: the
// fast decision on every day of [begin, end] (the random deals change nothing
// outside it), and the full answer wherever that decision or its deciding clauses
// change, or the verdict is DEPENDS (whose details only the full answer has).
std::vector<std::pair<Date, Shown>>
answers_day_by_day(const CompiledDeal& cd, evaluator::BoundQuestion q, Date begin, Date end) {
    std::vector<std::pair<Date, Shown>> changes{{first_day, shown(cd, q, first_day)}};
    std::vector<Value> facts(cd.model.facts.size());
    evaluator::DecidingClauses deciding;
    std::pair<evaluator::Decision, std::vector<std::uint32_t>> last;
    for (Date d = begin; d <= end; d = Date{d.days + 1}) {
        q.date = d;
        evaluator::resolve_facts(cd, q, facts);
        auto decision = evaluator::decide(cd, q, facts, deciding);
        std::pair now{decision, deciding.deciding(decision.verdict)};
        if (d == begin || now != last || decision.verdict == VerdictKind::Depends) {
            auto s = shown(cd, q, d);
            if (s != changes.back().second) changes.emplace_back(d, std::move(s));
        }
        last = std::move(now);
    }
    return changes;
}

} // namespace

TEST_CASE("a timeline changes exactly where the full answer changes, on random deals",
          "[timeline][fast]") {
    // The timeline answers only at its change points; the reference looks at every day.
    const Date begin = *parse_date("2019-01-01"), end = *parse_date("2032-12-31");
#ifdef DEALCHECK_SANITIZED
    const std::size_t per_deal = 15; // a quarter: the day-by-day reference is slow there
#else
    const std::size_t per_deal = 60;
#endif
    std::size_t intervals = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        e2e::TempDir dir;
        auto deal = load(random_deal(dir, seed));
        const auto& cd = deal.compiled();
        INFO("seed " << seed);
        for (const auto& q : random_questions(cd, per_deal, seed)) {
            auto timeline = evaluator::timeline(cd, q, Question{});
            auto reference = answers_day_by_day(cd, q, begin, end);
            INFO("party " << q.party << " action " << q.action);
            std::vector<std::pair<Date, Shown>> got;
            for (const auto& i : timeline.intervals)
                got.emplace_back(
                    i.from ? *i.from : first_day,
                    Shown{i.verdict, i.default_verdict, i.consent_of, i.clauses, i.depends_on});
            auto text = [](const std::vector<std::pair<Date, Shown>>& v) {
                std::string out;
                for (const auto& [d, s] : v) {
                    out += format_date(d) + " " + std::string(to_string(std::get<0>(s)));
                    for (const auto& c : std::get<3>(s))
                        out += " " + c;
                    out += "\n";
                }
                return out;
            };
            REQUIRE(text(got) == text(reference));
            CHECK(got == reference);
            for (std::size_t i = 1; i < timeline.intervals.size(); ++i)
                CHECK_FALSE(timeline.intervals[i].changes.empty()); // each change says why
            intervals += reference.size();
        }
    }
    CHECK(intervals > 6 * per_deal); // the questions do change over time
}

TEST_CASE("a decision allocates nothing", "[batch][fast]") {
    auto deal = load(bundled);
    const auto& cd = deal.compiled();
    auto questions = random_questions(cd, 2000, 7);
    std::vector<Value> facts(cd.model.facts.size());
    evaluator::DecidingClauses deciding;
    for (const auto& q : questions) { // first pass: the vectors of `deciding` grow
        evaluator::resolve_facts(cd, q, facts);
        evaluator::decide(cd, q, facts, deciding);
    }
    auto before = test::allocations();
    std::size_t permitted = 0;
    for (const auto& q : questions) {
        evaluator::resolve_facts(cd, q, facts);
        permitted += evaluator::decide(cd, q, facts).verdict == VerdictKind::Permitted;
        evaluator::decide(cd, q, facts, deciding);
    }
    CHECK(test::allocations() == before);
    CHECK(permitted > 0);
}

TEST_CASE("a batch line is answered as `ask` answers the same question", "[batch]") {
    auto deal = load(bundled);
    BatchAnswerer answerer(deal, *parse_date("2025-06-01"));
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"party":"openai","action":"acquire","attributes":{"target":"windsurf","price":"3B USD"},"date":"2025-06-01"})",
         "OpenAI acquires Windsurf for 3B USD on 2025-06-01"},
        {R"({"question":"OpenAI acquires Windsurf for 3B USD on 2025-06-01"})",
         "OpenAI acquires Windsurf for 3B USD on 2025-06-01"},
        {R"({"party":"OpenAI","action":"serve_api","attributes":{"api":"stateless","customer":"enterprise customers","cloud":"AWS"},"date":"2026-01-15"})",
         "OpenAI serves stateless API to enterprise customers on AWS on 2026-01-15"},
        {R"({"party":"openai","action":"buy_compute","attributes":{"capacity":"training","cloud":"aws"},"date":"2025-03-01"})",
         "OpenAI rents training capacity from AWS on 2025-03-01"},
    };
    for (const auto& [line, phrase] : cases) {
        std::string out;
        REQUIRE(answerer.answer(line, 1, out));
        auto q = deal.parse_phrase(phrase);
        REQUIRE(q.question);
        auto a = deal.ask(*q.question, *parse_date("2025-06-01"));
        REQUIRE(a.answer);
        INFO(line << "\n" << out);
        std::string verdict(to_string(a.answer->verdict));
        for (auto& c : verdict)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CHECK(out.find("\"verdict\":\"" + verdict + "\"") != std::string::npos);
        std::string ids;
        for (const auto& c : a.answer->deciding)
            ids += (ids.empty() ? "" : ",") + ("\"" + c.id + "\"");
        CHECK(out.find("\"deciding\":[" + ids + "]") != std::string::npos);
    }
}

TEST_CASE("the JSON Lines reader is strict and says where", "[batch][json]") {
    question::JsonLine q;
    std::string scratch;
    question::JsonLineError e;
    auto bad = [&](std::string_view line, std::string_view message) {
        INFO(line);
        CHECK_FALSE(question::read_json_line(line, q, scratch, e));
        CHECK(e.message.find(message) != std::string::npos);
    };
    REQUIRE(question::read_json_line(
        R"( {"party":"a\u0041\"","action":"x","attributes":{"n":42,"b":true,"s":["aws","g\u00e9p"]},"facts":{"f":false},"consents":"p","id":-7} )",
        q, scratch, e));
    CHECK(q.party == "aA\"");
    CHECK(q.id == "-7");
    REQUIRE(q.attributes.size() == 3);
    CHECK(q.attributes[0].value == "42");
    CHECK(q.attributes[1].value == "true");
    CHECK(q.attributes[2].value == "aws, g\xc3\xa9p");
    CHECK(q.facts[0].value == "false");
    CHECK(q.consents == std::vector<std::string_view>{"p"});
    REQUIRE(
        question::read_json_line(R"({"question":"OpenAI acquires \ud83d\ude00"})", q, scratch, e));
    CHECK(q.phrase == "OpenAI acquires \xf0\x9f\x98\x80");

    bad("", "empty line");
    bad("[1]", "expected `{`");
    bad(R"({"party":"a","action":"b"} x)", "after the question's closing");
    bad(R"({"party":"a","party":"b","action":"c"})", "duplicate key `party`");
    bad(R"({"party":"a","acton":"b"})", "unknown key `acton`");
    bad(R"({"party":"a"})", "missing required key `action`");
    bad(R"({"question":"x","party":"a"})", "cannot be used with `question`");
    bad(R"({"party":"a","action":"b","attributes":{"x":null}})", "`null` is not a value");
    bad(R"({"party":"a","action":"b","attributes":{"x":{"y":1}}})", "cannot be an object");
    bad(R"({"party":"a","action":"b","attributes":{"x":1,"x":2}})", "duplicate key `x`");
    bad(R"({"party":"a","action":"b","date":"2025-02-30"})", "impossible date");
    bad(R"({"party":"a","action":"b","date":"soon"})", "must be a date");
    bad(R"({"party":"a\q","action":"b"})", "unknown escape");
    bad(R"({"party":"\ud83d","action":"b"})", "surrogate");
    bad("{\"party\":\"a\x01\",\"action\":\"b\"}", "control character");
    bad("{\"party\":\"\xc3\x28\",\"action\":\"b\"}", "invalid UTF-8");
    bad(R"({"party":"a","action":"b")", "expected `,` or `}`");
    bad(R"({"party":"a","action":"b","id":true})", "`id` must be");
    bad(R"({"party":"a","action":"b","attributes":{"n":01}})", "expected `,` or `}`");
    CHECK_FALSE(question::read_json_line(R"({"party":"a","action":"b","x":1})", q, scratch, e));
    CHECK(e.column == 27);
}

TEST_CASE("batch answers every line in order - a bad line gets an error object", "[batch]") {
    auto deal = load(bundled);
    std::string input =
        R"({"party":"openai","action":"acquire","attributes":{"target":"windsurf"},"date":"2025-06-01","id":"a"})"
        "\n"
        R"({"party":"opnai","action":"acquire"})"
        "\n\n"
        R"({"party":"openai", "action":)"
        "\r\n"
        R"({"question":"OpenAI acquires Windsurf on 2025-06-01","id":5})"
        "\r\n"
        R"({"party":"microsoft","action":"attend_board","date":"2024-01-01"})";
    BatchStats stats;
    auto out = lines(batch(deal, input, 1, 1 << 20, &stats));
    REQUIRE(out.size() == 6);
    CHECK(stats.lines == 6);
    CHECK(stats.errors == 3);
    CHECK(out[0].rfind(R"({"id":"a","verdict":"permitted")", 0) == 0);
    CHECK(
        out[1] ==
        R"({"line":2,"code":"DC2005","name":"unknown-party","error":"unknown party `opnai`","hint":"did you mean `openai`?"})");
    CHECK(out[2].rfind(
              R"({"line":3,"column":1,"code":"DC5010","name":"question-json","error":"empty line")",
              0) == 0);
    CHECK(out[3].rfind(R"({"line":4,"column":)", 0) == 0);
    CHECK(out[4].rfind(R"({"id":5,"verdict":"permitted")", 0) == 0);
    CHECK(out[5].rfind(R"({"verdict":)", 0) == 0);
}

TEST_CASE("batch output does not depend on threads or chunk size", "[batch]") {
    e2e::TempDir dir;
    auto deal = load(random_deal(dir, 3));
    std::mt19937 rng(11);
    std::string input;
    for (int i = 0; i < 3000; ++i) {
        if (i % 97 == 0) {
            input += "{\"party\": oops}\n";
            continue;
        }
        input += R"({"party":"p)" + std::to_string(rng() % 4) + R"(","action":"act)" +
                 std::to_string(rng() % 2) + R"(","attributes":{"region":"r)" +
                 std::to_string(rng() % 6) + R"(","amount":")" + std::to_string(1 + rng() % 900) +
                 R"(M USD"},"date":"202)" + std::to_string(rng() % 8) + "-0" +
                 std::to_string(1 + rng() % 9) + R"(-1)" + std::to_string(rng() % 10) + "\"";
        if (rng() % 3 == 0) input += R"(,"facts":{"done":true})";
        input += "}\n";
    }
    BatchStats one_stats;
    auto one = batch(deal, input, 1, 1 << 20, &one_stats);
    CHECK(one_stats.lines == 3000);
    CHECK(one_stats.errors == 31);
    CHECK(lines(one).size() == 3000);
    for (unsigned threads : {1u, 2u, 4u})
        for (std::size_t chunk : {std::size_t{1}, std::size_t{1000}, std::size_t{1} << 16}) {
            INFO(threads << " threads, chunks of " << chunk << " bytes");
            BatchStats s;
            CHECK(batch(deal, input, threads, chunk, &s) == one);
            CHECK(s.errors == one_stats.errors);
        }
}

TEST_CASE("a line longer than the limit is an error and the next lines are answered", "[batch]") {
    auto deal = load(bundled);
    std::string good = R"({"party":"openai","action":"acquire","date":"2025-06-01"})";
    std::string huge =
        R"({"party":"openai","action":"acquire","id":")" + std::string(5000, 'x') + "\"}";
    for (unsigned threads : {1u, 2u}) {
        BatchStats stats;
        auto out = lines(
            batch(deal, good + "\n" + huge + "\n" + good + "\n" + huge, threads, 64, &stats, 256));
        REQUIRE(out.size() == 4);
        CHECK(out[0] == out[2]);
        std::string too_long =
            R"("code":"DC5008","name":"question-too-large","error":"the line is longer than 256 bytes")";
        CHECK(out[1].rfind(R"({"line":2,)" + too_long, 0) == 0);
        CHECK(out[3].rfind(R"({"line":4,)" + too_long, 0) == 0);
        CHECK(stats.errors == 2);
    }
}

TEST_CASE("dealcheck batch reads a file or standard input and documents its exit codes",
          "[batch][cli]") {
    e2e::TempDir dir;
    auto good = dir.path() / "good.jsonl", bad = dir.path() / "bad.jsonl";
    std::string question =
        R"({"party":"openai","action":"acquire","attributes":{"target":"windsurf"},"date":"2025-06-01"})";
    e2e::write_file(good, question + "\n" + question + "\n");
    e2e::write_file(bad, question + "\nnot json\n" + question + "\n");
    std::string rules = "--rules=" + bundled.string();

    Run ok = cli({"batch", rules, good.string()});
    CHECK(ok.exit_code == 0);
    CHECK(lines(ok.out) == std::vector<std::string>(
                               2, R"({"verdict":"permitted","deciding":["acquired-ip-2025"]})"));

    Run some_bad = cli({"batch", rules, "--threads", "2", bad.string()});
    CHECK(some_bad.exit_code == 65);
    auto out = lines(some_bad.out);
    REQUIRE(out.size() == 3);
    CHECK(out[1].rfind(R"({"line":2,"column":1,"code":"DC5010","name":"question-json","error":)",
                       0) == 0);
    CHECK(out[2] == out[0]);
    CHECK(some_bad.err.find("1 of 3 lines") != std::string::npos);

    CHECK(cli({"batch", rules, (dir.path() / "missing.jsonl").string()}).exit_code == 64);
    CHECK(cli({"batch", rules, "--threads", "0", good.string()}).exit_code == 64);
    Run empty = cli({"batch", rules}); // standard input is closed: no lines, no answers
    CHECK(empty.exit_code == 0);
    CHECK(empty.out.empty());
}
