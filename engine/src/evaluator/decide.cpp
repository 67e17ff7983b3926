#include "evaluator/decide.hpp"

#include "evaluator/expr_eval.hpp"

#include <algorithm>
#include <bit>

namespace dealcheck::evaluator {

using compiler::CmpOp;
using compiler::FastClause;
using compiler::FastNode;
using compiler::FastOp;
using compiler::Operand;
using compiler::Period;
using model::Effect;

namespace {

inline Tri truth(const Value& v) {
    if (v.kind != ValueKind::Bool) return Tri::Unknown;
    return v.payload != 0 ? Tri::True : Tri::False;
}

inline Tri of(bool b) { return b ? Tri::True : Tri::False; }

class Fast {
  public:
    Fast(const CompiledDeal& deal, const Env& env) : deal_(deal), ix_(deal.decisions), env_(env) {}

    // In force and inside its window on the date, no ending event has happened, and
    // its condition holds: the same test as the scan in authorizer.cpp.
    Tri applies(const FastClause& c) const {
        if (env_.date < c.lo || env_.date > c.hi) return Tri::False;
        Tri open = Tri::True;
        for (std::uint32_t k = 0; k < c.event_count; ++k) {
            const Value& v = env_.facts[ix_.event_facts[c.events + k]];
            open = tri_and(open, v.known() ? (v.as_bool() ? Tri::False : Tri::True) : Tri::Unknown);
        }
        if (open == Tri::False || c.cond == compiler::no_node) return open;
        return tri_and(open, eval(c.cond));
    }

  private:
    const CompiledDeal& deal_;
    const compiler::DecisionIndex& ix_;
    const Env& env_;

    Value operand(Operand o, std::uint32_t slot, const Value& constant) const {
        switch (o) {
        case Operand::Attr: return env_.attributes[slot];
        case Operand::Fact: return env_.facts[slot];
        case Operand::Today: return Value::date(env_.date);
        case Operand::Const: return constant;
        }
        return Value::unknown();
    }

    Tri compare(const FastNode& n) const {
        Value l = operand(n.left, n.a, n.constant);
        if (!l.known()) return Tri::Unknown;
        if (n.cmp == CmpOp::InMask)
            return of((l.payload >= 0 && l.payload < 64 && ((n.constant.as_bits() >> l.payload) & 1u)) != n.negate);
        Value r = operand(n.right, n.b, n.constant);
        if (!r.known()) return Tri::Unknown;
        switch (n.cmp) {
        case CmpOp::Eq: return of(n.number ? l.as_number() == r.as_number() : l == r);
        case CmpOp::Ne: return of(!(n.number ? l.as_number() == r.as_number() : l == r));
        case CmpOp::InSet:
            return of((l.payload >= 0 && l.payload < 64 && ((r.as_bits() >> l.payload) & 1u)) != n.negate);
        default: break;
        }
        int c;
        if (n.number) {
            double x = l.as_number(), y = r.as_number();
            c = x < y ? -1 : (x > y ? 1 : 0);
        } else {
            c = l.payload < r.payload ? -1 : (l.payload > r.payload ? 1 : 0);
        }
        switch (n.cmp) {
        case CmpOp::Lt: return of(c < 0);
        case CmpOp::Le: return of(c <= 0);
        case CmpOp::Gt: return of(c > 0);
        default: return of(c >= 0);
        }
    }

    Tri eval(std::uint32_t i) const {
        const FastNode& n = ix_.nodes[i];
        switch (n.op) {
        case FastOp::Cmp: return compare(n);
        case FastOp::And: {
            Tri acc = Tri::True;
            for (std::uint32_t k = 0; k < n.b; ++k) {
                Tri t = eval(ix_.children[n.a + k]);
                if (t == Tri::False) return Tri::False;
                if (t == Tri::Unknown) acc = Tri::Unknown;
            }
            return acc;
        }
        case FastOp::Or: {
            Tri acc = Tri::False;
            for (std::uint32_t k = 0; k < n.b; ++k) {
                Tri t = eval(ix_.children[n.a + k]);
                if (t == Tri::True) return Tri::True;
                if (t == Tri::Unknown) acc = Tri::Unknown;
            }
            return acc;
        }
        case FastOp::Not: return tri_not(eval(n.a));
        case FastOp::Truth: return truth(operand(n.left, n.a, n.constant));
        case FastOp::Const: return n.truth;
        case FastOp::General: return truth(evaluate_at(deal_.clauses[n.b].when, n.a, env_));
        }
        return Tri::Unknown;
    }
};

// Whether the question knows every attribute and fact the period's clauses read, so
// that no clause can be unknown (and a forbid that applies settles the verdict).
bool all_known(const Period& p, std::span<const Value> attributes, std::span<const Value> facts) {
    if (!p.masks) return false;
    for (std::uint64_t m = p.attributes_read; m; m &= m - 1) {
        auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (i >= attributes.size() || !attributes[i].known()) return false;
    }
    for (std::uint64_t m = p.facts_read; m; m &= m - 1) {
        auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (i >= facts.size() || !facts[i].known()) return false;
    }
    return true;
}

struct Tally {
    bool unknown = false, forbid = false, permit = false, consent = false, consequence = false;
    std::uint64_t consent_needed = 0;
};

// The clauses one decision visits: one value's list merged with the rest (both in
// declaration order), or the whole period.
class Visit {
  public:
    Visit(const compiler::DecisionIndex& ix, const Period& p, std::span<const Value> attributes) {
        const std::uint32_t* e = ix.entries.data();
        a_ = e + p.begin;
        a_end_ = e + p.end;
        if (p.split == model::no_index || p.split >= attributes.size()) return;
        const Value& v = attributes[p.split];
        if (!v.known() || v.payload < 0 || v.payload >= p.values) return;
        auto value = static_cast<std::uint32_t>(v.payload);
        a_ = e + ix.value_offsets[p.table + value];
        a_end_ = e + ix.value_offsets[p.table + value + 1];
        b_ = e + p.rest_begin;
        b_end_ = e + p.rest_end;
    }
    bool next(std::uint32_t& c) {
        if (a_ != a_end_ && (b_ == b_end_ || *a_ < *b_)) {
            c = *a_++;
            return true;
        }
        if (b_ != b_end_) {
            c = *b_++;
            return true;
        }
        return false;
    }

  private:
    const std::uint32_t *a_, *a_end_, *b_ = nullptr, *b_end_ = nullptr;
};

struct Applied {
    std::uint32_t clause;
    Tri app;
};

template <bool Collect>
Decision run(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts, DecidingClauses* out) {
    const auto& ix = deal.decisions;
    Decision d;
    if (q.action >= ix.action_default.size() || q.party >= ix.parties) return d;
    d.default_verdict = ix.action_default[q.action];
    Env env{{q.attributes.data(), q.attributes.size()}, facts, q.date};
    Fast fast(deal, env);
    const Period& period = ix.period(q.action, q.party, q.date);
    Visit visit(ix, period, env.attributes);
    Tally t;
    auto take = [&](std::uint32_t c, Tri effective) {
        if (effective == Tri::Unknown) t.unknown = true;
        if (effective != Tri::True) return;
        const FastClause& fc = ix.clauses[c];
        switch (fc.effect) {
        case Effect::Forbid:
            t.forbid = true;
            if constexpr (Collect) out->forbid.push_back(c);
            break;
        case Effect::Permit:
            t.permit = true;
            if constexpr (Collect) out->permit.push_back(c);
            break;
        case Effect::Consent:
            if ((q.consents >> fc.consent_of) & 1u) {
                t.permit = true;
                if constexpr (Collect) out->permit.push_back(c);
            } else {
                t.consent = true;
                t.consent_needed |= 1ull << fc.consent_of;
                if constexpr (Collect) out->consent.push_back(c);
            }
            break;
        case Effect::Grant:
        case Effect::Oblige:
            t.consequence = true;
            if constexpr (Collect) out->consequence.push_back(c);
            break;
        }
    };

    std::uint32_t c;
    if (!period.has_beaten) {
        // No exception here: each clause's effect stands on its own.
        int settled = -1; // unknown yet whether a forbid can settle the verdict at once
        while (visit.next(c)) {
            Tri app = fast.applies(ix.clauses[c]);
            if (app == Tri::False) continue;
            if constexpr (!Collect) {
                if (app == Tri::True && ix.clauses[c].effect == Effect::Forbid) {
                    if (settled < 0) settled = all_known(period, env.attributes, facts) ? 1 : 0;
                    if (settled == 1) {
                        d.verdict = VerdictKind::Forbidden;
                        return d;
                    }
                }
            }
            take(c, app);
        }
    } else {
        // An applicable exception overrides the clauses it beats: first what applies,
        // then each clause's effect once its beaters are known.
        thread_local std::vector<Applied> applied;
        applied.clear();
        while (visit.next(c)) {
            Tri app = fast.applies(ix.clauses[c]);
            if (app != Tri::False) applied.push_back({c, app});
        }
        for (const auto& [clause, app] : applied) {
            const FastClause& fc = ix.clauses[clause];
            Tri overridden = Tri::False;
            for (std::uint32_t k = 0; k < fc.beater_count && overridden != Tri::True; ++k) {
                std::uint32_t by = ix.beaters[fc.beaters + k];
                auto it = std::lower_bound(applied.begin(), applied.end(), by,
                                           [](const Applied& x, std::uint32_t id) { return x.clause < id; });
                if (it != applied.end() && it->clause == by) overridden = tri_or(overridden, it->app);
            }
            take(clause, tri_and(app, tri_not(overridden)));
        }
    }

    // Forbid beats consent beats permit when no exception orders them (the safe way),
    // exactly as verdict_of() in authorizer.cpp.
    if (t.unknown) d.verdict = VerdictKind::Depends;
    else if (t.forbid) d.verdict = VerdictKind::Forbidden;
    else if (t.consent) {
        d.verdict = VerdictKind::NeedsConsent;
        d.consent_of = t.consent_needed;
    } else if (t.permit || t.consequence) d.verdict = VerdictKind::Permitted;
    else d.verdict = VerdictKind::NotCovered;
    return d;
}

} // namespace

Decision decide(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts) {
    return run<false>(deal, q, facts, nullptr);
}

Decision decide(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
                DecidingClauses& deciding) {
    deciding.clear();
    return run<true>(deal, q, facts, &deciding);
}

} // namespace dealcheck::evaluator
