// Why a question is answered DEPENDS, as a formula. When a clause hinges on an unknown,
// the evaluator decides every way of filling in the unknowns it can list (bool, enum
// and party values) and answers DEPENDS unless all of them decide alike. So two
// fillings that decide differently prove a DEPENDS answer. `diff` uses this to rule
// out, with one formula, every question that is DEPENDS on both sides for the same
// reason, instead of offering them one by one to the evaluator.
//
// A Completion is one deal's bucket asked again with what the question leaves unknown
// filled in from variables of its own; two of them with their fill values fixed give a
// formula over the question that implies the evaluator's DEPENDS. Where the formulas
// do not follow a value (see completions_exact), the filled-in bucket takes it as
// anything at all: "some filling decides so" then still holds wherever it truly does
// (a necessary condition stays sound), but a proof of DEPENDS would not.
#pragma once

#include "analysis/encoder.hpp"
#include "analysis/support.hpp"

#include <memory>
#include <vector>

namespace dealcheck::analysis {

class Completion {
  public:
    // The bucket `of`, with the question's unknown bool, enum and party values filled
    // from variables named after `tag` and the slot: completions of two deals' buckets
    // with one tag fill in alike (one filling asked of both).
    Completion(const Bucket& of, const std::string& tag);

    // The filled-in question as this bucket decides it.
    const Bucket& decided() const { return *bucket_; }
    // The fill variables, and the values each may take.
    const z3::expr_vector& fills() const { return fills_; }
    const z3::expr& fills_valid() const { return valid_; }

  private:
    std::unique_ptr<Space> space_;
    std::unique_ptr<Bucket> bucket_;
    z3::expr_vector fills_;
    z3::expr valid_;
};

// Whether filling in works exactly for this bucket: the formulas follow every value
// (no calendar term, product or history sum) and every slot its clauses read has one
// type in every deal of the space. Otherwise a formula might prove a DEPENDS the
// evaluator does not give: DependsProofs only for exact buckets.
bool completions_exact(const Bucket& b);

// Whether the evaluator decides every combination of the listed values the two buckets'
// clauses read (it names them instead beyond evaluator::max_combinations).
bool few_fillings(const Bucket& a, const Bucket& b);

// The two filled-in questions decide differently (another verdict, other consents,
// another default), or one of them still hinges on a value the evaluator cannot list.
// For two fillings of one deal's bucket: the evaluator answers the question DEPENDS.
// For one filling asked of two deals: a question whose answers differ has such a
// filling (when the deals agree on every listed value, and few_fillings holds), since
// each answer that is not DEPENDS is what every filling decides.
z3::expr decided_differently(const Completion& a, const Completion& b);

// What the evaluator's DEPENDS answers taught a diff of two buckets: for each side,
// formulas each of which proves a question DEPENDS there (two fillings, with their
// values fixed, that decide differently). A question that both sides answer DEPENDS
// cannot differ, whatever their reasons.
class DependsProofs {
  public:
    // Only for buckets where completions_exact() holds.
    DependsProofs(const Bucket& old_bucket, const Bucket& new_bucket);
    // Finds why the question `same_question` pins is DEPENDS on side `side` (0 old, 1
    // new) and keeps it; false if the solver finds no such filling.
    bool learn(std::size_t side, Solver& solver, const z3::expr& same_question);
    // Some proof holds on side `side`: the question is DEPENDS there.
    z3::expr on_side(std::size_t side) const;
    // Some proof holds on each side: the question is DEPENDS on both.
    z3::expr on_both_sides() const { return on_side(0) && on_side(1); }

  private:
    struct Side {
        Side(const Bucket& b, const std::string& tag);
        Completion first, second;
        z3::expr differ;
        z3::expr_vector proofs;
    };
    Side sides_[2];
};

} // namespace dealcheck::analysis
