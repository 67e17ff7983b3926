#include "compiler/decision_index.hpp"

#include "compiler/compiled_deal.hpp"
#include "compiler/conjuncts.hpp"

#include <algorithm>
#include <bit>
#include <optional>
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

// The split attribute of a record: an enum attribute read from the question.
RowColumn split_column(const model::Deal& m, std::uint32_t attribute) {
    return {Operand::Attr, ValueKind::Enum, attribute, m.attributes[attribute].type.enum_index};
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
        // The shared record of the (action, party) pairs no clause speaks to.
        std::vector<std::uint32_t> none;
        std::uint32_t empty = record(none);
        ix_.table.assign(m_.actions.size() * m_.parties.size(), empty);
        std::vector<std::uint32_t> list;
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a)
            for (std::uint32_t p = 0; p < m_.parties.size(); ++p) {
                list.clear();
                for (auto c : deal_.candidates(a, p))
                    if (heads_[c].lo <= heads_[c].hi) list.push_back(c);
                if (!list.empty()) ix_.table[a * m_.parties.size() + p] = record(list);
            }
        ix_.records.shrink_to_fit();
        ix_.code.shrink_to_fit();
    }

  private:
    const CompiledDeal& deal_;
    const model::Deal& m_;
    DecisionIndex& ix_;
    std::vector<std::vector<Conjunct>> conjuncts_;
    std::vector<bool> general_, exact_;
    std::vector<ClauseHead> heads_;
    std::vector<std::vector<std::uint32_t>> by_value_; // record(): scratch, per value

    // Each clause's block: its head, then its condition's nodes.
    void blocks() {
        const std::size_t n = deal_.clauses.size();
        std::vector<std::vector<std::uint32_t>> beaten_by(n);
        for (std::uint32_t i = 0; i < n; ++i)
            for (auto b : deal_.clauses[i].beats)
                if (b < n) beaten_by[b].push_back(i);
        conjuncts_.resize(n);
        general_.assign(n, false);
        exact_.assign(n, false);
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
                conjuncts_[i] = conjuncts_of(&ix_.code[at + 1]);
            }
            general_[i] = flat.used_general() || h.event_count != code.until_events.size();
            // A row may decide the clause alone when nothing but its condition and days
            // do: no until-events, no exception to check.
            exact_[i] = code.until_events.empty() && beaten_by[i].empty();
            std::memcpy(static_cast<void*>(&ix_.code[at]), static_cast<const void*>(&h), sizeof h);
        }
    }

    // The values of `split` clause c may apply with, or nullopt when it does not pin it.
    std::optional<std::uint64_t> pinned(std::uint32_t c, const RowColumn& split) const {
        std::optional<std::uint64_t> mask;
        for (const auto& k : conjuncts_[c])
            if (k.kind == Conjunct::Kind::InSet && k.column == split)
                mask = mask.value_or(~0ull) & k.param;
        return mask;
    }

    // Whether a conjunct pins an enum attribute a record may be split on.
    bool splittable(const Conjunct& k) const {
        if (k.kind != Conjunct::Kind::InSet || k.column.operand != Operand::Attr ||
            k.column.kind != ValueKind::Enum)
            return false;
        const auto& type = m_.attributes[k.column.slot].type;
        return type.kind == TypeKind::Enum && type.enum_index == k.column.aux &&
               m_.enums[type.enum_index].values.size() <= 64;
    }

    // The enum attribute most of the clauses pin down, if enough do.
    std::uint32_t choose_split(const std::vector<std::uint32_t>& list) const {
        if (list.size() < min_split_list) return no_index;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> tally; // attribute, clauses
        std::vector<std::uint32_t> seen;
        for (auto c : list) {
            seen.clear();
            for (const auto& k : conjuncts_[c]) {
                if (!splittable(k) ||
                    std::find(seen.begin(), seen.end(), k.column.slot) != seen.end())
                    continue;
                seen.push_back(k.column.slot);
                auto it = std::find_if(tally.begin(), tally.end(),
                                       [&](const auto& t) { return t.first == k.column.slot; });
                if (it == tally.end())
                    tally.emplace_back(k.column.slot, 1);
                else
                    ++it->second;
            }
        }
        auto best = std::max_element(tally.begin(), tally.end(), [](const auto& x, const auto& y) {
            return x.second < y.second;
        });
        if (best != tally.end() && best->second >= 2 && best->second * 4 >= list.size())
            return best->first;
        return no_index;
    }

    // The two columns most of the clauses have a conjunct on (other than the split).
    std::array<RowColumn, row_columns> choose_columns(const std::vector<std::uint32_t>& list,
                                                      std::uint32_t split) const {
        std::vector<std::pair<RowColumn, std::uint32_t>> tally; // column, clauses
        for (auto c : list) {
            std::vector<RowColumn> seen;
            for (const auto& k : conjuncts_[c]) {
                if (k.kind != Conjunct::Kind::InSet && k.kind != Conjunct::Kind::AtLeast &&
                    k.kind != Conjunct::Kind::AtMost)
                    continue;
                if (split != no_index && k.column == split_column(m_, split)) continue;
                if (std::find(seen.begin(), seen.end(), k.column) != seen.end()) continue;
                seen.push_back(k.column);
                auto it = std::find_if(tally.begin(), tally.end(),
                                       [&](const auto& t) { return t.first == k.column; });
                if (it == tally.end())
                    tally.emplace_back(k.column, 1);
                else
                    ++it->second;
            }
        }
        std::stable_sort(tally.begin(), tally.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        std::array<RowColumn, row_columns> out{};
        for (std::size_t k = 0; k < row_columns && k < tally.size(); ++k)
            out[k] = tally[k].first;
        return out;
    }

    // Clause c's row in a list of a record with these columns; `value_list`: the list
    // of one value of the split attribute, which its pinning conjuncts then satisfy.
    // False when it can never apply.
    bool row(std::uint32_t c, const std::array<RowColumn, row_columns>& columns,
             std::uint32_t split, bool value_list, ClauseRow& r) const {
        const ClauseHead& h = heads_[c];
        r = {};
        r.lo = h.lo;
        r.hi = h.hi;
        r.block = ix_.block_of[c];
        r.effect = h.effect;
        r.consent_of = h.consent_of;
        bool exact = exact_[c];
        for (const auto& k : conjuncts_[c]) {
            switch (k.kind) {
            case Conjunct::Kind::DayFrom:
                r.lo = std::max(r.lo, k.day);
                continue;
            case Conjunct::Kind::DayUntil:
                r.hi = std::min(r.hi, k.day);
                continue;
            case Conjunct::Kind::Other:
                exact = false;
                continue;
            default:
                break;
            }
            if (split != no_index && k.column == split_column(m_, split)) {
                exact = exact && value_list;
                continue;
            }
            auto at = std::find(columns.begin(), columns.end(), k.column);
            if (at == columns.end()) {
                exact = false;
                continue;
            }
            auto col = static_cast<std::size_t>(at - columns.begin());
            RowTest test = k.kind == Conjunct::Kind::InSet     ? RowTest::InSet
                           : k.kind == Conjunct::Kind::AtLeast ? RowTest::AtLeast
                                                               : RowTest::AtMost;
            auto bound = static_cast<std::int64_t>(k.param);
            if (r.test(col) == RowTest::None) {
                r.set_test(col, test);
                r.param[col] = k.param;
            } else if (r.test(col) != test) {
                exact = false; // both bounds of a range: the block checks the other
            } else if (test == RowTest::InSet) {
                r.param[col] &= k.param;
            } else if (test == RowTest::AtLeast) {
                r.param[col] = static_cast<std::uint64_t>(
                    std::max(static_cast<std::int64_t>(r.param[col]), bound));
            } else {
                r.param[col] = static_cast<std::uint64_t>(
                    std::min(static_cast<std::int64_t>(r.param[col]), bound));
            }
        }
        if (exact) r.flags |= row_exact;
        return r.lo <= r.hi;
    }

    // Forbids first, then the others, each in declaration order. Returns the rows added.
    std::uint32_t push_rows(const std::vector<std::uint32_t>& clauses,
                            const std::array<RowColumn, row_columns>& columns, std::uint32_t split,
                            bool value_list) {
        std::uint32_t count = 0;
        ClauseRow r;
        for (int forbids = 1; forbids >= 0; --forbids)
            for (auto c : clauses)
                if ((heads_[c].effect == model::Effect::Forbid) == (forbids == 1) &&
                    row(c, columns, split, value_list, r)) {
                    auto at = ix_.records.size();
                    ix_.records.resize(at + row_words);
                    std::memcpy(&ix_.records[at], static_cast<const void*>(&r), sizeof r);
                    ++count;
                }
        return count;
    }

    void pad_to_row() {
        while (ix_.records.size() % row_words)
            ix_.records.push_back(0);
    }

    // Appends the record of `list` (clause indexes in declaration order) and says
    // where it starts.
    std::uint32_t record(const std::vector<std::uint32_t>& list) {
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
        std::uint32_t split = choose_split(list);
        std::uint32_t values =
            split == no_index ? 0
                              : static_cast<std::uint32_t>(
                                    m_.enums[m_.attributes[split].type.enum_index].values.size());
        auto columns = choose_columns(list, split);
        pad_to_row();
        auto base = static_cast<std::uint32_t>(rec.size());
        rec.resize(base + record_header);
        rec[base + record_split] = split;
        rec[base + record_values] = values;
        rec[base + record_split_enum] =
            split == no_index ? no_index : m_.attributes[split].type.enum_index;
        rec[base + record_flags] = masks ? record_masks : 0;
        rec[base + record_attrs_lo] = static_cast<std::uint32_t>(attrs);
        rec[base + record_attrs_hi] = static_cast<std::uint32_t>(attrs >> 32);
        rec[base + record_facts_lo] = static_cast<std::uint32_t>(facts);
        rec[base + record_facts_hi] = static_cast<std::uint32_t>(facts >> 32);
        for (std::size_t k = 0; k < row_columns; ++k) {
            std::uint32_t* w = &rec[base + record_column + 3 * k];
            w[0] = static_cast<std::uint32_t>(columns[k].operand) |
                   (static_cast<std::uint32_t>(columns[k].kind) << 8);
            w[1] = columns[k].slot;
            w[2] = columns[k].aux;
        }
        std::vector<std::uint32_t> pinning, rest;
        for (auto c : list)
            (split != no_index && pinned(c, split_column(m_, split)) ? pinning : rest).push_back(c);
        auto table = static_cast<std::uint32_t>(rec.size());
        if (split != no_index) rec.resize(rec.size() + values + 1);
        pad_to_row();
        rec[base + record_pinned] = push_rows(pinning, columns, split, false);
        rec[base + record_rest] = push_rows(rest, columns, split, false);
        if (split == no_index) return base;
        // Each value's clauses, from one pass over the list (in its order).
        by_value_.resize(std::max<std::size_t>(by_value_.size(), values));
        for (std::uint32_t v = 0; v < values; ++v)
            by_value_[v].clear();
        auto column = split_column(m_, split);
        for (auto c : pinning)
            for (std::uint64_t bits = *pinned(c, column); bits; bits &= bits - 1)
                if (auto v = static_cast<std::uint32_t>(std::countr_zero(bits)); v < values)
                    by_value_[v].push_back(c);
        std::uint32_t count = 0;
        for (std::uint32_t v = 0; v < values; ++v) {
            ix_.records[table + v] = count;
            count += push_rows(by_value_[v], columns, split, true);
        }
        ix_.records[table + values] = count;
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
           size(table) + size(records) + size(action_default) + size(known_at) + size(known);
}

} // namespace dealcheck::compiler
