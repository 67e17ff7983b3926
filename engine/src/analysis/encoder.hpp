// The compiled deal as Z3 formulas. A question becomes free variables: its date, for
// each attribute and fact whether it is given and its value, the consents it lists.
// Each clause gets a three-valued "applies" formula (two booleans: surely true,
// surely false; neither is unknown), exactly as evaluator/authorizer.cpp computes it,
// and each (action, party) bucket gets its verdict.
//
// Values: enums, parties and strings are integers indexing the space's tables; dates
// are day numbers; money is integer cents; numbers are reals; durations are
// (months, days); sets are bit vectors. A value the solver cannot follow exactly (a
// symbolic date plus months: the calendar's divisions are too slow for Z3) becomes a
// fresh variable, bounded: the formulas then over-approximate, so "never" results
// stay sound, and every "here is a question" result is re-checked by the evaluator
// before anyone sees it (a rejected guess teaches the solver the exact date there).
//
// A Space is shared by the deals it compares (one for `analyze`, two for `diff`):
// names are unified by id, so "the same question" means the same ids and values.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/question.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <z3++.h>

namespace dealcheck::analysis {

// Kleene truth: t = surely true, f = surely false, neither = unknown.
struct Tri3 {
    z3::expr t, f;
};

// A value: whether it is known, and what it is (val2: a duration's days).
struct Sym {
    z3::expr known, val, val2;
};

// A slot of the question: an attribute or a fact, by name.
struct Slot {
    explicit Slot(z3::context& ctx) : given(ctx), val(ctx), val2(ctx) {}
    std::string id;
    model::TypeKind kind = model::TypeKind::Error;
    std::uint32_t enum_index = 0; // space enum, for Enum and Set
    Currency currency = 0;
    bool usable = true; // the same type in every deal
    z3::expr given, val, val2;
};

struct SpaceEnum {
    std::string id;
    std::vector<std::string> values;
    std::vector<bool> common; // present in every deal
};

class Space {
  public:
    Space(z3::context& ctx, std::vector<const CompiledDeal*> deals);

    z3::context& ctx;
    std::vector<const CompiledDeal*> deals;

    std::vector<SpaceEnum> enums;
    std::vector<std::vector<std::uint32_t>> enum_map; // [deal][enum] -> space enum
    std::vector<std::vector<std::vector<std::uint32_t>>>
        value_map;                    // [deal][enum][value] -> space value
    std::vector<std::string> parties; // ids
    std::vector<bool> party_common;
    std::vector<std::vector<std::uint32_t>> party_map; // [deal][party] -> space party
    std::vector<std::string> strings; // interned strings of every deal, then `other`
    std::vector<std::vector<std::uint32_t>> string_map;
    std::vector<Slot> attributes, facts;
    std::vector<std::vector<std::uint32_t>> attribute_map, fact_map; // [deal][index] -> slot
    z3::expr_vector consents;                                        // per space party
    z3::expr date;

    // A date plus a constant number of months, which the formulas do not follow day by
    // day: `result` is opaque, bounded in `side_conditions`.
    struct CalendarTerm {
        z3::expr operand, result;
        Duration duration;
    };
    std::vector<CalendarTerm> calendar_terms;
    // Bounds of calendar terms, which every solver of this space asserts.
    std::vector<z3::expr> side_conditions;
    // What refine() learnt when the evaluator rejected a guess: exact dates, which the
    // checks assert too.
    std::vector<z3::expr> lemmas;
    // How many values the formulas do not follow exactly (calendar terms, products, sums
    // over the history): with none, a formula's truth is the evaluator's.
    std::size_t opaque_terms = 0;
    // Part of every fresh variable's name: a copy of the space with a tag of its own
    // makes variables of its own.
    std::string fresh_tag;
    // The side conditions and the lemmas.
    z3::expr side_condition() const;
    z3::expr calendar_bounds() const;
    // Pins each calendar term at the operand value `model` gives it to the exact date,
    // in `lemmas`. Returns the lemmas it adds: none when the rejection had another cause.
    std::vector<z3::expr> refine(const z3::model& model);

    std::uint32_t other_string() const { return static_cast<std::uint32_t>(strings.size() - 1); }
    unsigned set_width(std::uint32_t space_enum) const;

    // A fresh variable of the sort values of this type have.
    z3::expr fresh(model::TypeKind kind, std::uint32_t space_enum, const std::string& name);
    z3::expr zero(model::TypeKind kind, std::uint32_t space_enum);
    // A constant of deal `d` as a space value.
    Sym constant(std::size_t d, const Value& v, const model::Type& type);

    // Whether fact `f` of deal `d` is recorded as known on `date`, and its recorded value.
    z3::expr recorded(std::size_t d, std::uint32_t f, const z3::expr& date);

    // The values a given slot may take (the question must bind in every deal).
    z3::expr domain(const Slot& s);
    // The question may give attribute `slot` with action `action_id` (in every deal).
    bool attribute_allowed(const std::string& action_id, std::uint32_t slot) const;

    // The text of a slot's value in a model, as a question writes it.
    std::string text(const Slot& s, const z3::model& m) const;

    // Date bounds worth trying first for readable examples: every day an agreement, a
    // record, one of `clauses` or a date constant in them starts or stops mattering.
    std::vector<Date> boundaries(std::size_t d, const std::vector<std::uint32_t>& clauses) const;

  private:
    unsigned fresh_counter_ = 0;
};

// One deal's clauses for one action kind and party, on one date expression.
class Bucket {
  public:
    Bucket(Space& space, std::size_t deal, std::uint32_t action, std::uint32_t party,
           z3::expr date);

    Space& space;
    std::size_t deal;
    std::uint32_t action, party;
    z3::expr date;
    std::vector<std::uint32_t> clauses; // candidates, deal clause indexes
    std::vector<Tri3> app, eff;         // parallel to clauses
    std::vector<Tri3> when;             // the condition alone
    std::vector<z3::expr> in_window;    // in force and inside its dates
    std::vector<Tri3> open;             // no ending event has happened
    z3::expr definite;                  // no clause's effect is unknown
    z3::expr verdict;                   // VerdictKind as an integer
    z3::expr_vector consent_needed;     // per space party
    VerdictKind default_verdict = VerdictKind::Permitted;
    std::vector<std::uint32_t> attributes_read, facts_read; // deal indexes, sorted

    const CompiledDeal& compiled() const { return *space.deals[deal]; }
    std::optional<std::size_t> position(std::uint32_t clause) const;

  private:
    Sym translate(const compiler::Program& p, std::uint32_t i,
                  std::vector<std::optional<Sym>>& memo);
    Sym attribute(std::uint32_t global);
    Sym fact(std::uint32_t f);
    std::optional<Value> folded(const compiler::Program& p, std::uint32_t i) const;
    Tri3 condition(const compiler::Program& p);
};

// Helpers over Kleene pairs.
// A number as the exact Z3 real it stands for.
z3::expr real_of(z3::context& ctx, Number n);

Tri3 tri_and(const Tri3& a, const Tri3& b);
Tri3 tri_or(const Tri3& a, const Tri3& b);
Tri3 tri_not(const Tri3& a);
inline z3::expr is_unknown(const Tri3& a) {
    return !(a.t || a.f);
}

inline int verdict_code(VerdictKind v) {
    return static_cast<int>(v);
}
inline VerdictKind verdict_of_code(std::int64_t c) {
    return static_cast<VerdictKind>(c);
}

} // namespace dealcheck::analysis
