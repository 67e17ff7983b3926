// The solver's part of `analyze`, one (action kind, party) bucket at a time. Only clauses
// of one bucket can meet (a question has one action and one party), so each bucket is
// checked on its own, in a Z3 context of its own: buckets run in parallel, and a bucket
// whose clauses did not change can take its results from the cache
// (analysis/result_cache.hpp).
//
// A bucket's plan lists its checks; its result says, for each, what the solver and the
// evaluator found, as plain data (no Z3): the analyzer turns them into findings.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/analysis.hpp"
#include "dealcheck/question.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <z3++.h>

namespace dealcheck {
class Deal;
}

namespace dealcheck::analysis {

enum class CheckKind : std::uint8_t {
    Applies,     // can `clause` apply in this bucket?
    DeadExample, // `clause` applies nowhere: why, and a question written for it
    Conflict,    // can permit `clause` and forbid or consent `other` both take effect?
    Effective,   // can `clause`, which an exception beats, take effect?
    Gap,         // is there a question of a `covered` action that no clause decides?
};

struct Check {
    CheckKind kind = CheckKind::Applies;
    std::uint32_t clause = 0, other = 0; // deal clause indexes

    friend bool operator==(const Check&, const Check&) = default;
};

// Yes: the property holds (the clause applies, the pair conflicts...).
enum class Outcome : std::uint8_t { No, Yes, TimeLimit, Failed };

// Why a dead clause never applies, as far as the solver tells (DeadExample).
enum class DeadWhy : std::uint8_t { Window, Condition, NotInForce, AfterEnd };

struct CheckResult {
    Outcome outcome = Outcome::No;
    std::optional<Question> example; // confirmed by the evaluator, minimized
    bool hypothetical = false;       // the example gives facts against the record
    DeadWhy why = DeadWhy::Window;
};

struct BucketPlan {
    std::uint32_t action = 0, party = 0;
    std::vector<Check> checks;
};

struct BucketResult {
    std::vector<CheckResult> results; // parallel to the plan's checks
    std::string failure;              // what the solver said when it failed
    AnalysisStats stats;
};

// The days a clause can apply on, from its dates alone: [lo, hi]; empty when lo > hi.
struct Window {
    Date lo, hi;
};
Window window_of(const ClauseCode& code);

// Every bucket with something to check, in (action, party) order; the checks of each in
// the order the findings are reported.
std::vector<BucketPlan> plan_buckets(const CompiledDeal& cd);

// Runs a bucket's checks with solvers of their own in `ctx`. Never throws: a solver
// failure (out of memory...) marks the checks not done as Failed and says why in
// `failure`.
BucketResult run_bucket(z3::context& ctx, const Deal& deal, const BucketPlan& plan,
                        const AnalysisOptions& options);

} // namespace dealcheck::analysis
