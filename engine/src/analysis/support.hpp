// What `analyze` and `diff` share: solver calls with a time limit, the constraints
// that keep a model a question one can ask, turning a model back into a Question, and
// shrinking an example to what matters with the evaluator as the judge.
#pragma once

#include "analysis/encoder.hpp"
#include "dealcheck/analysis.hpp"
#include "dealcheck/deal.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace dealcheck::analysis {

// One solver with the question's constraints asserted, and the run's statistics.
class Solver {
  public:
    // Every check also asserts the space's side conditions (calendar bounds, lemmas).
    // `steps`: Z3's resource limit of each check (0: none).
    Solver(Space& space, unsigned timeout_ms, unsigned steps, AnalysisStats& stats);
    void add(const z3::expr& e) { s_.add(e); }
    // A model of the asserted constraints and `goal`. Each tier of `nice` constraints
    // (readable values, most readable first) is tried in turn and dropped if it makes
    // the goal impossible. nullopt: unsat, or unknown (then `timed_out` is set).
    std::optional<z3::model> find(const z3::expr& goal, const std::vector<z3::expr>& nice,
                                  bool& timed_out);
    // Whether `goal` is impossible: true unsat, false sat, nullopt unknown (timeout).
    std::optional<bool> impossible(const z3::expr& goal);
    // A check of what is asserted, under `assumptions` (literals), without the space's
    // side conditions; then its model.
    z3::check_result check(const z3::expr_vector& assumptions);
    z3::model model() const { return s_.get_model(); }

  private:
    z3::check_result check();

    Space& space_;
    z3::solver s_;
    AnalysisStats& stats_;
    unsigned timeout_ms_;
};

// A side of a question: which deal answers it, on which date expression.
// The last day a question of the analysis may fall on: one before the calendar's end,
// so that every date it considers has a next day.
inline constexpr Date last_question_day{last_day.days - 1};

struct Side {
    std::size_t deal;
    z3::expr date;
};

// The question is well formed for `action_id` in every deal of the space: only the
// action's attributes, values every deal knows, bool attributes only set through their
// phrases. With `respect_records`, facts the rules record on a side's date cannot be
// given (no hypotheticals).
z3::expr question_constraints(Space& space, const std::string& action_id,
                              const std::vector<Side>& sides, bool respect_records);

// Readable values to try first, as tiers (each a conjunction): dates where something
// starts or stops mattering to the buckets' clauses, round amounts, whole numbers.
std::vector<z3::expr> nice_constraints(Space& space, const std::vector<const Bucket*>& buckets);

// The question a model describes, with only the slots in `attributes` and `facts`
// (space slot indexes) and the consents.
Question question_from(const Space& space, const z3::model& model, const std::string& party,
                       const std::string& action, Date date,
                       const std::set<std::uint32_t>& attributes,
                       const std::set<std::uint32_t>& facts);

// Removes attributes, facts and consents one by one while `holds` stays true; never
// the attributes and facts named in `keep`.
Question minimize(Question q, const std::function<bool(const Question&)>& holds,
                  const std::set<std::string>& keep = {});

// Asks the deal; nullopt if the question does not bind.
std::optional<Answer> ask(const Deal& deal, const Question& q);

// The facts `q` gives that the rules record otherwise on its date, as
// "agi_declared=true (the rules record false on 2020-09-22)", and the readings it
// chooses other than the default.
std::vector<std::string> contradicted_records(const Deal& deal, const Question& q);

// Whether two answers give the same verdict (and consent, and default when not covered).
bool same_verdict(const Answer& a, const Answer& b);
// The verdict as one word with its qualifier: "NEEDS-CONSENT (microsoft)",
// "NOT-COVERED (default permitted)".
std::string verdict_text(const Answer& a);

double elapsed_ms(std::chrono::steady_clock::time_point since);

// What the deal has that the solver does not reason about, said rather than skipped
// in silence: "2 obligations and 1 power (their lifecycle: dealcheck status)". Empty
// when the deal has none.
std::string not_analysed(const Deal& deal);

// Runs f(0) .. f(n - 1) on `jobs` threads (0: one per core), each index once.
void for_each_parallel(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& f);

} // namespace dealcheck::analysis
