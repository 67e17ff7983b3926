#include "analysis/completion.hpp"

#include "evaluator/authorizer.hpp"

#include <algorithm>
#include <set>

namespace dealcheck::analysis {

using model::TypeKind;

namespace {

// The kinds of value the evaluator lists when a clause hinges on one
// (evaluator/authorizer.cpp, domain_of).
bool listed(TypeKind k) {
    return k == TypeKind::Bool || k == TypeKind::Enum || k == TypeKind::Party;
}

} // namespace

Completion::Completion(const Bucket& of, const std::string& tag)
    : space_(std::make_unique<Space>(of.space)), fills_(of.space.ctx),
      valid_(of.space.ctx.bool_val(true)) {
    Space& s = *space_;
    z3::context& ctx = s.ctx;
    const std::size_t d = of.deal;
    s.fresh_tag = tag + "." + std::to_string(d) + ".";
    z3::expr_vector valid(ctx);
    // A fill variable for `slot`: the value it takes when the question leaves it unknown.
    auto fill = [&](Slot& slot, const std::string& name) {
        Slot filled = slot;
        auto id = "fill." + tag + "." + name;
        filled.val =
            slot.kind == TypeKind::Bool ? ctx.bool_const(id.c_str()) : ctx.int_const(id.c_str());
        fills_.push_back(filled.val);
        valid.push_back(s.domain(filled));
        return filled.val;
    };
    for (auto& slot : s.attributes) {
        if (!slot.usable || !listed(slot.kind)) continue;
        z3::expr v = fill(slot, "attr." + slot.id);
        slot.val = z3::ite(slot.given, slot.val, v);
        slot.given = ctx.bool_val(true);
    }
    const auto& map = s.fact_map[d];
    for (std::uint32_t f = 0; f < map.size(); ++f) {
        Slot& slot = s.facts[map[f]];
        if (!slot.usable || !listed(slot.kind)) continue;
        z3::expr v = fill(slot, "fact." + slot.id);
        // A fact the rules record on the date is known: only the others are filled in.
        slot.val = z3::ite(slot.given, slot.val, v);
        slot.given = slot.given || !s.recorded(d, f, of.date);
    }
    valid_ = valid.empty() ? ctx.bool_val(true) : z3::mk_and(valid);
    bucket_ = std::make_unique<Bucket>(s, d, of.action, of.party, of.date);
}

bool few_fillings(const Bucket& a, const Bucket& b) {
    const Space& s = a.space;
    std::set<std::uint32_t> attrs, facts;
    for (const Bucket* x : {&a, &b}) {
        for (auto g : x->attributes_read)
            attrs.insert(s.attribute_map[x->deal][g]);
        for (auto f : x->facts_read)
            facts.insert(s.fact_map[x->deal][f]);
    }
    std::size_t combinations = 1;
    auto count = [&](const Slot& slot) {
        std::size_t n = slot.kind == TypeKind::Bool    ? 2
                        : slot.kind == TypeKind::Enum  ? s.enums[slot.enum_index].values.size()
                        : slot.kind == TypeKind::Party ? s.parties.size()
                                                       : 1;
        combinations =
            std::min(combinations * std::max<std::size_t>(n, 1), evaluator::max_combinations + 1);
    };
    for (auto i : attrs)
        count(s.attributes[i]);
    for (auto i : facts)
        count(s.facts[i]);
    return combinations <= evaluator::max_combinations;
}

bool completions_exact(const Bucket& b) {
    if (b.space.opaque_terms != 0) return false;
    for (auto g : b.attributes_read)
        if (!b.space.attributes[b.space.attribute_map[b.deal][g]].usable) return false;
    for (auto f : b.facts_read)
        if (!b.space.facts[b.space.fact_map[b.deal][f]].usable) return false;
    return true;
}

z3::expr decided_differently(const Completion& a, const Completion& b) {
    const Bucket &x = a.decided(), &y = b.decided();
    z3::context& ctx = x.space.ctx;
    const int needs = verdict_code(VerdictKind::NeedsConsent),
              depends = verdict_code(VerdictKind::Depends);
    z3::expr_vector consents_differ(ctx);
    for (unsigned p = 0; p < x.consent_needed.size(); ++p)
        consents_differ.push_back(x.consent_needed[static_cast<int>(p)] !=
                                  y.consent_needed[static_cast<int>(p)]);
    z3::expr other_consents =
        consents_differ.empty() ? ctx.bool_val(false) : z3::mk_or(consents_differ);
    const int not_covered = verdict_code(VerdictKind::NotCovered);
    return x.verdict != y.verdict || (x.verdict == needs && y.verdict == needs && other_consents) ||
           (x.verdict == not_covered && y.verdict == not_covered &&
            ctx.bool_val(x.default_verdict != y.default_verdict)) ||
           x.verdict == depends || y.verdict == depends;
}

DependsProofs::Side::Side(const Bucket& b, const std::string& tag)
    : first(b, tag + ".1"), second(b, tag + ".2"), differ(decided_differently(first, second)),
      proofs(b.space.ctx) {}

DependsProofs::DependsProofs(const Bucket& old_bucket, const Bucket& new_bucket)
    : sides_{Side(old_bucket, "old"), Side(new_bucket, "new")} {}

bool DependsProofs::learn(std::size_t side, Solver& solver, const z3::expr& same_question) {
    Side& s = sides_[side];
    bool timed_out = false;
    auto model =
        solver.find(same_question && s.differ && s.first.fills_valid() && s.second.fills_valid(),
                    {}, timed_out);
    if (!model) return false;
    z3::expr_vector from(s.differ.ctx()), to(s.differ.ctx());
    for (const auto* c : {&s.first, &s.second})
        for (unsigned i = 0; i < c->fills().size(); ++i) {
            from.push_back(c->fills()[static_cast<int>(i)]);
            to.push_back(model->eval(c->fills()[static_cast<int>(i)], true));
        }
    z3::expr proof = s.differ;
    s.proofs.push_back(proof.substitute(from, to));
    return true;
}

z3::expr DependsProofs::on_side(std::size_t side) const {
    const auto& proofs = sides_[side].proofs;
    return proofs.empty() ? sides_[side].differ.ctx().bool_val(false) : z3::mk_or(proofs);
}

} // namespace dealcheck::analysis
