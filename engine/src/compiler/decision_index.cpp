#include "compiler/decision_index.hpp"

#include "compiler/compiled_deal.hpp"

#include <algorithm>
#include <bit>
#include <utility>

namespace dealcheck::compiler {

using model::no_index;
using model::TypeKind;

namespace {

void put(std::vector<Cell>& code, const CodeNode& n) {
    Cell c{};
    std::memcpy(static_cast<void*>(&c), static_cast<const void*>(&n), sizeof n);
    code.push_back(c);
}

// Lowers one clause's Program into CodeNodes, in pre-order, after its head.
class Flattener {
  public:
    Flattener(const CompiledDeal& deal, std::vector<Cell>& code, std::uint32_t clause)
        : code_(code), clause_(clause), p_(deal.clauses[clause].when) {}

    // Appends the nodes; false when there is no condition.
    bool emit() {
        if (p_.empty()) return false;
        node(p_.root);
        return true;
    }
    // Whether some part stayed a Program: it may be unknown even when every value it
    // reads is known (an overflowing sum), so a forbid cannot settle a verdict early.
    bool used_general() const { return general_; }

  private:
    std::vector<Cell>& code_;
    std::uint32_t clause_;
    const Program& p_;
    bool general_ = false;

    std::uint32_t add(const CodeNode& n) {
        put(code_, n);
        return static_cast<std::uint32_t>(code_.size() - 1);
    }
    void set(std::uint32_t at, const CodeNode& n) {
        std::memcpy(static_cast<void*>(&code_[at]), static_cast<const void*>(&n), sizeof n);
    }

    void general(std::uint32_t i) {
        general_ = true;
        CodeNode n;
        n.op = FastOp::General;
        n.a = i;
        n.b = clause_;
        add(n);
    }

    struct Side {
        Operand kind = Operand::Const;
        std::uint32_t slot = 0;
        Value constant;
    };

    bool side(std::uint32_t i, Side& out) const {
        const Instr& in = p_.code[i];
        switch (in.op) {
        case Op::Attr:
            out = {Operand::Attr, in.slot, {}};
            return true;
        case Op::Fact:
            out = {Operand::Fact, in.slot, {}};
            return true;
        case Op::Today:
            out = {Operand::Today, 0, {}};
            return true;
        case Op::Const:
            out = {Operand::Const, 0, in.constant};
            return true;
        default:
            return false;
        }
    }

    static CmpOp mirror(CmpOp c) {
        switch (c) {
        case CmpOp::Lt:
            return CmpOp::Gt;
        case CmpOp::Le:
            return CmpOp::Ge;
        case CmpOp::Gt:
            return CmpOp::Lt;
        case CmpOp::Ge:
            return CmpOp::Le;
        default:
            return c;
        }
    }

    static void right_side(CodeNode& n, const Side& r) {
        n.right = r.kind;
        if (r.kind == Operand::Const) {
            n.kind = r.constant.kind;
            n.b = r.constant.aux;
            n.payload = r.constant.payload;
        } else {
            n.b = r.slot;
        }
    }

    void compare(std::uint32_t i, CmpOp cmp) {
        const Instr& in = p_.code[i];
        Side l, r;
        if (!side(in.a, l) || !side(in.b, r)) return general(i);
        if (l.kind == Operand::Const) {
            if (r.kind == Operand::Const) return general(i);
            std::swap(l, r);
            cmp = mirror(cmp);
        }
        CodeNode n;
        n.op = FastOp::Cmp;
        n.cmp = cmp;
        n.left = l.kind;
        n.a = l.slot;
        right_side(n, r);
        if (p_.code[in.a].type.kind == TypeKind::Number) n.flags |= node_number;
        add(n);
    }

    // `a in [x, y, z]` with an enum on the left and enum constants in the list: a mask.
    void in_list(std::uint32_t i) {
        const Instr& in = p_.code[i];
        Side l;
        const auto& lt = p_.code[in.a].type;
        if (!side(in.a, l) || l.kind == Operand::Const || lt.kind != TypeKind::Enum)
            return general(i);
        std::uint64_t mask = 0;
        for (std::uint32_t k = 0; k < in.b; ++k) {
            const Instr& item = p_.code[p_.args[in.slot + k]];
            if (item.op != Op::Const || item.constant.kind != ValueKind::Enum ||
                item.constant.aux != lt.enum_index || item.constant.payload < 0 ||
                item.constant.payload >= 64)
                return general(i);
            mask |= 1ull << item.constant.payload;
        }
        CodeNode n;
        n.op = FastOp::Cmp;
        n.cmp = CmpOp::InMask;
        if (in.negate) n.flags |= node_negate;
        n.left = l.kind;
        n.a = l.slot;
        n.kind = ValueKind::Set;
        n.b = lt.enum_index;
        n.payload = static_cast<std::int64_t>(mask);
        add(n);
    }

    void in_set(std::uint32_t i) {
        const Instr& in = p_.code[i];
        Side l, r;
        if (!side(in.a, l) || !side(in.b, r) || l.kind == Operand::Const) return general(i);
        CodeNode n;
        n.op = FastOp::Cmp;
        n.cmp = CmpOp::InSet;
        if (in.negate) n.flags |= node_negate;
        n.left = l.kind;
        n.a = l.slot;
        right_side(n, r);
        add(n);
    }

    void gather(std::uint32_t i, Op op, std::uint32_t& count) {
        const Instr& in = p_.code[i];
        if (in.op == op) {
            gather(in.a, op, count);
            gather(in.b, op, count);
        } else {
            node(i);
            ++count;
        }
    }

    void node(std::uint32_t i) {
        const Instr& in = p_.code[i];
        std::uint32_t at = static_cast<std::uint32_t>(code_.size());
        switch (in.op) {
        case Op::Const: {
            if (in.constant.kind != ValueKind::Bool) return general(i);
            CodeNode n;
            n.op = FastOp::Const;
            if (in.constant.as_bool()) n.flags |= node_true;
            add(n);
            return;
        }
        case Op::Attr:
        case Op::Fact: {
            if (in.type.kind != TypeKind::Bool) return general(i);
            CodeNode n;
            n.op = FastOp::Truth;
            n.left = in.op == Op::Attr ? Operand::Attr : Operand::Fact;
            n.a = in.slot;
            add(n);
            return;
        }
        case Op::Not:
        case Op::And:
        case Op::Or: {
            CodeNode n;
            n.op = in.op == Op::Not ? FastOp::Not : in.op == Op::And ? FastOp::And : FastOp::Or;
            add(n);
            if (in.op == Op::Not)
                node(in.a);
            else
                gather(i, in.op, n.a);
            std::size_t size = code_.size() - at;
            if (size > 0xffff) { // too big to skip over: keep it a Program
                code_.resize(at);
                return general(i);
            }
            n.size = static_cast<std::uint16_t>(size);
            set(at, n);
            return;
        }
        case Op::Eq:
            return compare(i, CmpOp::Eq);
        case Op::Ne:
            return compare(i, CmpOp::Ne);
        case Op::Lt:
            return compare(i, CmpOp::Lt);
        case Op::Le:
            return compare(i, CmpOp::Le);
        case Op::Gt:
            return compare(i, CmpOp::Gt);
        case Op::Ge:
            return compare(i, CmpOp::Ge);
        case Op::InList:
            return in_list(i);
        case Op::InSet:
            return in_set(i);
        default:
            return general(i);
        }
    }
};

// What a clause's condition says for certain about one enum attribute: a top-level
// conjunct `attr == v` or `attr in [...]` limits it to the values in `mask`.
struct Constraint {
    std::uint32_t attribute;
    std::uint64_t mask;
};

std::vector<Constraint> constraints_of(const CompiledDeal& deal, const Cell* root) {
    std::vector<Constraint> out;
    auto one = [&](const CodeNode& f) {
        if (f.op != FastOp::Cmp || f.left != Operand::Attr || (f.flags & node_negate)) return;
        const auto& type = deal.model.attributes[f.a].type;
        if (type.kind != TypeKind::Enum || deal.model.enums[type.enum_index].values.size() > 64)
            return;
        std::uint64_t mask = 0;
        if (f.cmp == CmpOp::Eq && f.right == Operand::Const && f.kind == ValueKind::Enum &&
            f.b == type.enum_index && f.payload >= 0 && f.payload < 64)
            mask = 1ull << f.payload;
        else if (f.cmp == CmpOp::InMask && f.b == type.enum_index)
            mask = static_cast<std::uint64_t>(f.payload);
        else
            return;
        for (auto& c : out)
            if (c.attribute == f.a) {
                c.mask &= mask;
                return;
            }
        out.push_back({f.a, mask});
    };
    CodeNode r = node_at(root);
    if (r.op == FastOp::And) {
        const Cell* child = root + 1;
        for (std::uint32_t k = 0; k < r.a; ++k) {
            CodeNode c = node_at(child);
            one(c);
            child += c.size;
        }
    } else {
        one(r);
    }
    return out;
}

const Constraint* find_constraint(const std::vector<Constraint>& cs, std::uint32_t attribute) {
    for (const auto& c : cs)
        if (c.attribute == attribute) return &c;
    return nullptr;
}

constexpr std::size_t min_split_list = 4;

class Builder {
  public:
    Builder(const CompiledDeal& deal, DecisionIndex& ix) : deal_(deal), m_(deal.model), ix_(ix) {}

    void run() {
        ix_.parties = static_cast<std::uint32_t>(m_.parties.size());
        for (const auto& a : m_.actions) {
            auto d = a.default_verdict.value_or(m_.default_verdict);
            ix_.action_default.push_back(d == model::DefaultVerdict::Forbidden
                                             ? VerdictKind::Forbidden
                                             : VerdictKind::Permitted);
        }
        for (const auto& f : m_.facts) {
            ix_.known_at.push_back(static_cast<std::uint32_t>(ix_.known.size()));
            for (const auto& k : f.known)
                ix_.known.push_back({k.from, k.through, k.value});
        }
        ix_.known_at.push_back(static_cast<std::uint32_t>(ix_.known.size()));
        blocks();
        ix_.starts.assign(1, first_day);
        for (const auto& code : deal_.clauses)
            for (Date d : {code.in_force_from, code.superseded_from})
                if (d > first_day && d < last_day) ix_.starts.push_back(d);
        std::sort(ix_.starts.begin(), ix_.starts.end());
        ix_.starts.erase(std::unique(ix_.starts.begin(), ix_.starts.end()), ix_.starts.end());
        // The shared record of the (action, party) pairs no clause speaks to.
        std::vector<std::uint32_t> none;
        std::uint32_t empty = period(none);
        ix_.table.assign(m_.actions.size() * m_.parties.size() * ix_.starts.size(), empty);
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a)
            for (std::uint32_t p = 0; p < m_.parties.size(); ++p)
                bucket(a, p);
        ix_.records.shrink_to_fit();
        ix_.code.shrink_to_fit();
    }

  private:
    const CompiledDeal& deal_;
    const model::Deal& m_;
    DecisionIndex& ix_;
    std::vector<std::vector<Constraint>> constraints_;
    std::vector<bool> general_;
    std::vector<ClauseHead> heads_;
    std::vector<std::vector<std::uint32_t>> by_value_; // period(): scratch, per value

    // Each clause's block: its head, then its condition's nodes.
    void blocks() {
        const std::size_t n = deal_.clauses.size();
        std::vector<std::vector<std::uint32_t>> beaten_by(n);
        for (std::uint32_t i = 0; i < n; ++i)
            for (auto b : deal_.clauses[i].beats)
                if (b < n) beaten_by[b].push_back(i);
        constraints_.resize(n);
        general_.assign(n, false);
        heads_.resize(n);
        ix_.block_of.resize(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            ix_.beaters_at.push_back(static_cast<std::uint32_t>(ix_.beaters.size()));
            ix_.beaters.insert(ix_.beaters.end(), beaten_by[i].begin(), beaten_by[i].end());
        }
        ix_.beaters_at.push_back(static_cast<std::uint32_t>(ix_.beaters.size()));
        for (std::uint32_t i = 0; i < n; ++i) {
            const auto& code = deal_.clauses[i];
            ClauseHead& h = heads_[i];
            h.lo = std::max(code.from, code.in_force_from);
            h.hi = code.until;
            if (code.superseded_from <= h.hi) h.hi = Date{code.superseded_from.days - 1};
            h.clause = i;
            h.events = static_cast<std::uint32_t>(ix_.event_facts.size());
            h.event_count =
                static_cast<std::uint16_t>(std::min<std::size_t>(code.until_events.size(), 0xffff));
            ix_.event_facts.insert(ix_.event_facts.end(), code.until_events.begin(),
                                   code.until_events.begin() + h.event_count);
            h.effect = m_.clauses[i].effect;
            h.consent_of = m_.clauses[i].consent_of < 64
                               ? static_cast<std::uint8_t>(m_.clauses[i].consent_of)
                               : 0;
            if (!beaten_by[i].empty()) h.flags |= head_beaten;
            std::uint32_t at = static_cast<std::uint32_t>(ix_.code.size());
            ix_.block_of[i] = at;
            ix_.code.emplace_back();
            Flattener flat(deal_, ix_.code, i);
            if (flat.emit()) {
                h.flags |= head_condition;
                constraints_[i] = constraints_of(deal_, &ix_.code[at + 1]);
            }
            general_[i] = flat.used_general() || h.event_count != code.until_events.size();
            std::memcpy(static_cast<void*>(&ix_.code[at]), static_cast<const void*>(&h), sizeof h);
        }
    }

    void bucket(std::uint32_t a, std::uint32_t p) {
        auto cands = deal_.candidates(a, p);
        if (cands.empty()) return;
        const auto n = static_cast<std::uint32_t>(ix_.starts.size());
        std::uint32_t* row = ix_.table.data() + (a * m_.parties.size() + p) * n;
        std::vector<std::uint32_t> list, previous;
        for (std::uint32_t k = 0; k < n; ++k) {
            Date start = ix_.starts[k];
            Date last = k + 1 < n ? Date{ix_.starts[k + 1].days - 1} : last_day;
            list.clear();
            for (auto c : cands) {
                const auto& code = deal_.clauses[c];
                const auto& h = heads_[c];
                if (code.in_force_from > start || code.superseded_from <= start) continue;
                if (h.lo > h.hi || h.hi < start || h.lo > last) continue;
                list.push_back(c);
            }
            if (k > 0 && list == previous)
                row[k] = row[k - 1];
            else if (!list.empty())
                row[k] = period(list);
            previous.swap(list);
        }
    }

    // Forbids first, then the others, each in declaration order.
    void push_list(const std::vector<std::uint32_t>& clauses) {
        for (int forbids = 1; forbids >= 0; --forbids)
            for (auto c : clauses)
                if ((heads_[c].effect == model::Effect::Forbid) == (forbids == 1))
                    ix_.records.push_back(ix_.block_of[c]);
    }

    // Appends a period's record for `list` (clause indexes in declaration order) and
    // says where it starts.
    std::uint32_t period(const std::vector<std::uint32_t>& list) {
        auto& rec = ix_.records;
        std::uint64_t attrs = 0, facts = 0;
        bool masks = true;
        for (auto c : list) {
            const auto& code = deal_.clauses[c];
            for (auto at : code.attributes) {
                if (at >= 64)
                    masks = false;
                else
                    attrs |= 1ull << at;
            }
            for (auto f : code.facts) {
                if (f >= 64)
                    masks = false;
                else
                    facts |= 1ull << f;
            }
            if (general_[c]) masks = false;
        }
        // Split on the enum attribute most of these clauses pin down.
        std::uint32_t split = no_index, values = 0;
        if (list.size() >= min_split_list) {
            std::vector<std::pair<std::uint32_t, std::uint32_t>>
                tally; // attribute, clauses pinning it
            for (auto c : list)
                for (const auto& con : constraints_[c]) {
                    auto it = std::find_if(tally.begin(), tally.end(),
                                           [&](const auto& t) { return t.first == con.attribute; });
                    if (it == tally.end())
                        tally.emplace_back(con.attribute, 1);
                    else
                        ++it->second;
                }
            auto best =
                std::max_element(tally.begin(), tally.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
            if (best != tally.end() && best->second >= 2 && best->second * 4 >= list.size()) {
                split = best->first;
                values = static_cast<std::uint32_t>(
                    m_.enums[m_.attributes[split].type.enum_index].values.size());
            }
        }
        std::uint32_t base = static_cast<std::uint32_t>(rec.size());
        rec.resize(base + period_header);
        rec[base + period_split] = split;
        rec[base + period_values] = values;
        rec[base + period_flags] = masks ? period_masks : 0;
        rec[base + period_attrs_lo] = static_cast<std::uint32_t>(attrs);
        rec[base + period_attrs_hi] = static_cast<std::uint32_t>(attrs >> 32);
        rec[base + period_facts_lo] = static_cast<std::uint32_t>(facts);
        rec[base + period_facts_hi] = static_cast<std::uint32_t>(facts >> 32);
        rec[base + period_all] = static_cast<std::uint32_t>(list.size());
        std::uint32_t table = static_cast<std::uint32_t>(rec.size());
        if (split != no_index) rec.resize(rec.size() + values + 1);
        push_list(list);
        if (split == no_index) {
            rec[base + period_rest] = 0;
            return base;
        }
        std::vector<std::uint32_t> sub;
        for (auto c : list)
            if (!find_constraint(constraints_[c], split)) sub.push_back(c);
        rec[base + period_rest] = static_cast<std::uint32_t>(sub.size());
        push_list(sub);
        // Each value's clauses, from one pass over the list (in its order).
        by_value_.resize(std::max<std::size_t>(by_value_.size(), values));
        for (std::uint32_t v = 0; v < values; ++v)
            by_value_[v].clear();
        for (auto c : list)
            if (auto con = find_constraint(constraints_[c], split))
                for (std::uint64_t bits = con->mask; bits; bits &= bits - 1)
                    if (auto v = static_cast<std::uint32_t>(std::countr_zero(bits)); v < values)
                        by_value_[v].push_back(c);
        std::uint32_t count = 0;
        for (std::uint32_t v = 0; v < values; ++v) {
            rec[table + v] = count;
            push_list(by_value_[v]);
            count += static_cast<std::uint32_t>(by_value_[v].size());
        }
        rec[table + values] = count;
        return base;
    }
};

} // namespace

DecisionIndex build_decision_index(const CompiledDeal& deal) {
    DecisionIndex ix;
    Builder(deal, ix).run();
    return ix;
}

std::size_t DecisionIndex::bytes() const {
    auto size = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return size(code) + size(block_of) + size(event_facts) + size(beaters_at) + size(beaters) +
           size(starts) + size(table) + size(records) + size(action_default) + size(known_at) +
           size(known);
}

} // namespace dealcheck::compiler
