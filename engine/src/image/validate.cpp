#include "image/validate.hpp"

#include "image/stream.hpp"

#include <string>
#include <unordered_set>

namespace dealcheck::image {

namespace {

using compiler::CodeNode;
using compiler::FastOp;
using compiler::Op;
using compiler::Operand;
using model::no_index;

class Validator {
  public:
    explicit Validator(const CompiledDeal& d) : d_(d), m_(d.model) {}

    void run() {
        model();
        code();
        derived();
        decisions();
    }

  private:
    const CompiledDeal& d_;
    const model::Deal& m_;

    static void fail(const std::string& what) { throw Corrupt{what}; }
    // `i` indexes a list of `n` (or is no_index, where that means "none").
    static void in(std::uint64_t i, std::size_t n, const char* what, bool optional = false) {
        if (optional && i == no_index) return;
        if (i >= n)
            fail(std::string(what) + " " + std::to_string(i) + " is out of range (" +
                 std::to_string(n) + ")");
    }
    template <class List> static void all_in(const List& l, std::size_t n, const char* what) {
        for (auto i : l)
            in(i, n, what);
    }

    std::size_t parties() const { return m_.parties.size(); }
    std::size_t actions() const { return m_.actions.size(); }
    std::size_t attributes() const { return m_.attributes.size(); }
    std::size_t facts() const { return m_.facts.size(); }
    std::size_t clauses() const { return m_.clauses.size(); }
    std::size_t agreements() const { return m_.agreements.size(); }
    std::size_t events() const { return m_.events.size(); }

    void tree(const syntax::ExprTree& t) {
        if (t.nodes.empty()) return;
        in(t.root, t.nodes.size(), "an expression's root");
        // Built bottom-up: a child comes before its parent, so no walk can loop.
        for (std::uint32_t i = 0; i < t.nodes.size(); ++i)
            for (auto c : t.nodes[i].children)
                in(c, i, "an expression node's child");
    }
    void source(const model::ExprSource& s) { in(s.file, m_.files.size(), "a file", true); }
    // Every place is made into a location with its file's path: its file must exist.
    void place(model::Place p) { in(p.file, m_.files.size(), "a place's file"); }
    void places(const std::vector<model::Place>& ps) {
        for (auto p : ps)
            place(p);
    }
    void bounds(const std::vector<model::Bound>& bs) {
        for (const auto& b : bs) {
            source(b.source);
            in(b.fact, facts(), "a bound's fact", true);
            in(b.written_in, agreements(), "a bound's agreement", true);
        }
    }

    void model() {
        for (const auto& f : m_.files)
            for (auto s : f.line_starts)
                in(s, f.text.size() + 1, "a line start");
        for (const auto& a : m_.actions)
            for (const auto& at : a.attributes)
                in(at.global, attributes(), "an attribute");
        for (const auto& f : m_.facts)
            for (const auto& k : f.known)
                in(k.event, events(), "a known value's event", true);
        for (const auto& def : m_.definitions) {
            source(def.source);
            tree(def.tree);
        }
        for (const auto& c : m_.clauses) {
            in(c.agreement, agreements(), "a clause's agreement");
            in(c.party, parties(), "a clause's party", true);
            in(c.consent_of, parties(), "a clause's consenting party", true);
            in(c.superseded_by, agreements(), "a clause's superseding agreement", true);
            all_in(c.actions, actions(), "a clause's action");
            all_in(c.exception_to, clauses(), "a clause's exception");
            place(c.where);
            places(c.action_where);
            places(c.exception_to_where);
            places(c.replaces_where);
            if (c.when) source(*c.when);
            if (c.window.from) bounds({*c.window.from});
            bounds(c.window.until);
            if (c.consequence) {
                in(c.consequence->party, parties(), "a consequence's party", true);
                place(c.consequence->where);
                place(c.consequence->party_where);
                bounds(c.consequence->until);
            }
        }
        for (const auto& e : m_.events) {
            in(e.file, m_.files.size(), "an event's file");
            in(e.party, parties(), "an event's party", true);
            in(e.action, actions(), "an event's action", true);
            in(e.fact, facts(), "an event's fact", true);
            for (const auto& a : e.attributes)
                in(a.first, attributes(), "an event's attribute");
        }
        for (const auto& o : m_.obligations) {
            in(o.agreement, agreements(), "an obligation's agreement");
            in(o.party, parties(), "an obligation's party");
            in(o.creditor, parties(), "an obligation's creditor");
            in(o.action, actions(), "an obligation's action");
            in(o.amount_attribute, attributes(), "an obligation's amount", true);
            in(o.discharged_by, agreements(), "an obligation's terminating agreement", true);
            in(o.trigger.party, parties(), "a trigger's party", true);
            in(o.trigger.action, actions(), "a trigger's action", true);
            in(o.trigger.obligation, m_.obligations.size(), "a trigger's obligation", true);
            source(o.deadline.source);
            auto anchor = o.deadline.anchor;
            if (anchor == model::Deadline::Anchor::Attribute)
                in(o.deadline.index, attributes(), "a deadline's attribute");
            if (anchor == model::Deadline::Anchor::Fact)
                in(o.deadline.index, facts(), "a deadline's fact");
        }
        for (const auto& p : m_.powers) {
            in(p.agreement, agreements(), "a power's agreement");
            in(p.party, parties(), "a power's party");
            in(p.action, actions(), "a power's action");
            in(p.opened_by,
               p.opening == model::Power::Opening::Violated ? m_.obligations.size()
                                                            : m_.powers.size(),
               "what opens a power");
            all_in(p.targets, m_.obligations.size(), "a power's target");
            places(p.target_where);
        }
    }

    void program(const compiler::Program& p, int depth = 0) {
        if (depth > 2) fail("aggregates are nested too deeply");
        if (!p.code.empty()) in(p.root, p.code.size(), "a program's root");
        all_in(p.facts, facts(), "a program's fact");
        all_in(p.attributes, attributes(), "a program's attribute");
        for (std::uint32_t i = 0; i < p.code.size(); ++i) {
            const auto& x = p.code[i];
            // 0: the condition as written; k: definition k - 1, inlined (explanations).
            in(x.source, m_.definitions.size() + 1, "an instruction's source");
            switch (x.op) {
            case Op::Const:
            case Op::Today:
                break;
            case Op::Attr:
                in(x.slot, attributes(), "an instruction's attribute");
                break;
            case Op::Fact:
                in(x.slot, facts(), "an instruction's fact");
                break;
            case Op::Aggregate:
                in(x.slot, p.aggregates.size(), "an instruction's aggregate");
                break;
            case Op::Not:
                in(x.a, i, "an instruction's operand"); // compiled bottom-up: no loops
                break;
            case Op::InList:
                in(x.a, i, "an instruction's operand");
                [[fallthrough]];
            case Op::Min:
            case Op::Max:
                // Its items: args[slot .. slot + b), each an instruction before it.
                if (std::uint64_t{x.slot} + x.b > p.args.size()) fail("an instruction's arguments");
                for (std::uint64_t k = x.slot; k < std::uint64_t{x.slot} + x.b; ++k)
                    in(p.args[k], i, "an instruction's argument");
                break;
            default:
                in(x.a, i, "an instruction's operand");
                in(x.b, i, "an instruction's operand");
            }
        }
        for (const auto& a : p.aggregates) {
            in(a.action, actions(), "an aggregate's action");
            in(a.attribute, attributes(), "an aggregate's attribute", true);
            in(a.party, parties(), "an aggregate's party", true);
            in(a.table, d_.history.tables.size(), "an aggregate's table", true);
            program(a.filter, depth + 1);
        }
    }

    void code() {
        if (d_.clauses.size() != clauses()) fail("the compiled clauses do not match the clauses");
        for (const auto& c : d_.clauses) {
            program(c.when);
            all_in(c.until_events, facts(), "an until-event");
            all_in(c.facts, facts(), "a clause's fact");
            all_in(c.attributes, attributes(), "a clause's attribute");
            all_in(c.beats, clauses(), "a clause it beats");
            all_in(c.consequence_events, facts(), "a consequence's event");
        }
        for (const auto& t : d_.history.tables) {
            auto n = t.dates.size();
            if (t.events.size() != n || t.values.size() != n || t.totals.size() != n + 1 ||
                t.unknowns.size() != n + 1)
                fail("an aggregate table's columns differ in length");
            all_in(t.events, events(), "an aggregate table's event");
            for (auto u : t.unknowns)
                in(u, n + 1, "an aggregate table's unknown count");
        }
    }

    void derived() {
        const auto& life = d_.lifecycle;
        for (const auto& i : life.instances) {
            in(i.obligation, m_.obligations.size(), "an instance's obligation");
            for (const auto& c : i.changes)
                in(c.event, events(), "an instance's event", true);
        }
        if (life.powers.size() != m_.powers.size()) fail("the powers' lifecycle");
        for (const auto& p : life.powers)
            for (const auto& c : p)
                in(c.event, events(), "a power's event", true);
        for (const auto& n : life.notes)
            in(n.event, events(), "a note's event");
        for (const auto& s : d_.power_open) {
            in(s.power, m_.powers.size(), "an open power");
            in(s.action, actions(), "an open power's action");
            in(s.party, parties(), "an open power's party");
        }
        for (const auto& v : d_.verb_actions)
            all_in(v, actions(), "a verb's action");
        for (const auto& v : d_.noun_actions)
            all_in(v, actions(), "a noun's action");
        for (const auto& v : d_.value_words) {
            in(v.enum_index, m_.enums.size(), "a value word's enum");
            in(v.value_index, m_.enums[v.enum_index].values.size(), "a value word's value");
        }
        for (const auto& e : d_.lexicon->entries()) {
            std::size_t ids = ~std::size_t{0};
            switch (static_cast<WordKind>(e.kind)) {
            case WordKind::Party:
            case WordKind::Possessive:
                ids = parties();
                break;
            case WordKind::Verb:
                ids = d_.verb_actions.size();
                break;
            case WordKind::Value:
                ids = d_.value_words.size();
                break;
            case WordKind::Marker:
                ids = d_.marker_words.size();
                break;
            case WordKind::Flag:
                ids = d_.flag_phrases.size();
                break;
            case WordKind::Noun:
                ids = d_.noun_actions.size();
                break;
            case WordKind::Unit:
                ids = d_.unit_words.size();
                break;
            case WordKind::Frame:
                ids = static_cast<std::size_t>(Frame::Closing) + 1;
                break;
            case WordKind::Filler:
                break;
            default:
                fail("a word of unknown kind");
            }
            in(e.id, ids, "a word's meaning");
        }
    }

    // A condition node at `at` and its subtree lie in `code`, and what they read exists.
    void node(std::size_t at, std::size_t end, int depth) {
        const auto& code = d_.decisions.code;
        if (depth > 1000) fail("a clause block nests too deeply");
        if (at >= end) fail("a clause block runs past its end");
        CodeNode n = compiler::node_at(&code[at]);
        if (n.size == 0 || at + n.size > end) fail("a clause block's node size");
        auto slot = [&](Operand o, std::uint32_t s) {
            if (o == Operand::Attr) in(s, attributes(), "a condition's attribute");
            if (o == Operand::Fact) in(s, facts(), "a condition's fact");
        };
        switch (n.op) {
        case FastOp::Cmp:
            slot(n.left, n.a);
            if (n.cmp != compiler::CmpOp::InMask) slot(n.right, n.b);
            break;
        case FastOp::Truth:
            slot(n.left, n.a);
            break;
        case FastOp::And:
        case FastOp::Or:
        case FastOp::Not: {
            std::uint32_t children = n.op == FastOp::Not ? 1 : n.a;
            std::size_t child = at + 1;
            for (std::uint32_t k = 0; k < children; ++k) {
                node(child, at + n.size, depth + 1);
                child += compiler::node_at(&code[child]).size;
            }
            if (child != at + n.size) fail("a clause block's node size");
            break;
        }
        case FastOp::General:
            in(n.b, clauses(), "a condition's clause");
            in(n.a, d_.clauses[n.b].when.code.size(), "a condition's instruction");
            break;
        case FastOp::Const:
            break;
        default:
            fail("a condition node of unknown kind");
        }
    }

    void decisions() {
        const auto& ix = d_.decisions;
        if (ix.parties != parties() || ix.table.size() != actions() * parties() ||
            ix.block_of.size() != clauses() || ix.beaters_at.size() != clauses() + 1 ||
            ix.action_default.size() != actions() || ix.known_at.size() != facts() + 1)
            fail("the decision index does not match the deal");
        for (std::size_t i = 0; i + 1 < ix.beaters_at.size(); ++i)
            if (ix.beaters_at[i] > ix.beaters_at[i + 1]) fail("the beaters' index");
        in(ix.beaters_at.back(), ix.beaters.size() + 1, "the beaters' end");
        all_in(ix.beaters, clauses(), "a beating clause");
        for (std::size_t i = 0; i + 1 < ix.known_at.size(); ++i)
            if (ix.known_at[i] > ix.known_at[i + 1]) fail("the known values' index");
        in(ix.known_at.back(), ix.known.size() + 1, "the known values' end");
        all_in(ix.event_facts, facts(), "an until-event's fact");
        std::unordered_set<std::uint32_t> blocks;
        const auto& code = ix.code;
        for (auto b : ix.block_of) {
            in(b, code.size(), "a clause block");
            auto h = compiler::head_at(&code[b]);
            in(h.clause, clauses(), "a clause block's clause");
            if (std::uint64_t{h.events} + h.event_count > ix.event_facts.size())
                fail("a clause block's until-events");
            if (h.flags & compiler::head_condition) node(b + 1, code.size(), 0);
            blocks.insert(b);
        }
        for (auto r : ix.table) {
            const auto& w = ix.records;
            if (std::uint64_t{r} + compiler::record_header > w.size()) fail("a record");
            const std::uint32_t* rec = w.data() + r;
            std::uint64_t table_words = 0, by_value = 0;
            if (rec[compiler::record_split] != no_index) {
                in(rec[compiler::record_split], attributes(), "a record's split attribute");
                std::uint64_t values = rec[compiler::record_values];
                if (std::uint64_t{r} + compiler::record_header + values + 1 > w.size())
                    fail("a record's value table");
                const std::uint32_t* table = rec + compiler::record_header;
                for (std::uint64_t v = 0; v < values; ++v)
                    if (table[v] > table[v + 1]) fail("a record's value table");
                by_value = table[values];
                table_words = (values + 1 + compiler::row_words - 1) / compiler::row_words *
                              compiler::row_words;
            }
            std::uint64_t rows =
                std::uint64_t{rec[compiler::record_pinned]} + rec[compiler::record_rest] + by_value;
            std::uint64_t first = std::uint64_t{r} + compiler::record_header + table_words;
            if (first + rows * compiler::row_words > w.size()) fail("a record's rows");
            for (std::uint64_t k = 0; k < rows; ++k) {
                auto row = compiler::row_at(w.data() + first + k * compiler::row_words);
                if (!blocks.count(row.block)) fail("a row's clause block");
            }
        }
    }
};

} // namespace

void validate(const CompiledDeal& deal) {
    Validator(deal).run();
}

} // namespace dealcheck::image
