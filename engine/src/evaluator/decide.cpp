#include "evaluator/decide.hpp"

#include "program/expr_eval.hpp"

#include <algorithm>
#include <bit>

namespace dealcheck::evaluator {

using compiler::Cell;
using compiler::ClauseHead;
using compiler::CmpOp;
using compiler::CodeNode;
using compiler::FastOp;
using compiler::Operand;
using model::Effect;

namespace {

inline Tri truth(const Value& v) {
    if (v.kind != ValueKind::Bool) return Tri::Unknown;
    return v.payload != 0 ? Tri::True : Tri::False;
}

inline Tri of(bool b) {
    return b ? Tri::True : Tri::False;
}

class Fast {
  public:
    Fast(const CompiledDeal& deal, const Env& env) : deal_(deal), ix_(deal.decisions), env_(env) {}

    // In force and inside its window on the date, no ending event has happened, and
    // its condition holds: the same test as the scan in authorizer.cpp.
    Tri applies(const Cell* block, const ClauseHead& h) const {
        if (env_.date < h.lo || env_.date > h.hi) return Tri::False;
        Tri open = Tri::True;
        for (std::uint32_t k = 0; k < h.event_count; ++k) {
            const Value& v = env_.facts[ix_.event_facts[h.events + k]];
            open = tri_and(open, v.known() ? (v.as_bool() ? Tri::False : Tri::True) : Tri::Unknown);
        }
        if (open == Tri::False || !(h.flags & compiler::head_condition)) return open;
        return tri_and(open, eval(block + 1));
    }

    // Whether an exception that beats `h`'s clause applies; only exceptions among the
    // question's candidates (same action, same or any party) count.
    Tri overridden(const ClauseHead& h, std::uint32_t action, std::uint32_t party) const {
        Tri out = Tri::False;
        const auto& m = deal_.model;
        for (std::uint32_t k = ix_.beaters_at[h.clause];
             k < ix_.beaters_at[h.clause + 1] && out != Tri::True; ++k) {
            std::uint32_t by = ix_.beaters[k];
            const auto& c = m.clauses[by];
            if (c.party != model::no_index && c.party != party) continue;
            if (std::find(c.actions.begin(), c.actions.end(), action) == c.actions.end()) continue;
            const Cell* block = &ix_.code[ix_.block_of[by]];
            out = tri_or(out, applies(block, compiler::head_at(block)));
        }
        return out;
    }

  private:
    const CompiledDeal& deal_;
    const compiler::DecisionIndex& ix_;
    const Env& env_;

    Value operand(Operand o, std::uint32_t slot, const CodeNode& n) const {
        switch (o) {
        case Operand::Attr:
            return env_.attributes[slot];
        case Operand::Fact:
            return env_.facts[slot];
        case Operand::Today:
            return Value::date(env_.date);
        case Operand::Const:
            return n.constant();
        }
        return Value::unknown();
    }

    Tri compare(const CodeNode& n) const {
        Value l = operand(n.left, n.a, n);
        if (!l.known()) return Tri::Unknown;
        bool negate = n.flags & compiler::node_negate;
        if (n.cmp == CmpOp::InMask)
            return of((l.payload >= 0 && l.payload < 64 &&
                       ((static_cast<std::uint64_t>(n.payload) >> l.payload) & 1u)) != negate);
        Value r = operand(n.right, n.b, n);
        if (!r.known()) return Tri::Unknown;
        bool number = n.flags & compiler::node_number;
        switch (n.cmp) {
        case CmpOp::Eq: // numbers are normalised: equal values have equal bits
            return of(l == r);
        case CmpOp::Ne:
            return of(l != r);
        case CmpOp::InSet:
            return of((l.payload >= 0 && l.payload < 64 && ((r.as_bits() >> l.payload) & 1u)) !=
                      negate);
        default:
            break;
        }
        int c;
        if (number) {
            auto order = dealcheck::compare(l.as_number(), r.as_number());
            c = order < 0 ? -1 : (order > 0 ? 1 : 0);
        } else {
            c = l.payload < r.payload ? -1 : (l.payload > r.payload ? 1 : 0);
        }
        switch (n.cmp) {
        case CmpOp::Lt:
            return of(c < 0);
        case CmpOp::Le:
            return of(c <= 0);
        case CmpOp::Gt:
            return of(c > 0);
        default:
            return of(c >= 0);
        }
    }

    Tri eval(const Cell* at) const {
        CodeNode n = compiler::node_at(at);
        switch (n.op) {
        case FastOp::Cmp:
            return compare(n);
        case FastOp::And:
        case FastOp::Or: {
            // Kleene: false (true) decides an and (an or); otherwise unknown if any is.
            Tri decisive = n.op == FastOp::And ? Tri::False : Tri::True;
            Tri acc = n.op == FastOp::And ? Tri::True : Tri::False;
            const Cell* child = at + 1;
            for (std::uint32_t k = 0; k < n.a; ++k) {
                Tri t = eval(child);
                if (t == decisive) return decisive;
                if (t == Tri::Unknown) acc = Tri::Unknown;
                child += compiler::node_at(child).size;
            }
            return acc;
        }
        case FastOp::Not:
            return tri_not(eval(at + 1));
        case FastOp::Truth:
            return truth(operand(n.left, n.a, n));
        case FastOp::Const:
            return of(n.flags & compiler::node_true);
        case FastOp::General:
            return truth(evaluate_at(deal_.clauses[n.b].when, n.a, env_));
        }
        return Tri::Unknown;
    }
};

// The clause blocks one decision visits: one value's list and the clauses that do
// not pin the split attribute, or the whole period. Each list has its forbids first.
class Visit {
  public:
    Visit(const std::uint32_t* period, std::span<const Value> attributes) {
        using namespace compiler;
        std::uint32_t split = period[period_split], values = period[period_values];
        const std::uint32_t* table = period + period_header;
        const std::uint32_t* lists = table + (split == model::no_index ? 0 : values + 1);
        a_ = lists;
        a_end_ = lists + period[period_all];
        if (split == model::no_index || split >= attributes.size()) return;
        const Value& v = attributes[split];
        if (!v.known() || v.payload < 0 || v.payload >= values) return;
        auto value = static_cast<std::uint32_t>(v.payload);
        b_ = a_end_;
        b_end_ = b_ + period[period_rest];
        a_ = b_end_ + table[value];
        a_end_ = b_end_ + table[value + 1];
    }
    // Starts loading every block of the visit at once (a block spans up to two cache
    // lines), so that their cache misses overlap instead of following one another.
    void prefetch(const Cell* code) const {
        for (const std::uint32_t* p = a_; p != a_end_; ++p) {
            __builtin_prefetch(code + *p);
            __builtin_prefetch(reinterpret_cast<const char*>(code + *p) + 64);
        }
        for (const std::uint32_t* p = b_; p != b_end_; ++p) {
            __builtin_prefetch(code + *p);
            __builtin_prefetch(reinterpret_cast<const char*>(code + *p) + 64);
        }
    }
    bool next(std::uint32_t& block) {
        if (a_ != a_end_) {
            block = *a_++;
            in_b_ = false;
            return true;
        }
        if (b_ != b_end_) {
            block = *b_++;
            in_b_ = true;
            return true;
        }
        return false;
    }
    // Leaves the list the last block came from (its forbids are behind).
    void skip_list() {
        if (in_b_)
            b_ = b_end_;
        else
            a_ = a_end_;
    }

  private:
    const std::uint32_t *a_, *a_end_, *b_ = nullptr, *b_end_ = nullptr;
    bool in_b_ = false;
};

// Whether the question knows every attribute and fact the period's clauses read, so
// that none can be unknown (and a forbid that applies settles the verdict).
bool all_known(const std::uint32_t* period, std::span<const Value> attributes,
               std::span<const Value> facts) {
    using namespace compiler;
    if (!(period[period_flags] & period_masks)) return false;
    auto mask = [&](PeriodWord lo) {
        return period[lo] | (static_cast<std::uint64_t>(period[lo + 1]) << 32);
    };
    for (std::uint64_t m = mask(period_attrs_lo); m; m &= m - 1) {
        auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (i >= attributes.size() || !attributes[i].known()) return false;
    }
    for (std::uint64_t m = mask(period_facts_lo); m; m &= m - 1) {
        auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (i >= facts.size() || !facts[i].known()) return false;
    }
    return true;
}

template <bool Collect>
Decision run(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
             DecidingClauses* out) {
    const auto& ix = deal.decisions;
    Decision d;
    if (q.action >= ix.action_default.size() || q.party >= ix.parties) return d;
    d.default_verdict = ix.action_default[q.action];
    Env env = question_env(deal, q, facts, q.date);
    Fast fast(deal, env);
    const std::uint32_t* period = ix.records.data() + ix.period(q.action, q.party, q.date);
    const Cell* code = ix.code.data();
    Visit visit(period, env.attributes);
    visit.prefetch(code);

    Tally t;
    int settles = -1;     // whether a forbid settles the verdict at once: not known yet
    bool settled = false; // it did: only the other forbids remain to be listed
    std::uint32_t block;
    while (visit.next(block)) {
        const Cell* at = code + block;
        ClauseHead h = compiler::head_at(at);
        if (settled && h.effect != Effect::Forbid) { // forbids come first in each list
            visit.skip_list();
            continue;
        }
        Tri effective = fast.applies(at, h);
        if (effective == Tri::False) continue;
        // An applicable exception overrides the clauses it beats.
        if (h.flags & compiler::head_beaten)
            effective = tri_and(effective, tri_not(fast.overridden(h, q.action, q.party)));
        if (effective == Tri::Unknown) {
            t.unknown = true;
            continue;
        }
        if (effective != Tri::True) continue;
        if (h.effect == Effect::Forbid) {
            // With nothing unknown, a forbid that applies settles the verdict at once.
            if (settles < 0) settles = all_known(period, env.attributes, facts) ? 1 : 0;
            if (settles == 1) {
                if constexpr (!Collect) {
                    d.verdict = VerdictKind::Forbidden;
                    return d;
                }
                settled = true;
            }
        }
        bool permits = t.add(h.effect, h.consent_of, q.consents);
        if constexpr (Collect) {
            switch (h.effect) {
            case Effect::Forbid:
                out->forbid.push_back(h.clause);
                break;
            case Effect::Permit:
            case Effect::Consent:
                (permits ? out->permit : out->consent).push_back(h.clause);
                break;
            case Effect::Grant:
            case Effect::Oblige:
                out->consequence.push_back(h.clause);
                break;
            }
        }
    }

    for (const auto& span : deal.power_open)
        if (open_for(span, q)) {
            t.add_open_power();
            if constexpr (Collect) out->powers.push_back(span.power);
        }

    if constexpr (Collect) { // declaration order, as answer() lists them
        for (auto* v : {&out->forbid, &out->consent, &out->permit, &out->consequence, &out->powers})
            std::sort(v->begin(), v->end());
    }
    return verdict_of(t, d.default_verdict);
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
