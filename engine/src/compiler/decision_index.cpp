#include "compiler/decision_index.hpp"

#include "compiler/compiled_deal.hpp"

#include <algorithm>
#include <utility>

namespace dealcheck::compiler {

using model::no_index;
using model::TypeKind;

namespace {

// Lowers one clause's Program into FastNodes.
class Flattener {
  public:
    Flattener(const CompiledDeal& deal, DecisionIndex& ix, std::uint32_t clause)
        : deal_(deal), ix_(ix), clause_(clause), p_(deal.clauses[clause].when) {}

    std::uint32_t root() { return p_.empty() ? no_node : node(p_.root); }
    // Whether some part stayed a Program: it may be unknown even when every value it
    // reads is known (an overflowing sum), so a forbid elsewhere cannot settle early.
    bool used_general() const { return general_; }

  private:
    const CompiledDeal& deal_;
    DecisionIndex& ix_;
    std::uint32_t clause_;
    const Program& p_;
    bool general_ = false;

    std::uint32_t emit(const FastNode& n) {
        ix_.nodes.push_back(n);
        return static_cast<std::uint32_t>(ix_.nodes.size() - 1);
    }

    std::uint32_t general(std::uint32_t i) {
        general_ = true;
        FastNode n;
        n.op = FastOp::General;
        n.a = i;
        n.b = clause_;
        return emit(n);
    }

    struct Side {
        Operand kind = Operand::Const;
        std::uint32_t slot = 0;
        Value constant;
    };

    bool side(std::uint32_t i, Side& out) const {
        const Instr& in = p_.code[i];
        switch (in.op) {
        case Op::Attr: out = {Operand::Attr, in.slot, {}}; return true;
        case Op::Fact: out = {Operand::Fact, in.slot, {}}; return true;
        case Op::Today: out = {Operand::Today, 0, {}}; return true;
        case Op::Const: out = {Operand::Const, 0, in.constant}; return true;
        default: return false;
        }
    }

    static CmpOp mirror(CmpOp c) {
        switch (c) {
        case CmpOp::Lt: return CmpOp::Gt;
        case CmpOp::Le: return CmpOp::Ge;
        case CmpOp::Gt: return CmpOp::Lt;
        case CmpOp::Ge: return CmpOp::Le;
        default: return c;
        }
    }

    std::uint32_t compare(std::uint32_t i, CmpOp cmp) {
        const Instr& in = p_.code[i];
        Side l, r;
        if (!side(in.a, l) || !side(in.b, r)) return general(i);
        if (l.kind == Operand::Const) {
            if (r.kind == Operand::Const) return general(i);
            std::swap(l, r);
            cmp = mirror(cmp);
        }
        FastNode n;
        n.op = FastOp::Cmp;
        n.cmp = cmp;
        n.left = l.kind;
        n.right = r.kind;
        n.a = l.slot;
        n.b = r.slot;
        n.constant = r.constant;
        n.number = p_.code[in.a].type.kind == TypeKind::Number;
        return emit(n);
    }

    // `a in [x, y, z]` with an enum on the left and enum constants in the list: a mask.
    std::uint32_t in_list(std::uint32_t i) {
        const Instr& in = p_.code[i];
        Side l;
        const auto& lt = p_.code[in.a].type;
        if (!side(in.a, l) || l.kind == Operand::Const || lt.kind != TypeKind::Enum) return general(i);
        std::uint64_t mask = 0;
        for (std::uint32_t k = 0; k < in.b; ++k) {
            const Instr& item = p_.code[p_.args[in.slot + k]];
            if (item.op != Op::Const || item.constant.kind != ValueKind::Enum || item.constant.aux != lt.enum_index ||
                item.constant.payload < 0 || item.constant.payload >= 64)
                return general(i);
            mask |= 1ull << item.constant.payload;
        }
        FastNode n;
        n.op = FastOp::Cmp;
        n.cmp = CmpOp::InMask;
        n.negate = in.negate;
        n.left = l.kind;
        n.a = l.slot;
        n.constant = Value::set(lt.enum_index, mask);
        return emit(n);
    }

    std::uint32_t in_set(std::uint32_t i) {
        const Instr& in = p_.code[i];
        Side l, r;
        if (!side(in.a, l) || !side(in.b, r) || l.kind == Operand::Const) return general(i);
        FastNode n;
        n.op = FastOp::Cmp;
        n.cmp = CmpOp::InSet;
        n.negate = in.negate;
        n.left = l.kind;
        n.right = r.kind;
        n.a = l.slot;
        n.b = r.slot;
        n.constant = r.constant;
        return emit(n);
    }

    void gather(std::uint32_t i, Op op, std::vector<std::uint32_t>& out) {
        const Instr& in = p_.code[i];
        if (in.op == op) {
            gather(in.a, op, out);
            gather(in.b, op, out);
        } else {
            out.push_back(node(i));
        }
    }

    std::uint32_t node(std::uint32_t i) {
        const Instr& in = p_.code[i];
        switch (in.op) {
        case Op::Const: {
            if (in.constant.kind != ValueKind::Bool) return general(i);
            FastNode n;
            n.op = FastOp::Const;
            n.truth = in.constant.as_bool() ? Tri::True : Tri::False;
            return emit(n);
        }
        case Op::Attr:
        case Op::Fact: {
            if (in.type.kind != TypeKind::Bool) return general(i);
            FastNode n;
            n.op = FastOp::Truth;
            n.left = in.op == Op::Attr ? Operand::Attr : Operand::Fact;
            n.a = in.slot;
            return emit(n);
        }
        case Op::Not: {
            FastNode n;
            n.op = FastOp::Not;
            n.a = node(in.a);
            return emit(n);
        }
        case Op::And:
        case Op::Or: {
            std::vector<std::uint32_t> kids;
            gather(i, in.op, kids);
            FastNode n;
            n.op = in.op == Op::And ? FastOp::And : FastOp::Or;
            n.a = static_cast<std::uint32_t>(ix_.children.size());
            n.b = static_cast<std::uint32_t>(kids.size());
            ix_.children.insert(ix_.children.end(), kids.begin(), kids.end());
            return emit(n);
        }
        case Op::Eq: return compare(i, CmpOp::Eq);
        case Op::Ne: return compare(i, CmpOp::Ne);
        case Op::Lt: return compare(i, CmpOp::Lt);
        case Op::Le: return compare(i, CmpOp::Le);
        case Op::Gt: return compare(i, CmpOp::Gt);
        case Op::Ge: return compare(i, CmpOp::Ge);
        case Op::InList: return in_list(i);
        case Op::InSet: return in_set(i);
        default: return general(i);
        }
    }
};

// What a clause's condition says for certain about one enum attribute: a top-level
// conjunct `attr == v` or `attr in [...]` limits it to the values in `mask`.
struct Constraint {
    std::uint32_t attribute;
    std::uint64_t mask;
};

std::vector<Constraint> constraints_of(const CompiledDeal& deal, const DecisionIndex& ix, std::uint32_t root) {
    std::vector<Constraint> out;
    if (root == no_node) return out;
    auto one = [&](std::uint32_t n) {
        const FastNode& f = ix.nodes[n];
        if (f.op != FastOp::Cmp || f.left != Operand::Attr || f.negate) return;
        const auto& type = deal.model.attributes[f.a].type;
        if (type.kind != TypeKind::Enum || deal.model.enums[type.enum_index].values.size() > 64) return;
        std::uint64_t mask = 0;
        if (f.cmp == CmpOp::Eq && f.right == Operand::Const && f.constant.kind == ValueKind::Enum &&
            f.constant.aux == type.enum_index && f.constant.payload >= 0 && f.constant.payload < 64)
            mask = 1ull << f.constant.payload;
        else if (f.cmp == CmpOp::InMask && f.constant.aux == type.enum_index)
            mask = f.constant.as_bits();
        else
            return;
        for (auto& c : out)
            if (c.attribute == f.a) {
                c.mask &= mask;
                return;
            }
        out.push_back({f.a, mask});
    };
    const FastNode& r = ix.nodes[root];
    if (r.op == FastOp::And)
        for (std::uint32_t k = 0; k < r.b; ++k) one(ix.children[r.a + k]);
    else
        one(root);
    return out;
}

const Constraint* find_constraint(const std::vector<Constraint>& cs, std::uint32_t attribute) {
    for (const auto& c : cs)
        if (c.attribute == attribute) return &c;
    return nullptr;
}

constexpr std::size_t min_split_list = 4;

} // namespace

DecisionIndex build_decision_index(const CompiledDeal& deal) {
    const auto& m = deal.model;
    DecisionIndex ix;
    ix.parties = static_cast<std::uint32_t>(m.parties.size());
    for (const auto& a : m.actions) {
        auto d = a.default_verdict.value_or(m.default_verdict);
        ix.action_default.push_back(d == model::DefaultVerdict::Forbidden ? VerdictKind::Forbidden
                                                                          : VerdictKind::Permitted);
    }

    // Clauses: windows, flattened conditions, ending events, who beats them.
    const std::size_t n = deal.clauses.size();
    std::vector<std::vector<std::uint32_t>> beaten_by(n);
    for (std::uint32_t i = 0; i < n; ++i)
        for (auto b : deal.clauses[i].beats)
            if (b < n) beaten_by[b].push_back(i);
    std::vector<std::vector<Constraint>> constraints(n);
    std::vector<bool> general(n, false);
    ix.clauses.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        const auto& code = deal.clauses[i];
        auto& fc = ix.clauses[i];
        fc.lo = code.from;
        fc.hi = code.until;
        if (code.superseded_from <= fc.hi) fc.hi = Date{code.superseded_from.days - 1};
        if (code.in_force_from > fc.lo) fc.lo = code.in_force_from;
        Flattener flat(deal, ix, i);
        fc.cond = flat.root();
        general[i] = flat.used_general();
        fc.events = static_cast<std::uint32_t>(ix.event_facts.size());
        fc.event_count = static_cast<std::uint16_t>(code.until_events.size());
        ix.event_facts.insert(ix.event_facts.end(), code.until_events.begin(), code.until_events.end());
        fc.beaters = static_cast<std::uint32_t>(ix.beaters.size());
        fc.beater_count = static_cast<std::uint32_t>(beaten_by[i].size());
        ix.beaters.insert(ix.beaters.end(), beaten_by[i].begin(), beaten_by[i].end());
        fc.effect = m.clauses[i].effect;
        fc.consent_of = m.clauses[i].consent_of < 64 ? static_cast<std::uint8_t>(m.clauses[i].consent_of) : 0;
        constraints[i] = constraints_of(deal, ix, fc.cond);
    }

    // Period 0 is the shared empty one, for buckets no clause speaks to.
    ix.periods.push_back(Period{first_day, 0, 0});
    ix.buckets.assign(m.actions.size() * m.parties.size(), Bucket{0, 1});
    std::vector<Date> starts;
    std::vector<std::uint32_t> list;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> tally; // attribute, clauses testing it
    for (std::uint32_t a = 0; a < m.actions.size(); ++a)
        for (std::uint32_t p = 0; p < m.parties.size(); ++p) {
            auto cands = deal.candidates(a, p);
            if (cands.empty()) continue;
            starts.assign(1, first_day);
            for (auto c : cands) {
                const auto& code = deal.clauses[c];
                for (Date d : {code.in_force_from, code.superseded_from})
                    if (d > first_day && d < last_day) starts.push_back(d);
            }
            std::sort(starts.begin(), starts.end());
            starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
            Bucket& bucket = ix.buckets[a * m.parties.size() + p];
            bucket.first = static_cast<std::uint32_t>(ix.periods.size());
            bucket.count = static_cast<std::uint32_t>(starts.size());
            for (std::size_t k = 0; k < starts.size(); ++k) {
                Date start = starts[k];
                Date last = k + 1 < starts.size() ? Date{starts[k + 1].days - 1} : last_day;
                list.clear();
                for (auto c : cands) {
                    const auto& code = deal.clauses[c];
                    const auto& fc = ix.clauses[c];
                    if (code.in_force_from > start || code.superseded_from <= start) continue;
                    if (fc.lo > fc.hi || fc.hi < start || fc.lo > last) continue;
                    list.push_back(c);
                }
                Period per;
                per.start = start;
                per.begin = static_cast<std::uint32_t>(ix.entries.size());
                ix.entries.insert(ix.entries.end(), list.begin(), list.end());
                per.end = static_cast<std::uint32_t>(ix.entries.size());
                ix.longest_list = std::max(ix.longest_list, static_cast<std::uint32_t>(list.size()));
                per.masks = true;
                for (auto c : list) {
                    const auto& code = deal.clauses[c];
                    for (auto at : code.attributes) {
                        if (at >= 64) per.masks = false;
                        else per.attributes_read |= 1ull << at;
                    }
                    for (auto f : code.facts) {
                        if (f >= 64) per.masks = false;
                        else per.facts_read |= 1ull << f;
                    }
                    if (general[c]) per.masks = false;
                    if (ix.clauses[c].beater_count > 0) per.has_beaten = true;
                }
                // Split on the enum attribute most of these clauses pin down.
                if (list.size() >= min_split_list) {
                    tally.clear();
                    for (auto c : list)
                        for (const auto& con : constraints[c]) {
                            auto it = std::find_if(tally.begin(), tally.end(),
                                                   [&](const auto& t) { return t.first == con.attribute; });
                            if (it == tally.end()) tally.emplace_back(con.attribute, 1);
                            else ++it->second;
                        }
                    auto best = std::max_element(tally.begin(), tally.end(),
                                                 [](const auto& x, const auto& y) { return x.second < y.second; });
                    if (best != tally.end() && best->second >= 2 && best->second * 4 >= list.size()) {
                        const auto& type = m.attributes[best->first].type;
                        auto values = static_cast<std::uint32_t>(m.enums[type.enum_index].values.size());
                        per.split = best->first;
                        per.values = values;
                        per.table = static_cast<std::uint32_t>(ix.value_offsets.size());
                        for (std::uint32_t v = 0; v < values; ++v) {
                            ix.value_offsets.push_back(static_cast<std::uint32_t>(ix.entries.size()));
                            for (auto c : list)
                                if (auto con = find_constraint(constraints[c], per.split); con && ((con->mask >> v) & 1u))
                                    ix.entries.push_back(c);
                        }
                        ix.value_offsets.push_back(static_cast<std::uint32_t>(ix.entries.size()));
                        per.rest_begin = static_cast<std::uint32_t>(ix.entries.size());
                        for (auto c : list)
                            if (!find_constraint(constraints[c], per.split)) ix.entries.push_back(c);
                        per.rest_end = static_cast<std::uint32_t>(ix.entries.size());
                    }
                }
                ix.periods.push_back(per);
            }
        }
    ix.entries.shrink_to_fit();
    ix.nodes.shrink_to_fit();
    ix.children.shrink_to_fit();
    return ix;
}

std::size_t DecisionIndex::bytes() const {
    auto size = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
    return size(clauses) + size(nodes) + size(children) + size(event_facts) + size(beaters) + size(buckets) +
           size(periods) + size(entries) + size(value_offsets) + size(action_default);
}

} // namespace dealcheck::compiler
