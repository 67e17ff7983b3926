// Checking a property over generated (deal, question) pairs, and shrinking a failure to
// the smallest deal and question that still fail it.
#pragma once

#include "deal_generator.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck::semantics {

struct Case {
    const DealSpec& spec;
    const Deal& deal;
    const Question& question;
};

// Empty when the property holds for the case; otherwise what differed.
using Property = std::function<std::string(const Case&)>;

struct Counterexample {
    DealSpec spec;
    Question question;
    std::string why;
};

struct RunOptions {
    GeneratorOptions generator;
    std::size_t deals = 10;
    std::size_t questions_per_deal = 100;
    std::uint64_t first_seed = 1;
    int shrink_budget = 3000; // smaller cases tried at most: fewer for a slow property
};

struct Outcome {
    std::size_t cases = 0; // pairs checked
    std::optional<Counterexample> failure;
};

// Checks the property on every pair until the first failure, which it shrinks.
Outcome run(const Property& property, const RunOptions& options);

// Drops obligations, powers, clauses, condition atoms, window ends, exceptions, events
// and question parts one at a time while the property still fails, trying at most
// `budget` smaller cases.
Counterexample shrink(Counterexample failure, const Property& property, int budget = 3000);

// The failure as a user can reproduce it: the deal's files and the question file.
std::string report(const Counterexample& failure);

// The question in the file form of `dealcheck ask --question` (YAML).
std::string question_text(const Question& q);

// The JSON Schema validator's report on `documents` (one JSON document a line) against
// the schema file `schema`; empty when all are valid.
std::string schema_errors(const std::string& schema, const std::vector<std::string>& documents);

// How many deals a property runs over: `DEALCHECK_DIFFTEST_DEALS` when set (the long
// run of scripts/difftest), else `fallback`, a quarter of it in a sanitizer build.
std::size_t deal_count(std::size_t fallback);

// The date of questions that give none.
inline constexpr Date fixed_today{20454}; // 2026-01-01

} // namespace dealcheck::semantics
