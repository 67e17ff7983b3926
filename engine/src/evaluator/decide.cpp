#include "evaluator/decide.hpp"

#include "program/expr_eval.hpp"

#include <algorithm>
#include <array>
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

// The rows one decision reads, in two lists: its value's list of the split attribute
// and the clauses that do not pin it, or, when the question does not give the split
// attribute, the clauses that pin it and those that do not. Each has its forbids first.
class Rows {
  public:
    // Starts loading each list as soon as it is known, so that their cache misses
    // overlap (the split attribute's value may be a miss of its own).
    Rows(const std::uint32_t* record, std::span<const Value> attributes) {
        using namespace compiler;
        std::uint32_t split = record[record_split], values = record[record_values];
        const std::uint32_t* table = record + record_header;
        std::uint32_t table_words = split == model::no_index ? 0 : values + 1;
        table_words = (table_words + row_words - 1) / row_words * row_words;
        const std::uint32_t* pinned = table + table_words;
        const std::uint32_t* rest = pinned + record[record_pinned] * row_words;
        const std::uint32_t* by_value = rest + record[record_rest] * row_words;
        list_[1] = {rest, by_value};
        prefetch(list_[1]);
        list_[0] = {pinned, rest};
        if (split != model::no_index && split < attributes.size()) {
            const Value& v = attributes[split];
            // Its value's list says its pinning conjuncts hold: only for a value of its enum.
            if (v.kind == ValueKind::Enum && v.aux == record[record_split_enum] && v.payload >= 0 &&
                v.payload < values) {
                auto value = static_cast<std::uint32_t>(v.payload);
                list_[0] = {by_value + table[value] * row_words,
                            by_value + table[value + 1] * row_words};
            }
        }
        prefetch(list_[0]);
    }
    std::span<const std::pair<const std::uint32_t*, const std::uint32_t*>, 2> lists() const {
        return list_;
    }

  private:
    using List = std::pair<const std::uint32_t*, const std::uint32_t*>;
    std::array<List, 2> list_;

    static void prefetch(const List& list) {
        for (const char* p = reinterpret_cast<const char*>(list.first);
             p < reinterpret_cast<const char*>(list.second); p += 64)
            __builtin_prefetch(p);
    }
};

// The question's value in each column of a record, when it is of the column's kind:
// an enum's value index, a bool as 0 or 1, an amount's or a date's payload.
class ColumnValues {
  public:
    ColumnValues(const compiler::DecisionIndex& ix, std::uint32_t record, const Env& env) {
        for (std::size_t k = 0; k < compiler::row_columns; ++k) {
            auto c = ix.column(record, k);
            std::span<const Value> from = c.operand == Operand::Attr   ? env.attributes
                                          : c.operand == Operand::Fact ? env.facts
                                                                       : std::span<const Value>{};
            if (c.slot >= from.size()) continue;
            const Value& v = from[c.slot];
            if (v.kind != c.kind || v.aux != c.aux) continue; // unknown, or not comparable
            usable_[k] = true;
            key_[k] = c.kind == ValueKind::Bool ? (v.payload != 0 ? 1 : 0) : v.payload;
        }
    }
    // Whether the row's tests hold: False when one fails, True when all hold (which
    // decides the clause when the row is exact), else Unknown: its block decides.
    Tri test(const compiler::ClauseRow& r) const {
        using compiler::RowTest;
        Tri out = Tri::True;
        for (std::size_t k = 0; k < compiler::row_columns; ++k) {
            RowTest t = r.test(k);
            if (t == RowTest::None) continue;
            if (!usable_[k]) {
                out = Tri::Unknown;
                continue;
            }
            std::int64_t x = key_[k];
            bool holds;
            if (t == RowTest::InSet) {
                if (x < 0 || x >= 64) {
                    out = Tri::Unknown;
                    continue;
                }
                holds = (r.param[k] >> x) & 1u;
            } else if (t == RowTest::AtLeast) {
                holds = x >= static_cast<std::int64_t>(r.param[k]);
            } else {
                holds = x <= static_cast<std::int64_t>(r.param[k]);
            }
            if (!holds) return Tri::False;
        }
        return out;
    }

  private:
    std::array<bool, compiler::row_columns> usable_{};
    std::array<std::int64_t, compiler::row_columns> key_{};
};

// Whether the question knows every attribute and fact the record's clauses read, so
// that none can be unknown (and a forbid that applies settles the verdict).
bool all_known(const std::uint32_t* record, std::span<const Value> attributes,
               std::span<const Value> facts) {
    using namespace compiler;
    if (!(record[record_flags] & record_masks)) return false;
    auto mask = [&](RecordWord lo) {
        return record[lo] | (static_cast<std::uint64_t>(record[lo + 1]) << 32);
    };
    for (std::uint64_t m = mask(record_attrs_lo); m; m &= m - 1) {
        auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (i >= attributes.size() || !attributes[i].known()) return false;
    }
    for (std::uint64_t m = mask(record_facts_lo); m; m &= m - 1) {
        auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (i >= facts.size() || !facts[i].known()) return false;
    }
    return true;
}

// The verdict as the clauses that apply are found, from their rows or their blocks.
template <bool Collect> class Verdict {
  public:
    Verdict(const std::uint32_t* record, const BoundQuestion& q, const Env& env,
            DecidingClauses* out)
        : record_(record), q_(q), env_(env), out_(out) {}

    // Once a forbid settled the verdict, only the other forbids are still to be listed.
    bool wants(model::Effect e) const { return !settled_ || e == Effect::Forbid; }

    bool settled() const { return settled_; }

    // A clause that applies for certain, by its block. Returns true when it settles the
    // verdict as Forbidden and nothing more is to be listed (without the deciding clauses).
    bool add(model::Effect effect, std::uint8_t consent_of, std::uint32_t block) {
        if (effect == Effect::Forbid) {
            // With nothing unknown, a forbid that applies settles the verdict at once.
            if (settles_ < 0) settles_ = all_known(record_, env_.attributes, env_.facts) ? 1 : 0;
            if (settles_ == 1) {
                if constexpr (!Collect) return true;
                settled_ = true;
            }
        }
        bool permits = tally.add(effect, consent_of, q_.consents);
        if constexpr (Collect) {
            switch (effect) {
            case Effect::Forbid:
                out_->forbid.push_back(block);
                break;
            case Effect::Permit:
            case Effect::Consent:
                (permits ? out_->permit : out_->consent).push_back(block);
                break;
            case Effect::Grant:
            case Effect::Oblige:
                out_->consequence.push_back(block);
                break;
            }
        }
        return false;
    }
    Tally tally;

  private:
    const std::uint32_t* record_;
    const BoundQuestion& q_;
    const Env& env_;
    DecidingClauses* out_;
    int settles_ = -1;     // whether a forbid settles the verdict at once: not known yet
    bool settled_ = false; // it did: only the other forbids remain to be listed
};

// Blocks whose rows could not decide their clause, read in groups so that their
// cache misses overlap.
class Pending {
  public:
    static constexpr std::size_t capacity = 16;
    bool push(const compiler::Cell* block) {
        __builtin_prefetch(block);
        __builtin_prefetch(reinterpret_cast<const char*>(block) + 64);
        blocks_[size_++] = block;
        return size_ == capacity;
    }
    std::span<const compiler::Cell* const> take() {
        auto n = size_;
        size_ = 0;
        return {blocks_.data(), n};
    }

  private:
    std::array<const compiler::Cell*, capacity> blocks_{};
    std::size_t size_ = 0;
};

// The deciding clauses of a verdict, from its list of blocks: blocks are laid out in
// declaration order, so sorting them sorts the clauses (as answer() lists them).
void cite(const compiler::DecisionIndex& ix, VerdictKind verdict, DecidingClauses& out) {
    std::vector<std::uint32_t>* blocks = nullptr;
    switch (verdict) {
    case VerdictKind::Forbidden:
        blocks = &out.forbid;
        break;
    case VerdictKind::NeedsConsent:
        blocks = &out.consent;
        break;
    case VerdictKind::Permitted:
        blocks = out.permit.empty() && out.powers.empty() ? &out.consequence : &out.permit;
        break;
    default:
        return;
    }
    std::sort(blocks->begin(), blocks->end());
    std::sort(out.powers.begin(), out.powers.end());
    for (auto b : *blocks)
        __builtin_prefetch(&ix.code[b]);
    for (auto b : *blocks)
        out.clauses.push_back(compiler::head_at(&ix.code[b]).clause);
}

template <bool Collect>
Decision run(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
             DecidingClauses* out) {
    const auto& ix = deal.decisions;
    Decision d;
    if (q.action >= ix.action_default.size() || q.party >= ix.parties) return d;
    d.default_verdict = ix.action_default[q.action];
    const std::uint32_t record_at = ix.record(q.action, q.party);
    const std::uint32_t* record = ix.records.data() + record_at;
    // The record's header and value table, and the split attribute's value, are read
    // one after the other: start loading them together.
    __builtin_prefetch(record);
    __builtin_prefetch(record + 16);
    __builtin_prefetch(q.attributes.data());
    Env env = question_env(deal, q, facts, q.date);
    Fast fast(deal, env);
    const Cell* code = ix.code.data();
    Rows rows(record, env.attributes);
    ColumnValues columns(ix, record_at, env);
    Verdict<Collect> verdict(record, q, env, out);
    Pending pending;

    // Decides the clauses of the pending blocks; true when the verdict is settled.
    auto read_blocks = [&] {
        for (const Cell* at : pending.take()) {
            ClauseHead h = compiler::head_at(at);
            if (!verdict.wants(h.effect)) continue;
            Tri effective = fast.applies(at, h);
            if (effective == Tri::False) continue;
            // An applicable exception overrides the clauses it beats.
            if (h.flags & compiler::head_beaten)
                effective = tri_and(effective, tri_not(fast.overridden(h, q.action, q.party)));
            if (effective == Tri::Unknown) {
                verdict.tally.unknown = true;
                continue;
            }
            if (effective == Tri::True &&
                verdict.add(h.effect, h.consent_of, static_cast<std::uint32_t>(at - code)))
                return true;
        }
        return false;
    };

    // Reads the rows in order; true when a forbid settled the verdict.
    auto scan = [&] {
        for (const auto& [first, last] : rows.lists())
            for (const std::uint32_t* w = first; w != last; w += compiler::row_words) {
                compiler::ClauseRow r = compiler::row_at(w);
                if (!verdict.wants(r.effect)) break; // the list's forbids are behind it
                if (q.date < r.lo || q.date > r.hi) continue;
                Tri t = columns.test(r);
                if (t == Tri::False) continue;
                if (t == Tri::True && (r.flags & compiler::row_exact)) {
                    // cite() reads its head for its id: start loading it now.
                    if constexpr (Collect) __builtin_prefetch(code + r.block);
                    if (verdict.add(r.effect, r.consent_of, r.block)) return true;
                } else if (pending.push(code + r.block) && read_blocks()) {
                    return true;
                }
            }
        return read_blocks();
    };
    if (scan()) {
        d.verdict = VerdictKind::Forbidden;
        return d;
    }

    Tally& t = verdict.tally;
    if (!verdict.settled()) // else Forbidden (or DEPENDS): no power changes that
        for (const auto& span : deal.power_open)
            if (open_for(span, q)) {
                t.add_open_power();
                if constexpr (Collect) out->powers.push_back(span.power);
            }
    d = verdict_of(t, d.default_verdict);
    if constexpr (Collect) cite(ix, d.verdict, *out);
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
