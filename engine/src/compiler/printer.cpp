// `dealcheck check --dump`: the compiled deal as text, one clause after another, then
// the decision index the fast path reads. Every number the evaluator works with is
// shown as what it means: days as dates, slots as names, constants as written.
#include "compiler/compiled_deal.hpp"
#include "dealcheck/dump.hpp"
#include "model/value_text.hpp"

#include <sstream>

namespace dealcheck::compiler {

using model::no_index;

namespace {

std::string date_text(Date d) {
    if (d <= first_day) return "start";
    if (d >= never) return "never";
    if (d >= last_day) return "end";
    return format_date(d);
}

// `s` in a column of `width`, and at least one space before the next.
std::string pad(std::string s, std::size_t width) {
    s.append(s.size() < width ? width - s.size() : 1, ' ');
    return s;
}

const char* op_name(Op op) {
    switch (op) {
    case Op::Const:
        return "const";
    case Op::Attr:
        return "attr";
    case Op::Fact:
        return "fact";
    case Op::Today:
        return "date";
    case Op::Not:
        return "not";
    case Op::And:
        return "and";
    case Op::Or:
        return "or";
    case Op::Eq:
        return "eq";
    case Op::Ne:
        return "ne";
    case Op::Lt:
        return "lt";
    case Op::Le:
        return "le";
    case Op::Gt:
        return "gt";
    case Op::Ge:
        return "ge";
    case Op::InSet:
        return "in-set";
    case Op::InList:
        return "in-list";
    case Op::Add:
        return "add";
    case Op::Sub:
        return "sub";
    case Op::Mul:
        return "mul";
    case Op::Div:
        return "div";
    case Op::Aggregate:
        return "aggregate";
    case Op::Min:
        return "min";
    case Op::Max:
        return "max";
    }
    return "?";
}

const char* cmp_text(CmpOp c) {
    switch (c) {
    case CmpOp::Eq:
        return "==";
    case CmpOp::Ne:
        return "!=";
    case CmpOp::Lt:
        return "<";
    case CmpOp::Le:
        return "<=";
    case CmpOp::Gt:
        return ">";
    case CmpOp::Ge:
        return ">=";
    case CmpOp::InMask:
    case CmpOp::InSet:
        return "in";
    }
    return "?";
}

class Printer {
  public:
    explicit Printer(const CompiledDeal& deal) : d_(deal), m_(deal.model) {}

    std::string run() {
        for (std::uint32_t i = 0; i < d_.clauses.size(); ++i)
            clause(i);
        index();
        return out_.str();
    }

  private:
    const CompiledDeal& d_;
    const model::Deal& m_;
    std::ostringstream out_;

    std::string value(const Value& v) const { return model::format_value(m_, v, d_.strings); }

    template <class Named>
    static std::string names(const std::vector<Named>& items,
                             const std::vector<std::uint32_t>& indexes) {
        std::string s;
        for (auto i : indexes)
            s += (s.empty() ? "" : ", ") + (i < items.size() ? items[i].id : "?");
        return s;
    }

    std::string clause_ids(const std::vector<std::uint32_t>& indexes) const {
        return names(m_.clauses, indexes);
    }

    void clause(std::uint32_t i) {
        const auto& c = m_.clauses[i];
        const auto& code = d_.clauses[i];
        out_ << "clause " << c.id;
        if (c.agreement < m_.agreements.size())
            out_ << " (agreement " << m_.agreements[c.agreement].id << ")";
        out_ << ": " << model::to_string(c.effect);
        if (c.effect == model::Effect::Consent && c.consent_of < m_.parties.size())
            out_ << " of " << m_.parties[c.consent_of].id;
        out_ << ", party " << (c.party < m_.parties.size() ? m_.parties[c.party].id : "any")
             << ", actions " << names(m_.actions, c.actions) << "\n";
        out_ << "  window " << date_text(code.from) << " .. " << date_text(code.until);
        if (!code.until_events.empty())
            out_ << ", until events " << names(m_.facts, code.until_events);
        out_ << "\n  in force " << date_text(code.in_force_from) << ", superseded from "
             << date_text(code.superseded_from) << "\n";
        if (!code.beats.empty()) out_ << "  beats " << clause_ids(code.beats) << "\n";
        if (c.consequence) {
            out_ << "  consequence until " << date_text(code.consequence_until);
            if (!code.consequence_events.empty())
                out_ << ", until events " << names(m_.facts, code.consequence_events);
            out_ << "\n";
        }
        if (!code.facts.empty()) out_ << "  reads facts " << names(m_.facts, code.facts) << "\n";
        if (!code.attributes.empty())
            out_ << "  reads attributes " << names(m_.attributes, code.attributes) << "\n";
        if (code.when.empty()) {
            out_ << "  when always\n";
            return;
        }
        out_ << "  when " << (c.when ? c.when->text : "") << "\n";
        program(c, code.when);
    }

    // One instruction a line: index, op, type, operands, the source text it came from.
    void program(const model::Clause& c, const Program& p) {
        for (std::uint32_t i = 0; i < p.code.size(); ++i) {
            const Instr& in = p.code[i];
            out_ << "    " << pad("#" + std::to_string(i), 5) << pad(op_name(in.op), 8)
                 << pad(model::type_name(m_, in.type), 16) << pad(operands(p, in), 24);
            const model::ExprSource* src = nullptr;
            if (in.source == 0 && c.when)
                src = &*c.when;
            else if (in.source > 0 && in.source - 1 < m_.definitions.size())
                src = &m_.definitions[in.source - 1].source;
            if (src && in.offset < src->text.size()) out_ << src->text.substr(in.offset, in.length);
            if (in.source > 0 && in.source - 1 < m_.definitions.size())
                out_ << "  (definition " << m_.definitions[in.source - 1].id << ")";
            out_ << "\n";
        }
        out_ << "    root #" << p.root << "\n";
    }

    std::string operands(const Program& p, const Instr& in) const {
        auto ref = [](std::uint32_t i) { return "#" + std::to_string(i); };
        switch (in.op) {
        case Op::Const:
            return value(in.constant);
        case Op::Attr:
            return in.slot < m_.attributes.size() ? m_.attributes[in.slot].id : "?";
        case Op::Fact:
            return in.slot < m_.facts.size() ? m_.facts[in.slot].id : "?";
        case Op::Today:
            return "";
        case Op::Not:
            return ref(in.a);
        case Op::Aggregate:
            return aggregate(p.aggregates[in.slot]);
        case Op::InList:
        case Op::Min:
        case Op::Max: {
            std::string s = in.op == Op::InList ? ref(in.a) + " [" : "[";
            for (std::uint32_t k = 0; k < in.b; ++k)
                s += (k ? " " : "") + ref(p.args[in.slot + k]);
            return s + "]" + (in.negate ? " negated" : "");
        }
        default:
            return ref(in.a) + " " + ref(in.b) + (in.negate ? " negated" : "");
        }
    }

    // "sum pay.amount by openai where (3 instructions) since 2026-04-27: 4 events".
    std::string aggregate(const Aggregate& a) const {
        std::string s =
            a.count ? "count " + m_.actions[a.action].id
                    : "sum " + m_.actions[a.action].id + "." + m_.attributes[a.attribute].id;
        if (a.party != no_slot) s += " by " + m_.parties[a.party].id;
        if (!a.filter.empty())
            s += " where (" + std::to_string(a.filter.code.size()) + " instructions)";
        switch (a.window) {
        case WindowKind::Year:
            s += " during year";
            break;
        case WindowKind::Within:
            s += " within " + format_duration(a.within);
            break;
        case WindowKind::Since:
        case WindowKind::Term:
            s += " since " + format_date(a.since);
            break;
        case WindowKind::All:
            break;
        }
        if (a.table < d_.history.tables.size())
            s += ": " + std::to_string(d_.history.tables[a.table].dates.size()) + " events";
        return s;
    }

    // ---- the decision index ----

    std::string clause_at_block(std::uint32_t block) const {
        return m_.clauses[head_at(&d_.decisions.code[block]).clause].id;
    }

    // Rows of a record: their clauses, `*` after those their row decides alone.
    std::string row_list(const std::uint32_t* first, std::uint32_t count) const {
        std::string s;
        for (std::uint32_t k = 0; k < count; ++k) {
            ClauseRow r = row_at(first + k * row_words);
            s += (k ? ", " : "") + clause_at_block(r.block) + ((r.flags & row_exact) ? "*" : "");
        }
        return s.empty() ? "none" : s;
    }

    void index() {
        const auto& ix = d_.decisions;
        out_ << "decision index: " << ix.code.size() << " cells, " << ix.records.size()
             << " record words\n";
        out_ << "  defaults";
        for (std::uint32_t a = 0; a < ix.action_default.size(); ++a)
            out_ << (a ? ", " : " ") << m_.actions[a].id << " "
                 << (ix.action_default[a] == VerdictKind::Forbidden ? "forbidden" : "permitted");
        out_ << "\n";
        for (std::uint32_t f = 0; f + 1 < ix.known_at.size(); ++f)
            for (auto k = ix.known_at[f]; k < ix.known_at[f + 1]; ++k)
                out_ << "  known " << m_.facts[f].id << " = " << value(ix.known[k].value) << " "
                     << date_text(ix.known[k].from) << " .. " << date_text(ix.known[k].through)
                     << "\n";
        out_ << "  clauses by action and party, forbids first (*: decided by its row):\n";
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a)
            for (std::uint32_t p = 0; p < m_.parties.size(); ++p) {
                if (d_.candidates(a, p).empty()) continue;
                out_ << "    " << m_.actions[a].id << " by " << m_.parties[p].id << ": ";
                record(ix.record(a, p));
            }
        out_ << "clause blocks:\n";
        for (std::uint32_t i = 0; i < ix.block_of.size(); ++i)
            block(ix.block_of[i]);
    }

    // A record (decision_index.hpp): header, value table, rows.
    void record(std::uint32_t base) {
        const auto& ix = d_.decisions;
        const auto* rec = ix.records.data() + base;
        std::uint32_t split = rec[record_split], values = rec[record_values];
        const std::uint32_t* table = rec + record_header;
        std::uint32_t table_words = split == no_index ? 0 : values + 1;
        table_words = (table_words + row_words - 1) / row_words * row_words;
        const std::uint32_t* pinned = table + table_words;
        const std::uint32_t* rest = pinned + rec[record_pinned] * row_words;
        const std::uint32_t* by_value = rest + rec[record_rest] * row_words;
        if (split == no_index)
            out_ << row_list(rest, rec[record_rest]);
        else
            out_ << row_list(pinned, rec[record_pinned]) << "; not pinning "
                 << m_.attributes[split].id << ": " << row_list(rest, rec[record_rest]);
        if (!(rec[record_flags] & record_masks)) out_ << " (reads not summarised)";
        std::string cols;
        for (std::size_t k = 0; k < row_columns; ++k)
            if (auto c = ix.column(base, k); c.operand != Operand::Const)
                cols += (cols.empty() ? "" : ", ") + operand(c.operand, c.slot);
        if (!cols.empty()) out_ << "\n      rows test " << cols;
        out_ << "\n";
        if (split == no_index) return;
        const auto& e = m_.enums[m_.attributes[split].type.enum_index];
        out_ << "      by " << m_.attributes[split].id << ":\n";
        for (std::uint32_t v = 0; v < values; ++v)
            out_ << "        " << e.values[v].id << ": "
                 << row_list(by_value + table[v] * row_words, table[v + 1] - table[v]) << "\n";
    }

    void block(std::uint32_t at) {
        const auto& ix = d_.decisions;
        ClauseHead h = head_at(&ix.code[at]);
        out_ << "  " << m_.clauses[h.clause].id << " @" << at << ": " << model::to_string(h.effect)
             << " " << date_text(h.lo) << " .. " << date_text(h.hi);
        if (h.event_count)
            out_ << ", until events "
                 << names(m_.facts, {ix.event_facts.begin() + h.events,
                                     ix.event_facts.begin() + h.events + h.event_count});
        if (h.flags & head_beaten)
            out_ << ", beaten by "
                 << clause_ids({ix.beaters.begin() + ix.beaters_at[h.clause],
                                ix.beaters.begin() + ix.beaters_at[h.clause + 1]});
        out_ << "\n";
        if (h.flags & head_condition) node(&ix.code[at + 1], 2);
    }

    // A condition node and, in pre-order, its children.
    const Cell* node(const Cell* c, int depth) {
        CodeNode n = node_at(c);
        out_ << std::string(2 * depth, ' ');
        switch (n.op) {
        case FastOp::Const:
            out_ << ((n.flags & node_true) ? "true" : "false") << "\n";
            break;
        case FastOp::Truth:
            out_ << operand(n.left, n.a) << "\n";
            break;
        case FastOp::Cmp:
            out_ << operand(n.left, n.a) << ((n.flags & node_negate) ? " not " : " ")
                 << cmp_text(n.cmp) << " " << right(n)
                 << ((n.flags & node_number) ? " (as numbers)" : "") << "\n";
            break;
        case FastOp::And:
        case FastOp::Or:
        case FastOp::Not: {
            out_ << (n.op == FastOp::And ? "and" : n.op == FastOp::Or ? "or" : "not") << "\n";
            const Cell* child = c + 1;
            for (std::uint32_t k = 0; k < (n.op == FastOp::Not ? 1u : n.a); ++k)
                child = node(child, depth + 1);
            break;
        }
        case FastOp::General:
            out_ << "program #" << n.a << " of " << m_.clauses[n.b].id << "\n";
            break;
        }
        return c + n.size;
    }

    std::string operand(Operand kind, std::uint32_t slot) const {
        switch (kind) {
        case Operand::Attr:
            return "attr " + m_.attributes[slot].id;
        case Operand::Fact:
            return "fact " + m_.facts[slot].id;
        case Operand::Today:
            return "date";
        case Operand::Const:
            break;
        }
        return "?";
    }

    std::string right(const CodeNode& n) const {
        if (n.right != Operand::Const) return operand(n.right, n.b);
        if (n.cmp != CmpOp::InMask) return value(n.constant());
        const auto& values = m_.enums[n.b].values;
        std::string s;
        for (std::uint32_t v = 0; v < values.size() && v < 64; ++v)
            if ((static_cast<std::uint64_t>(n.payload) >> v) & 1u)
                s += (s.empty() ? "" : ", ") + values[v].id;
        return "[" + s + "]";
    }
};

} // namespace

} // namespace dealcheck::compiler

namespace dealcheck {

std::string dump_compiled(const Deal& deal) {
    return compiler::Printer(deal.compiled()).run();
}

} // namespace dealcheck
