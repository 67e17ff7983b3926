#include "checker/expr_checker.hpp"

#include "model/limits.hpp"
#include "program/expr_eval.hpp"
#include "syntax/grammar.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>

namespace dealcheck::checker {

using compiler::Instr;
using compiler::Op;
using compiler::Program;
using model::Type;
using model::TypeKind;
using syntax::BinaryOp;
using syntax::NodeKind;

SourceLocation locate(const model::Deal& deal, const model::ExprSource& src, std::uint32_t offset) {
    if (src.file >= deal.files.size()) return {{}, src.where.line, src.where.column};
    SourceLocation loc = model::location(deal, {src.file, src.where});
    if (src.raw_offset == model::no_raw_offset) {
        loc.column += static_cast<int>(offset);
        return loc;
    }
    // Walk the raw file text and the scalar's value together: characters the YAML
    // scalar folded away (line breaks, indentation, escapes) are skipped in the raw.
    const std::string& raw = deal.files[src.file].text;
    std::size_t r = src.raw_offset;
    int line = loc.line, col = loc.column;
    for (std::uint32_t v = 0; v < offset && v < src.text.size() && r < raw.size(); ++v) {
        while (r < raw.size() && raw[r] != src.text[v]) {
            if (raw[r] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
            ++r;
        }
        if (r < raw.size()) {
            if (raw[r] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
            ++r;
        }
    }
    while (r < raw.size() && offset < src.text.size() && raw[r] != src.text[offset]) {
        if (raw[r] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
        ++r;
    }
    loc.line = line;
    loc.column = col;
    return loc;
}

static void sort_unique(std::vector<std::uint32_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

static Instr make(Op op, bool negate, Type type, std::uint32_t a = 0, std::uint32_t b = 0,
                  Value constant = {}) {
    Instr in;
    in.op = op;
    in.negate = negate;
    in.type = type;
    in.a = a;
    in.b = b;
    in.constant = constant;
    return in;
}

static std::string describe(const model::Deal& deal, const Type& t) {
    return model::type_name(deal, t);
}

// Shared by the states of an expression and of the definitions inlined into it: the
// limits on the expanded condition (model/limits.hpp) bound the checker's recursion,
// the evaluator's, and the size of an expansion that doubles at each definition.
struct Expansion {
    int depth = 0;
    std::size_t nodes = 0;
    bool too_deep = false, too_large = false, definitions_too_deep = false;
    bool stopped() const { return too_deep || too_large || definitions_too_deep; }
};

const std::uint32_t* lookup(const std::unordered_map<std::string, std::uint32_t>& index,
                            const std::string& id) {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &it->second;
}

struct ExprChecker::State {
    ExprChecker& self;
    const model::ExprSource& src;
    const syntax::ExprTree& tree;
    const Scope& scope;
    std::uint32_t source_id; // 0: the expression, k: definition k-1
    Program& out;
    std::vector<std::uint32_t>& active_definitions; // for cycle detection
    Expansion& expansion;
    bool failed = false;

    const model::Deal& deal() const { return self.deal_; }

    void error(DiagnosticCode code, const syntax::Node& n, std::string message,
               std::string hint = {}) {
        failed = true;
        Diagnostic d(code);
        d.where = locate(deal(), src, n.offset);
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.span = static_cast<int>(std::max<std::uint32_t>(1, n.length));
        d.source_line = model::source_line(deal(), d.where.file, d.where.line);
        self.diags_.add(std::move(d));
    }

    std::string text_of(const syntax::Node& n) const {
        if (n.offset >= src.text.size()) return {};
        return src.text.substr(n.offset, std::min<std::size_t>(n.length, 60));
    }

    std::uint32_t emit(Instr in, const syntax::Node& n) {
        in.source = source_id;
        in.offset = n.offset;
        in.length = n.length;
        out.code.push_back(in);
        return static_cast<std::uint32_t>(out.code.size() - 1);
    }

    const Type& type(std::uint32_t instr) const { return out.code[instr].type; }

    static constexpr std::uint32_t bad = 0xffffffffu;

    // The names an identifier could have meant, for "did you mean".
    const std::vector<std::string>& names_in_scope() const { return self.names_.all; }

    // Resolves `name` (possibly `enum.value`) to an enum value constant, preferring
    // `expected_enum` when several enums share the value.
    std::uint32_t enum_value(const syntax::Node& n, std::optional<std::uint32_t> expected_enum) {
        const std::string& name = n.text;
        auto dot = name.find('.');
        if (dot != std::string::npos) {
            auto enum_id = name.substr(0, dot), value_id = name.substr(dot + 1);
            if (const auto* found = lookup(self.names_.enums, enum_id)) {
                auto e = *found;
                const auto& values = deal().enums[e].values;
                for (std::uint32_t v = 0; v < values.size(); ++v)
                    if (values[v].id == value_id)
                        return emit(make(Op::Const, false, Type{TypeKind::Enum, e}, 0, 0,
                                         Value::enumerated(e, v)),
                                    n);
                error(DiagnosticCode::unknown_enum_value, n,
                      "enum `" + enum_id + "` has no value `" + value_id + "`",
                      util::did_you_mean(value_id, model::ids_of(values)));
                return bad;
            }
            error(DiagnosticCode::unknown_name, n, "unknown name `" + name + "`",
                  util::did_you_mean(name, names_in_scope()));
            return bad;
        }
        static const std::vector<std::pair<std::uint32_t, std::uint32_t>> none;
        auto found = self.names_.enum_values.find(name);
        const auto& matches = found == self.names_.enum_values.end() ? none : found->second;
        if (expected_enum)
            for (auto [e, v] : matches)
                if (e == *expected_enum)
                    return emit(make(Op::Const, false, Type{TypeKind::Enum, e}, 0, 0,
                                     Value::enumerated(e, v)),
                                n);
        if (matches.size() == 1) {
            auto [e, v] = matches[0];
            return emit(
                make(Op::Const, false, Type{TypeKind::Enum, e}, 0, 0, Value::enumerated(e, v)), n);
        }
        if (matches.size() > 1) {
            error(DiagnosticCode::ambiguous_enum_value, n,
                  "`" + name + "` is a value of several enums",
                  "qualify it, as in `" + deal().enums[matches[0].first].id + "." + name + "`");
            return bad;
        }
        error(DiagnosticCode::unknown_name, n, "unknown name `" + name + "`",
              util::did_you_mean(name, names_in_scope()));
        return bad;
    }

    bool attribute_in_scope(std::uint32_t global, const syntax::Node& n) {
        for (auto a : scope.actions) {
            const auto& action = deal().actions[a];
            bool has = std::any_of(action.attributes.begin(), action.attributes.end(),
                                   [&](const auto& attr) { return attr.global == global; });
            if (!has) {
                error(DiagnosticCode::unknown_attribute, n,
                      "action `" + action.id + "` has no attribute `" +
                          deal().attributes[global].id + "`",
                      scope.actions.size() > 1
                          ? "a condition may use only attributes that all its actions have"
                          : "declare it under the action's `attributes` in the vocabulary");
                return false;
            }
        }
        return true;
    }

    std::uint32_t name(const syntax::Node& n, std::optional<std::uint32_t> expected_enum) {
        const std::string& id = n.text;
        if (id == "date" && scope.today)
            return emit(make(Op::Today, false, Type{TypeKind::Date}), n);
        if (id == "effective" && scope.effective)
            return emit(
                make(Op::Const, false, Type{TypeKind::Date}, 0, 0, Value::date(*scope.effective)),
                n);
        const auto& names = self.names_;
        if (const auto* attribute = lookup(names.attributes, id); attribute && scope.attributes) {
            auto i = *attribute;
            if (!attribute_in_scope(i, n)) return bad;
            out.attributes.push_back(i);
            Instr in = make(Op::Attr, false, deal().attributes[i].type);
            in.slot = i;
            return emit(in, n);
        }
        if (const auto* fact = lookup(names.facts, id)) {
            auto i = *fact;
            if (!scope.facts) {
                error(DiagnosticCode::not_allowed_here, n, "fact `" + id + "` cannot be used here",
                      scope.restriction.empty() ? "this must be known when the rules load"
                                                : scope.restriction);
                return bad;
            }
            out.facts.push_back(i);
            Instr in = make(Op::Fact, false, deal().facts[i].type);
            in.slot = i;
            return emit(in, n);
        }
        if (const auto* definition_index = lookup(names.definitions, id))
            return definition(n, *definition_index);
        if (const auto* party = lookup(names.parties, id))
            return emit(make(Op::Const, false, Type{TypeKind::Party}, 0, 0, Value::party(*party)),
                        n);
        if (!scope.attributes && lookup(names.attributes, id)) {
            error(DiagnosticCode::not_allowed_here, n, "attribute `" + id + "` cannot be used here",
                  "windows may use dates and facts only");
            return bad;
        }
        return enum_value(n, expected_enum);
    }

    std::uint32_t definition(const syntax::Node& n, std::uint32_t index) {
        if (std::find(active_definitions.begin(), active_definitions.end(), index) !=
            active_definitions.end()) {
            error(DiagnosticCode::recursive_definition, n,
                  "definition `" + deal().definitions[index].id + "` refers to itself",
                  "definitions may not be recursive");
            return bad;
        }
        if (active_definitions.size() >= static_cast<std::size_t>(limits::max_definition_depth)) {
            // Reported once: every later path through the definitions stops too.
            expansion.definitions_too_deep = true;
            failed = true;
            error(DiagnosticCode::expression_too_large, n,
                  "definitions nest deeper than " + std::to_string(limits::max_definition_depth) +
                      " levels",
                  "`" + deal().definitions[index].id + "` is reached through a chain of " +
                      std::to_string(limits::max_definition_depth) + " definitions; shorten it");
            return bad;
        }
        if (!self.definition_ok_[index]) {
            failed = true; // its own syntax error was reported already
            return bad;
        }
        active_definitions.push_back(index);
        State inner{self,
                    deal().definitions[index].source,
                    self.definition_trees_[index],
                    scope,
                    index + 1,
                    out,
                    active_definitions,
                    expansion};
        auto r = inner.lower(inner.tree.root, std::nullopt);
        active_definitions.pop_back();
        if (inner.failed) failed = true;
        return r;
    }

    std::uint32_t literal(const syntax::Node& n) {
        const auto& l = n.literal;
        switch (l.kind) {
        case syntax::LiteralKind::Bool:
            return emit(
                make(Op::Const, false, Type{TypeKind::Bool}, 0, 0, Value::boolean(l.boolean)), n);
        case syntax::LiteralKind::Number:
            return emit(
                make(Op::Const, false, Type{TypeKind::Number}, 0, 0, Value::number(l.number)), n);
        case syntax::LiteralKind::Money:
            return emit(make(Op::Const, false, Type{TypeKind::Money, 0, l.money.currency}, 0, 0,
                             Value::money(l.money)),
                        n);
        case syntax::LiteralKind::Date:
            return emit(make(Op::Const, false, Type{TypeKind::Date}, 0, 0, Value::date(l.date)), n);
        case syntax::LiteralKind::Duration:
            return emit(
                make(Op::Const, false, Type{TypeKind::Duration}, 0, 0, Value::duration(l.duration)),
                n);
        case syntax::LiteralKind::String: {
            // Strings name parties or enum values by their id; anything else is unknown.
            syntax::Node as_name = n;
            as_name.text = l.string;
            if (const auto* party = lookup(self.names_.parties, l.string))
                return emit(
                    make(Op::Const, false, Type{TypeKind::Party}, 0, 0, Value::party(*party)), n);
            return emit(make(Op::Const, false, Type{TypeKind::String}, 0, 0,
                             Value::string(string_symbol(l.string))),
                        n);
        }
        }
        return bad;
    }

    std::uint32_t string_symbol(const std::string& s) {
        // Strings compare by content: intern them in the deal-wide table kept by the
        // checker so equal strings get equal ids.
        auto [it, fresh] =
            self.string_index_.emplace(s, static_cast<std::uint32_t>(self.strings_.size()));
        if (fresh) self.strings_.push_back(s);
        return it->second;
    }

    bool expect(std::uint32_t i, TypeKind kind, const syntax::Node& n, const std::string& role) {
        if (i == bad) return false;
        if (type(i).kind == kind) return true;
        error(DiagnosticCode::type_mismatch, n,
              role + " must be " + describe(deal(), Type{kind}) + ", but `" + text_of(n) + "` is " +
                  describe(deal(), type(i)));
        return false;
    }

    static bool orderable(TypeKind k) {
        return k == TypeKind::Number || k == TypeKind::Money || k == TypeKind::Date;
    }

    static bool is_bare_name(const syntax::Node& n) { return n.kind == NodeKind::Name; }

    // Compatible for == and ordering: same kind, same enum, compatible currency.
    bool same_type(const Type& a, const Type& b) const {
        if (a.kind != b.kind) return false;
        if (a.kind == TypeKind::Enum || a.kind == TypeKind::Set)
            return a.enum_index == b.enum_index;
        if (a.kind == TypeKind::Money)
            return a.currency == 0 || b.currency == 0 || a.currency == b.currency;
        return true;
    }

    std::optional<std::uint32_t> enum_of(std::uint32_t i) const {
        if (i == bad) return std::nullopt;
        const Type& t = type(i);
        if (t.kind == TypeKind::Enum || t.kind == TypeKind::Set) return t.enum_index;
        if (t.kind == TypeKind::List && t.element == TypeKind::Enum) return t.enum_index;
        return std::nullopt;
    }

    std::uint32_t binary(const syntax::Node& n) {
        const auto& ln = tree.at(n.children[0]);
        const auto& rn = tree.at(n.children[1]);
        switch (n.op) {
        case BinaryOp::And:
        case BinaryOp::Or: {
            auto l = lower(n.children[0], std::nullopt);
            auto r = lower(n.children[1], std::nullopt);
            std::string word = n.op == BinaryOp::And ? "`and`" : "`or`";
            bool ok = expect(l, TypeKind::Bool, ln, "each side of " + word);
            ok = expect(r, TypeKind::Bool, rn, "each side of " + word) && ok;
            if (!ok) return bad;
            return emit(
                make(n.op == BinaryOp::And ? Op::And : Op::Or, false, Type{TypeKind::Bool}, l, r),
                n);
        }
        case BinaryOp::In:
        case BinaryOp::NotIn:
            return membership(n, ln, rn);
        case BinaryOp::Add:
        case BinaryOp::Sub:
            return arithmetic(n, ln, rn);
        case BinaryOp::Mul:
        case BinaryOp::Div:
            return product(n, ln, rn);
        default:
            return comparison(n, ln, rn);
        }
    }

    // Lowers both sides of a binary node; a bare enum value takes its enum from the
    // other side, so `cloud == aws` and `aws == cloud` both resolve.
    std::pair<std::uint32_t, std::uint32_t> sides(const syntax::Node& n) {
        const auto& ln = tree.at(n.children[0]);
        bool left_is_value = is_bare_name(ln) && !names_something_typed(ln.text);
        if (left_is_value) {
            auto r = lower(n.children[1], std::nullopt);
            auto l = lower(n.children[0], enum_of(r));
            return {l, r};
        }
        auto l = lower(n.children[0], std::nullopt);
        auto r = lower(n.children[1], enum_of(l));
        return {l, r};
    }

    bool names_something_typed(const std::string& id) const {
        if (id == "date" || id == "effective") return true;
        const auto& names = self.names_;
        return lookup(names.attributes, id) || lookup(names.facts, id) ||
               lookup(names.definitions, id) || lookup(names.parties, id);
    }

    std::uint32_t comparison(const syntax::Node& n, const syntax::Node& ln,
                             const syntax::Node& rn) {
        auto [l, r] = sides(n);
        if (l == bad || r == bad) return bad;
        const Type& lt = type(l);
        const Type& rt = type(r);
        static const char* symbols[] = {"and", "or", "==", "!=", "<", "<=", ">", ">="};
        std::string op = symbols[static_cast<int>(n.op)];
        if (!same_type(lt, rt)) {
            error(DiagnosticCode::type_mismatch, n,
                  "cannot compare `" + text_of(ln) + "` (" + describe(deal(), lt) + ") with `" +
                      text_of(rn) + "` (" + describe(deal(), rt) + ")");
            return bad;
        }
        bool ordering = n.op != BinaryOp::Eq && n.op != BinaryOp::Ne;
        if (ordering && !orderable(lt.kind)) {
            error(DiagnosticCode::type_mismatch, n,
                  "`" + op + "` needs numbers, money or dates; `" + text_of(ln) + "` is " +
                      describe(deal(), lt),
                  lt.kind == TypeKind::Enum ? "enum values have no order; use `==` or `in`" : "");
            return bad;
        }
        if (lt.kind == TypeKind::List || lt.kind == TypeKind::Set) {
            error(DiagnosticCode::type_mismatch, n,
                  "lists and sets cannot be compared with `" + op + "`",
                  "use `in` to test membership");
            return bad;
        }
        if (percent_mismatch(ln, rn) || percent_mismatch(rn, ln)) return bad;
        Op code = n.op == BinaryOp::Eq   ? Op::Eq
                  : n.op == BinaryOp::Ne ? Op::Ne
                  : n.op == BinaryOp::Lt ? Op::Lt
                  : n.op == BinaryOp::Le ? Op::Le
                  : n.op == BinaryOp::Gt ? Op::Gt
                                         : Op::Ge;
        return emit(make(code, false, Type{TypeKind::Bool}, l, r), n);
    }

    // `stake >= 20%` where questions give the stake as "20%": the attribute holds 20,
    // the literal 0.2. Said rather than silently never true.
    bool percent_mismatch(const syntax::Node& name, const syntax::Node& literal) {
        if (name.kind != NodeKind::Name || literal.kind != NodeKind::Literal ||
            !literal.literal.percent)
            return false;
        for (const auto& action : deal().actions)
            for (const auto& attribute : action.attributes)
                if (attribute.id == name.text &&
                    std::find(attribute.units.begin(), attribute.units.end(), "%") !=
                        attribute.units.end()) {
                    std::string points = text_of(literal);
                    points.pop_back();
                    error(DiagnosticCode::percent_scale, literal,
                          "`" + name.text +
                              "` holds percentage points (a question's 20% is 20), "
                              "but `" +
                              text_of(literal) + "` is a fraction",
                          "compare with `" + points + "`");
                    return true;
                }
        return false;
    }

    std::uint32_t membership(const syntax::Node& n, const syntax::Node& ln,
                             const syntax::Node& rn) {
        auto [l, r] = sides(n);
        if (l == bad || r == bad) return bad;
        bool negate = n.op == BinaryOp::NotIn;
        const Type& lt = type(l);
        const Type& rt = type(r);
        if (rt.kind == TypeKind::Set) {
            if (lt.kind != TypeKind::Enum || lt.enum_index != rt.enum_index) {
                error(DiagnosticCode::type_mismatch, ln,
                      "`" + text_of(ln) + "` (" + describe(deal(), lt) + ") cannot be in `" +
                          text_of(rn) + "` (" + describe(deal(), rt) + ")");
                return bad;
            }
            return emit(make(Op::InSet, negate, Type{TypeKind::Bool}, l, r), n);
        }
        if (rt.kind != TypeKind::List) {
            error(DiagnosticCode::type_mismatch, rn,
                  "the right of `in` must be a list or a set, but `" + text_of(rn) + "` is " +
                      describe(deal(), rt),
                  "write `x in [a, b]`");
            return bad;
        }
        // A list literal: check each element against the left's type.
        const Instr list = out.code[r];
        bool ok = true;
        for (std::uint32_t k = 0; k < list.b; ++k) {
            auto item = out.args[list.slot + k];
            if (!same_type(lt, type(item))) {
                const auto& item_node = tree.at(rn.children[k]);
                error(DiagnosticCode::type_mismatch, item_node,
                      "`" + text_of(item_node) + "` (" + describe(deal(), type(item)) +
                          ") cannot be compared with `" + text_of(ln) + "` (" +
                          describe(deal(), lt) + ")");
                ok = false;
            }
        }
        if (!ok) return bad;
        if (lt.kind == TypeKind::Enum) {
            // Constant enum lists become a bit set: one test at evaluation.
            std::uint64_t bits = 0;
            for (std::uint32_t k = 0; k < list.b; ++k) {
                const Instr& item = out.code[out.args[list.slot + k]];
                if (item.op != Op::Const) {
                    bits = ~0ull;
                    break;
                }
                if (item.constant.payload < 64)
                    bits |= 1ull << item.constant.payload;
                else
                    bits = ~0ull;
            }
            if (bits != ~0ull && deal().enums[lt.enum_index].values.size() <= 64) {
                auto set = emit(make(Op::Const, false, Type{TypeKind::Set, lt.enum_index}, 0, 0,
                                     Value::set(lt.enum_index, bits)),
                                rn);
                return emit(make(Op::InSet, negate, Type{TypeKind::Bool}, l, set), n);
            }
        }
        Instr in = make(Op::InList, negate, Type{TypeKind::Bool}, l, list.b);
        in.slot = list.slot;
        return emit(in, n);
    }

    std::uint32_t arithmetic(const syntax::Node& n, const syntax::Node& ln,
                             const syntax::Node& rn) {
        auto l = lower(n.children[0], std::nullopt);
        auto r = lower(n.children[1], std::nullopt);
        if (l == bad || r == bad) return bad;
        const Type& lt = type(l);
        const Type& rt = type(r);
        Op code = n.op == BinaryOp::Add ? Op::Add : Op::Sub;
        std::string op = n.op == BinaryOp::Add ? "+" : "-";
        if (lt.kind == TypeKind::Date && rt.kind == TypeKind::Duration)
            return emit(make(code, false, Type{TypeKind::Date}, l, r), n);
        if (lt.kind == rt.kind && (lt.kind == TypeKind::Duration || lt.kind == TypeKind::Number ||
                                   (lt.kind == TypeKind::Money && same_type(lt, rt))))
            return emit(
                make(code, false, lt.kind == TypeKind::Money && lt.currency == 0 ? rt : lt, l, r),
                n);
        std::string hint;
        if (lt.kind == TypeKind::Duration && rt.kind == TypeKind::Date)
            hint = "write the date first: `date + 7y`";
        if (lt.kind == TypeKind::Date && rt.kind == TypeKind::Date)
            hint = "dates cannot be added or subtracted; compare them instead";
        error(DiagnosticCode::type_mismatch, n,
              "cannot compute `" + text_of(ln) + "` (" + describe(deal(), lt) + ") " + op + " `" +
                  text_of(rn) + "` (" + describe(deal(), rt) + ")",
              hint);
        return bad;
    }

    // Numbers multiply and divide; money scales by a number (`amount * 2%`, `price / 4`)
    // and money over money of one currency is a number (a ratio).
    std::uint32_t product(const syntax::Node& n, const syntax::Node& ln, const syntax::Node& rn) {
        auto l = lower(n.children[0], std::nullopt);
        auto r = lower(n.children[1], std::nullopt);
        if (l == bad || r == bad) return bad;
        const Type lt = type(l);
        const Type rt = type(r);
        bool divide = n.op == BinaryOp::Div;
        Op code = divide ? Op::Div : Op::Mul;
        auto number = [](const Type& t) { return t.kind == TypeKind::Number; };
        auto money = [](const Type& t) { return t.kind == TypeKind::Money; };
        if (number(lt) && number(rt)) return emit(make(code, false, lt, l, r), n);
        if (money(lt) && number(rt)) return emit(make(code, false, lt, l, r), n);
        if (number(lt) && money(rt) && !divide) return emit(make(code, false, rt, l, r), n);
        if (money(lt) && money(rt) && divide && same_type(lt, rt))
            return emit(make(code, false, Type{TypeKind::Number}, l, r), n);
        std::string hint;
        if (money(lt) && money(rt))
            hint = divide ? "both amounts must be in one currency"
                          : "multiply money by a number or a percentage, as in `price * 2%`";
        else if (number(lt) && money(rt))
            hint = "a number cannot be divided by money; divide the money instead";
        else
            hint = "`*` and `/` take numbers and money";
        error(DiagnosticCode::type_mismatch, n,
              "cannot compute `" + text_of(ln) + "` (" + describe(deal(), lt) + ") " +
                  (divide ? "/" : "*") + " `" + text_of(rn) + "` (" + describe(deal(), rt) + ")",
              hint);
        return bad;
    }

    // A sub-expression lowered into its own program: an aggregate's `where` or window.
    std::optional<Program> nested(std::uint32_t node, const Scope& inner_scope, TypeKind expected,
                                  const std::string& role) {
        Program p;
        State inner{self, src, tree, inner_scope, source_id, p, active_definitions, expansion};
        auto root = inner.lower(node, std::nullopt);
        if (inner.failed || root == bad) {
            failed = true;
            return std::nullopt;
        }
        if (p.code[root].type.kind != expected) {
            error(DiagnosticCode::type_mismatch, tree.at(node),
                  role + " must be " + describe(deal(), Type{expected}) + ", but `" +
                      text_of(tree.at(node)) + "` is " + describe(deal(), p.code[root].type));
            return std::nullopt;
        }
        p.root = root;
        sort_unique(p.facts);
        sort_unique(p.attributes);
        return p;
    }

    // `pay.amount` for a sum, `pay` for a count: the action and the attribute.
    bool aggregate_target(const syntax::Node& n, bool count, compiler::Aggregate& a) {
        auto dot = n.text.find('.');
        std::string action_id = n.text.substr(0, dot);
        const auto& actions = deal().actions;
        auto it = std::find_if(actions.begin(), actions.end(),
                               [&](const auto& k) { return k.id == action_id; });
        if (it == actions.end()) {
            error(DiagnosticCode::unknown_action, n, "unknown action `" + action_id + "`",
                  util::did_you_mean(action_id, model::ids_of(actions)));
            return false;
        }
        a.action = static_cast<std::uint32_t>(it - actions.begin());
        if (count) {
            if (dot == std::string::npos) return true;
            error(DiagnosticCode::invalid_aggregate, n, "`count` counts events, not an attribute",
                  "write `count(" + action_id + ")`, or `sum(" + n.text + ")` for a total");
            return false;
        }
        if (dot == std::string::npos) {
            error(DiagnosticCode::invalid_aggregate, n, "`sum` needs the attribute to add up",
                  "write `sum(" + action_id + ".amount)` with one of its attributes, or `count(" +
                      action_id + ")` for the number of events");
            return false;
        }
        std::string attribute_id = n.text.substr(dot + 1);
        for (const auto& attribute : it->attributes)
            if (attribute.id == attribute_id) {
                if (attribute.type.kind != TypeKind::Number &&
                    attribute.type.kind != TypeKind::Money) {
                    error(DiagnosticCode::invalid_aggregate, n,
                          "`sum` adds numbers or money, but `" + n.text + "` is " +
                              describe(deal(), attribute.type),
                          "use `count(" + action_id + " where ...)` to count events");
                    return false;
                }
                a.attribute = attribute.global;
                a.zero = attribute.type.kind == TypeKind::Money
                             ? Value::money({0, attribute.type.currency})
                             : Value::number({});
                return true;
            }
        std::vector<std::string> ids;
        for (const auto& attribute : it->attributes)
            ids.push_back(attribute.id);
        error(DiagnosticCode::unknown_attribute, n,
              "action `" + action_id + "` has no attribute `" + attribute_id + "`",
              util::did_you_mean(attribute_id, ids));
        return false;
    }

    bool aggregate_window(const syntax::Node& w, compiler::Aggregate& a) {
        const auto& operand = tree.at(w.children[0]);
        if (w.text == "during") {
            if (operand.kind == NodeKind::Name && operand.text == "term") {
                a.window = compiler::WindowKind::Term;
                return true;
            }
            if (operand.kind == NodeKind::Name && operand.text == "year") {
                a.window = compiler::WindowKind::Year;
                return true;
            }
            error(DiagnosticCode::invalid_aggregate, operand,
                  "unknown window `" + text_of(operand) + "`",
                  "write `during term` (since the clause came into force), `during year` (the "
                  "calendar year), `within 1y` or `since 2026-01-01`");
            return false;
        }
        Scope constant;
        constant.attributes = false;
        constant.facts = false;
        constant.today = false;
        constant.aggregates = false;
        constant.effective = scope.effective;
        constant.context = "the window";
        bool within = w.text == "within";
        auto p = nested(w.children[0], constant, within ? TypeKind::Duration : TypeKind::Date,
                        "`" + w.text + "`");
        if (!p) return false;
        Value v = evaluator::evaluate(*p, evaluator::Env{});
        if (within) {
            a.window = compiler::WindowKind::Within;
            a.within = v.as_duration();
            if (a.within.months < 0 || a.within.days < 0 ||
                (a.within.months == 0 && a.within.days == 0)) {
                error(DiagnosticCode::invalid_aggregate, operand,
                      "`within` needs a positive duration", "as in `within 1y`");
                return false;
            }
        } else {
            a.window = compiler::WindowKind::Since;
            a.since = v.as_date();
        }
        return true;
    }

    std::uint32_t aggregate(const syntax::Node& n) {
        bool count = n.text == "count";
        if (!scope.aggregates || !scope.attributes) {
            error(DiagnosticCode::not_allowed_here, n, "`" + n.text + "` cannot be used here",
                  "sums and counts over the history are used in conditions (`when`)");
            return bad;
        }
        compiler::Aggregate a;
        a.zero = Value::number({});
        a.count = count;
        if (!aggregate_target(tree.at(n.children[0]), count, a)) return bad;
        if (n.children[1] != syntax::no_child) {
            const auto& by = tree.at(n.children[1]);
            const auto* party = lookup(self.names_.parties, by.text);
            if (!party) {
                error(DiagnosticCode::unknown_party, by, "unknown party `" + by.text + "`",
                      util::did_you_mean(by.text, model::ids_of(deal().parties)));
                return bad;
            }
            a.party = *party;
        }
        if (n.children[2] != syntax::no_child) {
            Scope event;
            event.actions = {a.action};
            event.facts = false;
            event.today = false;
            event.aggregates = false;
            event.context = "the `where` of `" + n.text + "`";
            event.restriction = "a `where` condition reads only the attributes of the event";
            auto filter = nested(n.children[2], event, TypeKind::Bool, "the `where` condition");
            if (!filter) return bad;
            a.filter = std::move(*filter);
        }
        if (n.children[3] != syntax::no_child && !aggregate_window(tree.at(n.children[3]), a))
            return bad;
        // The asked action counts in when it is of the aggregate's kind: then its
        // attributes matter to the condition.
        bool asks_same_kind =
            scope.actions.empty() ||
            std::find(scope.actions.begin(), scope.actions.end(), a.action) != scope.actions.end();
        if (asks_same_kind) {
            out.attributes.insert(out.attributes.end(), a.filter.attributes.begin(),
                                  a.filter.attributes.end());
            if (!count) out.attributes.push_back(a.attribute);
        }
        Type t = a.zero.kind == ValueKind::Money
                     ? Type{TypeKind::Money, 0, a.zero.as_money().currency}
                     : Type{TypeKind::Number};
        Instr in = make(Op::Aggregate, false, t);
        in.slot = static_cast<std::uint32_t>(out.aggregates.size());
        out.aggregates.push_back(std::move(a));
        return emit(in, n);
    }

    // `min` or `max`: the grammar reads no other call (an unknown function is its error).
    std::uint32_t call(const syntax::Node& n) {
        std::vector<std::uint32_t> items;
        for (auto c : n.children)
            items.push_back(lower(c, std::nullopt));
        if (std::find(items.begin(), items.end(), bad) != items.end()) return bad;
        if (items.empty()) {
            error(DiagnosticCode::wrong_arguments, n,
                  "`" + n.text + "` needs at least one argument");
            return bad;
        }
        const Type t = type(items[0]);
        if (!orderable(t.kind)) {
            error(DiagnosticCode::type_mismatch, tree.at(n.children[0]),
                  "`" + n.text + "` needs numbers, money or dates; `" +
                      text_of(tree.at(n.children[0])) + "` is " + describe(deal(), t));
            return bad;
        }
        for (std::size_t k = 1; k < items.size(); ++k)
            if (!same_type(t, type(items[k]))) {
                const auto& c = tree.at(n.children[k]);
                error(DiagnosticCode::wrong_arguments, c,
                      "`" + n.text + "` arguments must have one type: `" + text_of(c) + "` is " +
                          describe(deal(), type(items[k])) + ", not " + describe(deal(), t));
                return bad;
            }
        auto first = static_cast<std::uint32_t>(out.args.size());
        out.args.insert(out.args.end(), items.begin(), items.end());
        Instr in = make(n.text == "min" ? Op::Min : Op::Max, false, t, 0,
                        static_cast<std::uint32_t>(items.size()));
        in.slot = first;
        return emit(in, n);
    }

    std::uint32_t list(const syntax::Node& n, std::optional<std::uint32_t> expected_enum) {
        std::vector<std::uint32_t> items;
        for (auto c : n.children)
            items.push_back(lower(c, expected_enum));
        if (std::find(items.begin(), items.end(), bad) != items.end()) return bad;
        Type t{TypeKind::List};
        if (!items.empty()) {
            t.element = type(items[0]).kind;
            t.enum_index = type(items[0]).enum_index;
        }
        auto first = static_cast<std::uint32_t>(out.args.size());
        out.args.insert(out.args.end(), items.begin(), items.end());
        // A list is only an operand of `in`; its instruction is never evaluated alone.
        Instr in = make(Op::Const, false, t, 0, static_cast<std::uint32_t>(items.size()));
        in.slot = first;
        return emit(in, n);
    }

    // Reported once, by check_tree, at the expression's root.
    std::uint32_t lower(std::uint32_t index, std::optional<std::uint32_t> expected_enum) {
        if (expansion.depth >= limits::max_expression_depth) expansion.too_deep = true;
        if (++expansion.nodes > limits::max_condition_size) expansion.too_large = true;
        if (expansion.stopped()) {
            failed = true;
            return bad;
        }
        ++expansion.depth;
        auto r = lower_node(index, expected_enum);
        --expansion.depth;
        return r;
    }

    std::uint32_t lower_node(std::uint32_t index, std::optional<std::uint32_t> expected_enum) {
        const auto& n = tree.at(index);
        switch (n.kind) {
        case NodeKind::Literal:
            return literal(n);
        case NodeKind::Name:
            return name(n, expected_enum);
        case NodeKind::List:
            return list(n, expected_enum);
        case NodeKind::Call:
            return call(n);
        case NodeKind::Aggregate:
            return aggregate(n);
        case NodeKind::Window:
            return bad; // only inside an aggregate, read there
        case NodeKind::Not: {
            auto a = lower(n.children[0], std::nullopt);
            if (!expect(a, TypeKind::Bool, tree.at(n.children[0]), "the operand of `not`"))
                return bad;
            return emit(make(Op::Not, false, Type{TypeKind::Bool}, a), n);
        }
        case NodeKind::Binary:
            return binary(n);
        }
        return bad;
    }
};

ExprChecker::ExprChecker(const model::Deal& deal, Diagnostics& diags) : deal_(deal), diags_(diags) {
    // The first of equal names wins, as it would in a scan; duplicates are errors anyway.
    auto index = [](auto& map, const auto& items) {
        for (std::uint32_t i = 0; i < items.size(); ++i)
            map.emplace(items[i].id, i);
    };
    index(names_.attributes, deal.attributes);
    index(names_.facts, deal.facts);
    index(names_.definitions, deal.definitions);
    index(names_.parties, deal.parties);
    index(names_.enums, deal.enums);
    for (std::uint32_t e = 0; e < deal.enums.size(); ++e)
        for (std::uint32_t v = 0; v < deal.enums[e].values.size(); ++v)
            names_.enum_values[deal.enums[e].values[v].id].emplace_back(e, v);
    auto add_all = [&](const std::vector<std::string>& ids) {
        names_.all.insert(names_.all.end(), ids.begin(), ids.end());
    };
    add_all(model::ids_of(deal.attributes));
    add_all(model::ids_of(deal.facts));
    add_all(model::ids_of(deal.definitions));
    add_all(model::ids_of(deal.parties));
    for (const auto& e : deal.enums)
        add_all(model::ids_of(e.values));
    for (const auto& d : deal.definitions) {
        auto parsed = syntax::parse_expression(d.source.text);
        if (auto* err = std::get_if<syntax::SyntaxError>(&parsed)) {
            Diagnostic diag(err->code);
            diag.where = locate(deal, d.source, err->offset);
            diag.message = err->message + " in definition `" + d.id + "`";
            diag.hint = err->hint;
            diag.span = static_cast<int>(err->length);
            diag.source_line = model::source_line(deal, diag.where.file, diag.where.line);
            diags_.add(std::move(diag));
            definition_trees_.emplace_back();
            definition_ok_.push_back(false);
        } else {
            definition_trees_.push_back(std::move(std::get<syntax::ExprTree>(parsed)));
            definition_ok_.push_back(true);
        }
    }
}

std::optional<Program> ExprChecker::check(const model::ExprSource& src, const Scope& scope,
                                          TypeKind expected) {
    auto parsed = syntax::parse_expression(src.text);
    if (auto* err = std::get_if<syntax::SyntaxError>(&parsed)) {
        Diagnostic diag(err->code);
        diag.where = locate(deal_, src, err->offset);
        diag.message = err->message + (scope.context.empty() ? "" : " in " + scope.context);
        diag.hint = err->hint;
        diag.span = static_cast<int>(err->length);
        diag.source_line = model::source_line(deal_, diag.where.file, diag.where.line);
        diags_.add(std::move(diag));
        return std::nullopt;
    }
    return check_tree(src, std::get<syntax::ExprTree>(parsed), scope, expected);
}

std::optional<Program> ExprChecker::check_tree(const model::ExprSource& src,
                                               const syntax::ExprTree& tree, const Scope& scope,
                                               TypeKind expected) {
    Program program;
    std::vector<std::uint32_t> active;
    Expansion expansion;
    State state{*this, src, tree, scope, 0, program, active, expansion};
    auto root = state.lower(tree.root, std::nullopt);
    std::string where = scope.context.empty() ? std::string("the expression") : scope.context;
    if (expansion.too_deep)
        state.error(DiagnosticCode::expression_too_large, tree.at(tree.root),
                    where + " nests deeper than " + std::to_string(limits::max_expression_depth) +
                        " levels, with its definitions expanded",
                    "a long chain of operators nests too: use `in [...]` for many alternatives");
    else if (expansion.too_large)
        state.error(
            DiagnosticCode::expression_too_large, tree.at(tree.root),
            where + " is larger than " + std::to_string(limits::max_condition_size) +
                " operations with its definitions expanded",
            "definitions are expanded where they are used; one naming another twice doubles it");
    if (state.failed || root == State::bad) return std::nullopt;
    if (program.code[root].type.kind == TypeKind::List) {
        state.error(DiagnosticCode::lone_list, tree.at(tree.root), "a list cannot stand alone",
                    "lists are used on the right of `in`");
        return std::nullopt;
    }
    if (expected != TypeKind::Error && program.code[root].type.kind != expected) {
        state.error(DiagnosticCode::type_mismatch, tree.at(tree.root),
                    (scope.context.empty() ? std::string("the expression") : scope.context) +
                        " must be " + describe(deal_, Type{expected}) + ", but `" +
                        state.text_of(tree.at(tree.root)) + "` is " +
                        describe(deal_, program.code[root].type));
        return std::nullopt;
    }
    program.root = root;
    sort_unique(program.facts);
    sort_unique(program.attributes);
    // Kept for the life of the deal, one or more per clause: no room to grow.
    program.code.shrink_to_fit();
    program.args.shrink_to_fit();
    program.facts.shrink_to_fit();
    program.attributes.shrink_to_fit();
    return program;
}

} // namespace dealcheck::checker
