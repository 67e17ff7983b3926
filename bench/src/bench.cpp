// dealcheck's benchmarks (Google Benchmark). Figures, not assertions: bench/run runs
// them with the peers and docs/performance.md reports them.
//
//   Latency/*      one decision on the bundled deal (the Windsurf question): p50/p99
//   Decide/N       in-process throughput of the fast path over N generated clauses
//   DecideScan/N   the same questions through the reference scan (what answer() uses)
//   LineStage/N/S  a batch line's stages (reader, against simdjson; binder; decision)
//   BatchLine/N    one JSON line read, bound, decided and rendered (no I/O)
//   Batch/N/T      run_batch end to end over 500k in-memory lines with T threads
//   LoadCheck/N    Deal::load (read, check, compile) and memory per clause
//   ImageLoad/N    Deal::load of the portfolio's compiled image (docs/image.md), its
//                  freshness check included; image bytes per clause
//   History*/N     a deal with N history events: load, and a question whose clauses
//                  sum and count them (fast path and full answer)
//
// The generated portfolios come from bench/gen/portfolio.py (the `bench_data` target);
// $DEALCHECK_BENCH_DATA overrides where they are read from.
#include "counting_allocator.hpp"
#include "dealcheck/batch.hpp"
#include "dealcheck/deal.hpp"
#include "evaluator/decide.hpp"
#include "question/binder.hpp"
#include "question/fast_binder.hpp"
#include "question/json_line.hpp"
#include "simdjson_line.hpp"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <streambuf>
#include <x86intrin.h>

namespace {

using namespace dealcheck;
using bench::heap_counters;

std::string data_dir() {
    const char* env = std::getenv("DEALCHECK_BENCH_DATA");
    return env && *env ? env : DEALCHECK_BENCH_DATA;
}

[[noreturn]] void die(const std::string& message) {
    std::cerr << "dealcheck_bench: " << message << "\n";
    std::exit(2);
}

// Portfolios are generated, so they load with the large limits (docs/limits.md).
Deal load_or_die(const std::string& path) {
    auto r = Deal::load(path, LoadOptions{.large = true, .own_history = true, .history = {}});
    if (!r.deal) die("cannot load " + path + "\n" + render(r.diagnostics));
    return std::move(*r.deal);
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    if (!in) die("cannot read " + path + " (build the bench_data target)");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// A generated portfolio, loaded once, with its questions bound once.
struct Portfolio {
    std::optional<Deal> deal;
    std::string error; // why it did not load
    std::vector<std::string> lines, expected;
    std::vector<evaluator::BoundQuestion> questions;
};

Portfolio& portfolio(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<Portfolio>> cache;
    auto& slot = cache[n];
    if (slot) return *slot;
    slot = std::make_unique<Portfolio>();
    auto& p = *slot;
    std::string dir = data_dir() + "/n" + std::to_string(n);
    auto loaded = Deal::load(dir, LoadOptions{.large = true, .own_history = true, .history = {}});
    if (!loaded.deal) {
        p.error = "cannot load " + dir + ": " + render(loaded.diagnostics).substr(0, 300);
        return p;
    }
    p.deal = std::move(*loaded.deal);
    p.lines = read_lines(dir + "/questions.jsonl");
    p.expected = read_lines(dir + "/expected.jsonl");
    question::FastBinder binder(p.deal->compiled());
    question::JsonLine line;
    std::string scratch;
    question::JsonLineError error;
    for (const auto& text : p.lines) {
        evaluator::BoundQuestion q;
        if (!question::read_json_line(text, line, scratch, error) || !binder.bind(line, today(), q))
            die("question does not bind on the fast path: " + text);
        p.questions.push_back(std::move(q));
    }
    return p;
}

// The verdict word of an expected line, {"verdict":"permitted",...}.
std::string_view expected_verdict(std::string_view line) {
    auto start = line.find(":\"") + 2;
    return line.substr(start, line.find('"', start) - start);
}

// ---- Latency on the bundled deal ---------------------------------------------------

struct Bundled {
    Deal deal = load_or_die(std::string(DEALCHECK_RULES_DIR) + "/microsoft-openai");
    evaluator::BoundQuestion windsurf;
    Question canonical;
    std::string line =
        R"({"party":"openai","action":"acquire","attributes":{"target":"windsurf","price":"3B USD"},)"
        R"("date":"2025-06-01"})";
    Bundled() {
        auto q = deal.parse_phrase("OpenAI acquires Windsurf for 3B USD on 2025-06-01");
        if (!q.question) die("the Windsurf phrase does not parse");
        Diagnostics diags;
        auto b = question::bind(deal.compiled(), *q.question, today(), diags);
        if (!b) die("the Windsurf question does not bind");
        windsurf = b->bound;
        canonical = b->canonical;
    }
};

Bundled& bundled() {
    static Bundled b;
    return b;
}

// Cycles of the time-stamp counter per nanosecond, measured once.
double ticks_per_ns() {
    static double v = [] {
        auto t0 = std::chrono::steady_clock::now();
        auto c0 = __rdtsc();
        while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(200)) {
        }
        auto c1 = __rdtsc();
        auto ns =
            std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
        return static_cast<double>(c1 - c0) / ns;
    }();
    return v;
}

inline std::uint64_t stamp() {
    _mm_lfence();
    auto t = __rdtsc();
    _mm_lfence();
    return t;
}

// Times each call of `f` on its own and reports the percentiles, minus the cost of
// reading the clock (measured the same way around nothing).
template <class F> void percentiles(benchmark::State& state, F&& f) {
    constexpr std::size_t cap = 1 << 20;
    std::vector<std::uint64_t> samples(cap), empty(4096);
    for (auto& e : empty) {
        auto t0 = stamp();
        auto t1 = stamp();
        e = t1 - t0;
    }
    std::sort(empty.begin(), empty.end());
    double overhead = static_cast<double>(empty[empty.size() / 2]);
    std::size_t n = 0;
    for (auto _ : state) {
        auto t0 = stamp();
        f();
        auto t1 = stamp();
        samples[n++ & (cap - 1)] = t1 - t0;
    }
    samples.resize(std::min(n, cap));
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) {
        double ticks = static_cast<double>(
            samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))]);
        return std::max(0.0, ticks - overhead) / ticks_per_ns();
    };
    state.counters["p50_ns"] = at(0.50);
    state.counters["p99_ns"] = at(0.99);
    state.counters["p999_ns"] = at(0.999);
}

// The fast path: facts resolved on the date, then the verdict.
void Latency_Decide(benchmark::State& state) {
    auto& b = bundled();
    const auto& cd = b.deal.compiled();
    std::vector<Value> facts(cd.model.facts.size());
    percentiles(state, [&] {
        evaluator::resolve_facts(cd, b.windsurf, facts);
        benchmark::DoNotOptimize(evaluator::decide(cd, b.windsurf, facts));
    });
    state.SetLabel(std::string(verdict_word(evaluator::decide(cd, b.windsurf, facts).verdict)));
}
BENCHMARK(Latency_Decide);

// The same question with the full explanation (what `dealcheck ask` computes).
void Latency_Answer(benchmark::State& state) {
    auto& b = bundled();
    percentiles(state, [&] {
        benchmark::DoNotOptimize(evaluator::answer(b.deal.compiled(), b.windsurf, b.canonical));
    });
}
BENCHMARK(Latency_Answer);

// One JSON line through the batch path: read, bind, decide, render.
void Latency_BatchLine(benchmark::State& state) {
    auto& b = bundled();
    BatchAnswerer answerer(b.deal, today());
    std::string out;
    percentiles(state, [&] {
        out.clear();
        answerer.answer(b.line, 1, out);
        benchmark::DoNotOptimize(out.data());
    });
    state.SetLabel(out);
}
BENCHMARK(Latency_BatchLine);

// ---- Question phrases as people type them (docs/questions.md) ------------------------

// The same Windsurf question structured, as a statement, and in the forms people ask it,
// then two other questions with frames, verb forms and natural dates.
const std::vector<std::pair<std::string, std::string>>& phrase_lines() {
    static const std::vector<std::pair<std::string, std::string>> lines = {
        {"structured", bundled().line},
        {"statement", R"({"question":"OpenAI acquires Windsurf for 3B USD on 2025-06-01"})"},
        {"can", R"({"question":"Can OpenAI acquire Windsurf for $3 billion on June 1, 2025?"})"},
        {"is-it-ok",
         R"({"question":"Is it OK for OpenAI to serve its stateless APIs to enterprise customers )"
         R"(on Amazon Bedrock as of January 1st, 2026?"})"},
        {"ing-allowed",
         R"({"question":"OpenAI serving the stateless API on AWS on 15 Jan 2026 - allowed?"})"},
        {"have-the-right",
         R"({"question":"Does Microsoft still have the right to attend OpenAI's board meetings )"
         R"(at mid-June 2024?"})"},
    };
    return lines;
}

// Reading the phrase alone: lexicon, grammar and reader, no answer.
void Phrase_Parse(benchmark::State& state) {
    auto& b = bundled();
    const auto& [label, line] = phrase_lines()[static_cast<std::size_t>(state.range(0))];
    if (label == "structured") return state.SkipWithError("not a phrase");
    auto start = line.find(":\"") + 2;
    std::string phrase = line.substr(start, line.rfind('"') - start);
    if (!b.deal.parse_phrase(phrase).question) return state.SkipWithError("does not parse");
    for (auto _ : state)
        benchmark::DoNotOptimize(b.deal.parse_phrase(phrase));
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(label);
}
BENCHMARK(Phrase_Parse)->DenseRange(1, 5);

// One JSON line through the batch path, the question structured or as a phrase.
void Phrase_BatchLine(benchmark::State& state) {
    auto& b = bundled();
    const auto& [label, line] = phrase_lines()[static_cast<std::size_t>(state.range(0))];
    BatchAnswerer answerer(b.deal, today());
    std::string out;
    answerer.answer(line, 1, out);
    if (out.find("\"error\"") != std::string::npos) return state.SkipWithError(out.c_str());
    for (auto _ : state) {
        out.clear();
        answerer.answer(line, 1, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(label);
}
BENCHMARK(Phrase_BatchLine)->DenseRange(0, 5);

// ---- Throughput on generated portfolios ----------------------------------------------

template <class Decide> void throughput(benchmark::State& state, Decide&& decide) {
    auto& p = portfolio(state.range(0));
    if (!p.deal) return state.SkipWithError(p.error.c_str());
    const auto& cd = p.deal->compiled();
    std::vector<Value> facts(cd.model.facts.size());
    // Check the verdicts against the reference implementation's before timing.
    if (state.thread_index() == 0) {
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < p.questions.size(); ++i) {
            evaluator::resolve_facts(cd, p.questions[i], facts);
            if (verdict_word(decide(cd, p.questions[i], facts).verdict) !=
                expected_verdict(p.expected[i]))
                ++wrong;
        }
        state.counters["wrong"] = static_cast<double>(wrong);
    }
    std::size_t i = static_cast<std::size_t>(state.thread_index()) * 7919 % p.questions.size();
    auto before = heap_counters().allocations;
    for (auto _ : state) {
        const auto& q = p.questions[i];
        if (++i == p.questions.size()) i = 0;
        evaluator::resolve_facts(cd, q, facts);
        benchmark::DoNotOptimize(decide(cd, q, facts));
    }
    auto allocations = heap_counters().allocations - before;
    state.SetItemsProcessed(state.iterations());
    if (state.thread_index() == 0)
        state.counters["allocs_per_decision"] =
            static_cast<double>(allocations) /
            static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
}

void Decide(benchmark::State& state) {
    throughput(state, [](const CompiledDeal& cd, const evaluator::BoundQuestion& q,
                         std::span<const Value> f) { return evaluator::decide(cd, q, f); });
}
BENCHMARK(Decide)->Arg(10)->Arg(1000)->Arg(10000)->Arg(100000);
BENCHMARK(Decide)->Arg(10000)->Threads(2)->UseRealTime();

void DecideScan(benchmark::State& state) {
    throughput(state, [](const CompiledDeal& cd, const evaluator::BoundQuestion& q,
                         std::span<const Value> f) { return evaluator::decide_by_scan(cd, q, f); });
}
BENCHMARK(DecideScan)->Arg(10)->Arg(1000)->Arg(10000)->Arg(100000);

void BatchLine(benchmark::State& state) {
    auto& p = portfolio(state.range(0));
    if (!p.deal) return state.SkipWithError(p.error.c_str());
    BatchAnswerer answerer(*p.deal, today());
    std::string out;
    std::size_t i = 0;
    auto before = heap_counters().allocations;
    for (auto _ : state) {
        out.clear();
        answerer.answer(p.lines[i], i + 1, out);
        benchmark::DoNotOptimize(out.data());
        if (++i == p.lines.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["allocs_per_line"] = static_cast<double>(heap_counters().allocations - before) /
                                        static_cast<double>(state.iterations());
}
BENCHMARK(BatchLine)->Arg(10)->Arg(1000)->Arg(10000)->Arg(100000);

// Where a batch line's time goes, at N clauses: 0 the strict reader `batch` uses
// (question/json_line.cpp), 1 simdjson On-Demand reading the same fields without any
// of the strict reader's checks (a floor for a library-based reader) as built for any
// x86-64 (its scalar "fallback" kernel; stage 1 is the library's, dispatched at run
// time), 2 the same with its AVX2 kernel, 3 reader and fast binder, 4 reader, binder
// and decision with its deciding clauses; BatchLine/N adds the rendering.
void LineStage(benchmark::State& state) {
    auto& p = portfolio(state.range(0));
    if (!p.deal) return state.SkipWithError(p.error.c_str());
    const auto stage = state.range(1);
    const auto& cd = p.deal->compiled();
    question::FastBinder binder(cd);
    question::JsonLine line;
    std::string scratch;
    question::JsonLineError error;
    evaluator::BoundQuestion bound;
    evaluator::DecidingClauses deciding;
    std::vector<Value> facts(cd.model.facts.size());
    std::vector<simdjson::padded_string> padded;
    for (const auto& l : p.lines)
        padded.emplace_back(l);
    std::size_t i = 0, bytes = 0;
    for (auto _ : state) {
        bytes += p.lines[i].size();
        switch (stage) {
        case 1:
            benchmark::DoNotOptimize(bench::simdjson_read_portable(padded[i], line));
            break;
        case 2:
            benchmark::DoNotOptimize(bench::simdjson_read_avx2(padded[i], line));
            break;
        default:
            benchmark::DoNotOptimize(question::read_json_line(p.lines[i], line, scratch, error));
            if (stage >= 3) benchmark::DoNotOptimize(binder.bind(line, today(), bound));
            if (stage >= 4) {
                evaluator::resolve_facts(cd, bound, facts);
                benchmark::DoNotOptimize(evaluator::decide(cd, bound, facts, deciding));
            }
        }
        if (++i == p.lines.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(LineStage)->ArgsProduct({{10000}, {0, 1, 2, 3, 4}});

// An istream over a string, without copying it; an ostream that only counts.
struct ViewBuf : std::streambuf {
    explicit ViewBuf(const std::string& s) {
        char* p = const_cast<char*>(s.data());
        setg(p, p, p + s.size());
    }
};
struct CountBuf : std::streambuf {
    std::uint64_t bytes = 0;
    std::streamsize xsputn(const char*, std::streamsize n) override {
        bytes += static_cast<std::uint64_t>(n);
        return n;
    }
    int_type overflow(int_type c) override {
        ++bytes;
        return c;
    }
};

void Batch(benchmark::State& state) {
    auto& p = portfolio(state.range(0));
    if (!p.deal) return state.SkipWithError(p.error.c_str());
    static std::map<std::int64_t, std::string> inputs;
    auto& input = inputs[state.range(0)];
    constexpr std::size_t lines = 500000;
    if (input.empty())
        for (std::size_t i = 0; i < lines; ++i)
            (input += p.lines[i % p.lines.size()]) += '\n';
    BatchOptions options;
    options.threads = static_cast<unsigned>(state.range(1));
    std::uint64_t errors = 0, bytes = 0;
    for (auto _ : state) {
        ViewBuf in_buf(input);
        CountBuf out_buf;
        std::istream in(&in_buf);
        std::ostream out(&out_buf);
        auto stats = run_batch(*p.deal, in, out, options);
        errors += stats.errors;
        bytes += out_buf.bytes;
    }
    state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(lines));
    state.SetBytesProcessed(state.iterations() *
                            static_cast<benchmark::IterationCount>(input.size()));
    state.counters["errors"] = static_cast<double>(errors);
}
BENCHMARK(Batch)
    ->ArgsProduct({{10000}, {1, 2}})
    ->Args({100000, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);

// ---- Loading, and memory per clause ------------------------------------------------

void LoadCheck(benchmark::State& state) {
    std::string dir = data_dir() + "/n" + std::to_string(state.range(0));
    double heap = 0, index = 0, source = 0;
    if (!portfolio(state.range(0)).deal)
        return state.SkipWithError(portfolio(state.range(0)).error.c_str());
    for (auto _ : state) {
        auto before = heap_counters().live_bytes;
        auto deal = load_or_die(dir);
        heap = static_cast<double>(heap_counters().live_bytes - before);
        index = static_cast<double>(deal.compiled().decisions.bytes());
        source = 0;
        for (const auto& f : deal.compiled().model.files)
            source += static_cast<double>(f.text.size());
        state.PauseTiming(); // not the time to free it
        { auto gone = std::move(deal); }
        state.ResumeTiming();
    }
    auto n = static_cast<double>(state.range(0));
    state.counters["heap_bytes_per_clause"] = heap / n;
    state.counters["index_bytes_per_clause"] = index / n;
    state.counters["source_bytes_per_clause"] = source / n;
}
BENCHMARK(LoadCheck)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(LoadCheck)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

void ImageLoad(benchmark::State& state) {
    std::string dir = data_dir() + "/n" + std::to_string(state.range(0));
    if (!portfolio(state.range(0)).deal)
        return state.SkipWithError(portfolio(state.range(0)).error.c_str());
    std::string image = dir + "/deal.dcx";
    auto written = Deal::compile_image(
        dir, image, LoadOptions{.large = true, .own_history = true, .history = {}});
    if (written.has_errors()) die("cannot compile " + dir + "\n" + render(written));
    for (auto _ : state) {
        auto deal = load_or_die(image);
        state.PauseTiming(); // not the time to free it
        { auto gone = std::move(deal); }
        state.ResumeTiming();
    }
    std::ifstream in(image, std::ios::binary | std::ios::ate);
    state.counters["image_bytes_per_clause"] =
        static_cast<double>(in.tellg()) / static_cast<double>(state.range(0));
}
BENCHMARK(ImageLoad)->Arg(10)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

// ---- A history of N events, read by sums and counts (bench/gen/history.py) --------

struct HistoryDeal {
    std::optional<Deal> deal;
    evaluator::BoundQuestion question;
    Question canonical;
};

HistoryDeal& history_deal(std::int64_t n) {
    static std::map<std::int64_t, std::unique_ptr<HistoryDeal>> cache;
    auto& slot = cache[n];
    if (slot) return *slot;
    slot = std::make_unique<HistoryDeal>();
    slot->deal = load_or_die(data_dir() + "/history-n" + std::to_string(n));
    auto q = slot->deal->parse_phrase("Acme buys Initech for 100M USD on 2027-06-15");
    if (!q.question) die("the history benchmark's question does not parse");
    Diagnostics diags;
    auto bound = question::bind(slot->deal->compiled(), *q.question, today(), diags);
    if (!bound) die("the history benchmark's question does not bind");
    slot->question = bound->bound;
    slot->canonical = bound->canonical;
    return *slot;
}

void HistoryLoad(benchmark::State& state) {
    std::string dir = data_dir() + "/history-n" + std::to_string(state.range(0));
    for (auto _ : state) {
        auto deal = load_or_die(dir);
        benchmark::DoNotOptimize(deal.compiled().history.tables.size());
        state.PauseTiming();
        { auto gone = std::move(deal); }
        state.ResumeTiming();
    }
    state.counters["events"] = static_cast<double>(state.range(0));
}
BENCHMARK(HistoryLoad)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

void HistoryDecide(benchmark::State& state) {
    auto& h = history_deal(state.range(0));
    const auto& cd = h.deal->compiled();
    std::vector<Value> facts(cd.model.facts.size());
    for (auto _ : state) {
        evaluator::resolve_facts(cd, h.question, facts);
        benchmark::DoNotOptimize(evaluator::decide(cd, h.question, facts));
    }
    state.SetLabel(std::string(verdict_word(evaluator::decide(cd, h.question, facts).verdict)));
}
BENCHMARK(HistoryDecide)->Arg(1000)->Arg(100000);

// The full answer, listing 10 (a text answer) or 100 (JSON) of the events behind each
// sum or count.
void HistoryAnswer(benchmark::State& state) {
    auto& h = history_deal(state.range(0));
    auto listed = static_cast<std::size_t>(state.range(1));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            evaluator::answer(h.deal->compiled(), h.question, h.canonical, listed));
}
BENCHMARK(HistoryAnswer)->ArgsProduct({{1000, 100000}, {10, 100}});

} // namespace

BENCHMARK_MAIN();
