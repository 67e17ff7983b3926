// The expression and phrase grammars (see grammar.hpp) in Boost.Spirit X3.
//
// X3 recognises tokens and structure; plain functions convert token text to values.
// Expression nodes are built by semantic actions into a TreeBuilder reached through
// the parse context, phrase items into a PhraseState. Both grammars share the literal
// rules. Character classes are ASCII ranges only: x3::space/alnum/alpha hand bytes
// >= 0x80 to std::isxxx, which is undefined behaviour.
#include "syntax/grammar.hpp"

#include <algorithm>
#include <array>
#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>
#include <limits>
#include <optional>

namespace dealcheck::syntax {

struct Lexicon::Impl {
    boost::spirit::x3::symbols<std::uint32_t> words; // entry phrase -> index into entries_
};

namespace {

namespace x3 = boost::spirit::x3;
using boost::fusion::at_c;
using It = const char*;
using Range = boost::iterator_range<It>;

// ---- Characters --------------------------------------------------------------

constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
constexpr bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}
// Lexicon entries and phrase keywords must be followed by a character outside [a-z0-9_-].
constexpr bool is_phrase_word_char(char c) {
    return is_ident_char(c) || c == '-';
}
constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_space(s[pos]))
        ++pos;
    return pos;
}

std::string_view text_of(Range r) {
    return {r.begin(), r.size()};
}

constexpr std::array<char const*, 8> keywords = {"and",  "or",    "not", "in",
                                                 "true", "false", "min", "max"};
bool is_keyword(std::string_view word) {
    for (auto k : keywords)
        if (k == word) return true;
    return false;
}

// ---- Literal values ----------------------------------------------------------

// A token that has the shape of a literal but no valid value ("2030-02-30", an
// overflowing amount). It ends the parse with a located message.
struct LiteralError {
    It where;
    std::size_t length;
    std::string message;
    std::string hint;
};

[[noreturn]] void reject(Range r, std::string message, std::string hint = {}) {
    throw LiteralError{r.begin(), r.size(), std::move(message), std::move(hint)};
}

struct LiteralToken {
    Literal literal;
    It first = nullptr;
    It last = nullptr;
};

Literal make_literal(LiteralKind kind) {
    Literal lit;
    lit.kind = kind;
    return lit;
}

Literal date_literal(Range r) {
    auto date = parse_date(text_of(r));
    if (!date) reject(r, "impossible date " + std::string(text_of(r)));
    Literal lit = make_literal(LiteralKind::Date);
    lit.date = *date;
    return lit;
}

// Exact decimal arithmetic: "1.5M EUR" is 150'000'000 cents, never a rounded double.
// The amount's digits are read up to the cents point; any digit past it must be zero.
Literal money_value(std::string_view text, Range r) {
    std::size_t int_end = text.find_first_not_of("0123456789");
    std::string digits(text.substr(0, int_end));
    std::int64_t point = static_cast<std::int64_t>(digits.size()) + 2; // the cents point
    std::size_t pos = int_end;
    if (text[pos] == '.') {
        std::size_t frac_end = text.find_first_not_of("0123456789", pos + 1);
        digits += text.substr(pos + 1, frac_end - pos - 1);
        pos = frac_end;
    }
    if (text[pos] == 'e' || text[pos] == 'E') {
        bool negative = text[pos + 1] == '-';
        pos += text[pos + 1] == '-' || text[pos + 1] == '+' ? 2 : 1;
        std::int64_t exponent = 0; // saturated: far beyond any amount that fits
        for (; is_digit(text[pos]); ++pos)
            exponent = std::min<std::int64_t>(exponent * 10 + (text[pos] - '0'), 1'000'000);
        point += negative ? -exponent : exponent;
    } else if (auto unit = std::string_view("KMBT").find(text[pos]);
               unit != std::string_view::npos) {
        point += static_cast<std::int64_t>(3 * (unit + 1));
        ++pos;
    }
    Literal lit = make_literal(LiteralKind::Money);
    lit.money.currency = make_currency(text.substr(skip_spaces(text, pos), 3));

    bool overflow = false;
    for (std::int64_t i = 0; i < point && !overflow; ++i) {
        bool past_digits = static_cast<std::size_t>(i) >= digits.size();
        if (past_digits && lit.money.cents == 0) break; // "0e999999 USD": zeros stay zero
        char d = past_digits ? '0' : digits[static_cast<std::size_t>(i)];
        overflow = __builtin_mul_overflow(lit.money.cents, 10, &lit.money.cents) ||
                   __builtin_add_overflow(lit.money.cents, d - '0', &lit.money.cents);
    }
    if (overflow)
        reject(r, "money amount " + std::string(text_of(r)) + " is too large",
               "amounts are exact up to 92233720368547758.07 of a currency");
    std::size_t cents_end = static_cast<std::size_t>(std::max<std::int64_t>(point, 0));
    if (cents_end < digits.size() && digits.find_first_not_of('0', cents_end) != std::string::npos)
        reject(r, "money amount " + std::string(text_of(r)) + " has fractions of a cent",
               "amounts are whole cents; dealcheck never rounds");
    return lit;
}

Literal money_literal(Range r) {
    return money_value(text_of(r), r);
}

Literal duration_literal(Range r) {
    constexpr std::int64_t limit = std::numeric_limits<std::int32_t>::max();
    std::string_view text = text_of(r);
    std::size_t digits = text.find_first_not_of("0123456789");
    std::string_view unit = text.substr(digits);
    std::int64_t count = 0;
    for (char d : text.substr(0, digits)) {
        count = count * 10 + (d - '0');
        if (count > limit) break;
    }
    std::int64_t factor = unit == "y" ? 12 : unit == "w" ? 7 : 1;
    if (count > limit / factor) reject(r, "duration " + std::string(text) + " is too long");
    Literal lit = make_literal(LiteralKind::Duration);
    auto value = static_cast<std::int32_t>(count * factor);
    if (unit == "y" || unit == "mo")
        lit.duration.months = value;
    else
        lit.duration.days = value;
    return lit;
}

// "2%", "1.5%" in an expression: the number divided by a hundred, exactly. (In a
// question, "20%" is 20 with the unit "%": see push_percent.)
Literal fraction_literal(Range r) {
    Literal lit = make_literal(LiteralKind::Number);
    NumberError error;
    auto n = parse_number(text_of(r).substr(0, r.size() - 1), error);
    if (n) n = make_number(n->mantissa, static_cast<std::int64_t>(n->exponent) - 2);
    if (!n) reject(r, "percentage " + std::string(text_of(r)) + " cannot be held exactly");
    lit.number = *n;
    lit.percent = true;
    return lit;
}

Literal number_literal(Range r) {
    Literal lit = make_literal(LiteralKind::Number);
    NumberError error;
    auto n = parse_number(text_of(r), error);
    if (!n) reject(r, std::move(error.message), std::move(error.hint));
    lit.number = *n;
    return lit;
}

// The grammar has already checked that every backslash escapes `"` or `\`.
Literal string_literal(Range r) {
    Literal lit = make_literal(LiteralKind::String);
    std::string_view text = text_of(r);
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\') ++i;
        lit.string += text[i];
    }
    return lit;
}

Literal bool_literal(bool value) {
    Literal lit = make_literal(LiteralKind::Bool);
    lit.boolean = value;
    return lit;
}

Literal bool_literal_of(Range r) {
    return bool_literal(text_of(r) == "true");
}

// ---- Tokens shared by both grammars -----------------------------------------

auto const space_char = x3::char_(" \t\r\n");
auto const skipper = space_char;
auto const digit = x3::char_('0', '9');
auto const ident_char = x3::char_('a', 'z') | x3::char_('A', 'Z') | digit | x3::char_('_');
auto const decimal = +digit >> -('.' >> +digit);
auto const exponent = x3::char_("eE") >> -x3::char_("+-") >> +digit;

x3::symbols<> const keyword_symbols(keywords);
auto const keyword = x3::lexeme[keyword_symbols >> !ident_char];
// `order`, `notice`, `inner` are names: a keyword must end at a word boundary.
auto kw(char const* word) {
    return x3::lexeme[x3::lit(word) >> !ident_char];
}
auto const ident = !keyword >> (x3::char_('a', 'z') | x3::char_('A', 'Z') | '_') >> *ident_char;

// Like x3::raw, but the attribute is a real iterator_range, so it can sit in a
// sequence next to other attributes (x3::raw's is a placeholder type there).
template <typename Subject>
struct span_directive : x3::unary_parser<Subject, span_directive<Subject>> {
    using attribute_type = Range;

    constexpr explicit span_directive(Subject const& subject)
        : x3::unary_parser<Subject, span_directive<Subject>>(subject) {}

    template <typename Context, typename RContext, typename Attribute>
    bool parse(It& first, It const& last, Context const& ctx, RContext& rctx,
               Attribute& attr) const {
        x3::skip_over(first, last, ctx);
        It end = first;
        if (!this->subject.parse(end, last, ctx, rctx, x3::unused)) return false;
        x3::traits::move_to(Range(first, end), attr);
        first = end;
        return true;
    }
};

struct span_gen {
    template <typename Subject> constexpr auto operator[](Subject const& subject) const {
        return span_directive<typename x3::extension::as_parser<Subject>::value_type>(
            x3::as_parser(subject));
    }
};
constexpr span_gen span{};

// Semantic action storing the matched range, converted, as a LiteralToken.
auto to_token(Literal (*convert)(Range)) {
    return [convert](auto& ctx) {
        Range r = x3::_attr(ctx);
        x3::_val(ctx) = LiteralToken{convert(r), r.begin(), r.end()};
    };
}

x3::rule<class date_tail_> const date_tail = "a date in the form YYYY-MM-DD";
x3::rule<class date_, LiteralToken> const date = "a date";
x3::rule<class money_, LiteralToken> const money = "a money amount";
x3::rule<class duration_, LiteralToken> const duration = "a duration";
x3::rule<class number_, LiteralToken> const number = "a number";
x3::rule<class fraction_, LiteralToken> const fraction = "a percentage";
x3::rule<class escape_> const escape = "`\"` or `\\` after `\\`";
x3::rule<class close_quote_> const close_quote = "`\"`";
x3::rule<class string_, LiteralToken> const string = "a string";
x3::rule<class literal_, LiteralToken> const literal = "a literal";
x3::rule<class name_token_, Range> const name_token = "a name";

auto const date_tail_def = x3::repeat(2)[digit] >> '-' >> x3::repeat(2)[digit] >> !ident_char;
// Committed once "dddd-d" is seen, so 2024-1-1 is a malformed date, not a subtraction.
auto const date_def =
    span[x3::lexeme[(x3::repeat(4)[digit] >> '-' >> &digit) > date_tail]][to_token(date_literal)];
// "3B USD", "1.5e9 USD": the unit or exponent is attached to the number, the currency
// follows whitespace.
auto const money_def =
    span[x3::lexeme[decimal >> -(exponent | x3::char_("KMBT")) >> +space_char >>
                    x3::repeat(3)[x3::char_('A', 'Z')] >> !ident_char]][to_token(money_literal)];
auto const duration_def =
    span[x3::lexeme[+digit >> (x3::lit("mo") | 'y' | 'w' | 'd') >> !ident_char]]
        [to_token(duration_literal)];
auto const number_def =
    span[x3::lexeme[decimal >> -exponent >> !ident_char]][to_token(number_literal)];
auto const fraction_def = span[x3::lexeme[decimal >> '%']][to_token(fraction_literal)];
auto const escape_def = x3::lit('"') | '\\';
auto const close_quote_def = x3::lit('"');
auto const string_def =
    span[x3::lexeme[('"' >> *(('\\' > escape) | (x3::char_ - '"' - '\\'))) > close_quote]]
        [to_token(string_literal)];
// Order matters: a date starts like a number, money like a number or a duration.
auto const literal_def = date | money | duration | fraction | number | string;
auto const name_token_def = span[x3::lexeme[ident >> *('.' >> ident)]];

BOOST_SPIRIT_DEFINE(date_tail, date, money, duration, number, fraction, escape, close_quote, string,
                    literal, name_token)

// ---- Expressions -------------------------------------------------------------

struct builder_tag;

// The flat tree under construction. Node spans come from the tokens; a composite
// node spans from its first to its last child or bracket.
struct TreeBuilder {
    std::string_view text;
    std::vector<Node> nodes;
    std::optional<SyntaxError> error;

    std::uint32_t offset(It p) const { return static_cast<std::uint32_t>(p - text.data()); }
    std::uint32_t end(std::uint32_t n) const { return nodes[n].offset + nodes[n].length; }

    std::uint32_t add(NodeKind kind, std::uint32_t first, std::uint32_t last) {
        Node& node = nodes.emplace_back();
        node.kind = kind;
        node.offset = first;
        node.length = last - first;
        return static_cast<std::uint32_t>(nodes.size() - 1);
    }
    std::uint32_t literal(LiteralToken token) {
        auto n = add(NodeKind::Literal, offset(token.first), offset(token.last));
        nodes[n].literal = std::move(token.literal);
        return n;
    }
    std::uint32_t name(Range r) {
        auto n = add(NodeKind::Name, offset(r.begin()), offset(r.end()));
        nodes[n].text = text_of(r);
        return n;
    }
    std::uint32_t binary(BinaryOp op, std::uint32_t lhs, std::uint32_t rhs) {
        auto n = add(NodeKind::Binary, nodes[lhs].offset, end(rhs));
        nodes[n].op = op;
        nodes[n].children = {lhs, rhs};
        return n;
    }
    std::uint32_t negation(Range keyword, std::uint32_t operand) {
        auto n = add(NodeKind::Not, offset(keyword.begin()), end(operand));
        nodes[n].children = {operand};
        return n;
    }
    std::uint32_t bracketed(NodeKind kind, Range open, std::vector<std::uint32_t> children,
                            Range close) {
        auto n = add(kind, offset(open.begin()), offset(close.end()));
        nodes[n].children = std::move(children);
        return n;
    }
    std::uint32_t aggregate(Range function, std::vector<std::uint32_t> parts, Range close) {
        auto n = bracketed(NodeKind::Aggregate, function, std::move(parts), close);
        nodes[n].text = text_of(function);
        return n;
    }
    std::uint32_t window(Range keyword, std::uint32_t operand) {
        auto n = add(NodeKind::Window, offset(keyword.begin()), end(operand));
        nodes[n].text = text_of(keyword);
        nodes[n].children = {operand};
        return n;
    }
    // A parenthesised expression keeps its node, widened to cover the parentheses.
    std::uint32_t enclose(Range open, std::uint32_t n, Range close) {
        nodes[n].offset = offset(open.begin());
        nodes[n].length = offset(close.end()) - nodes[n].offset;
        return n;
    }
};

template <typename Context> TreeBuilder& builder(Context const& ctx) {
    return x3::get<builder_tag>(ctx);
}

// The token found where parsing stopped, for messages and hints.
std::string_view token_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return {};
    std::size_t end = pos + 1;
    if (is_ident_char(text[pos])) {
        while (end < text.size() && is_ident_char(text[end]))
            ++end;
    } else if (end < text.size()) {
        static constexpr std::array<std::string_view, 6> pairs = {
            "==", "!=", "<=", ">=", "&&", "||"};
        for (auto p : pairs)
            if (text.substr(pos, 2) == p) end = pos + 2;
    }
    return text.substr(pos, end - pos);
}

std::string hint_for(std::string_view found, std::string_view expected) {
    if (found == "=") return "use `==` to compare";
    if (found == "&&") return "write `and`";
    if (found == "||") return "write `or`";
    if (found == "!") return "write `not`";
    bool comparison = found == "==" || found == "!=" || found == "<" || found == "<=" ||
                      found == ">" || found == ">=";
    if (comparison && expected != "an expression")
        return "comparisons do not chain: combine them with `and`";
    if (expected == "an expression" && is_keyword(found))
        return "`" + std::string(found) + "` is a keyword and cannot be a name";
    if (!found.empty() && static_cast<unsigned char>(found[0]) >= 0x80)
        return "non-ASCII characters are only allowed inside strings";
    return {};
}

SyntaxError expected_error(std::string_view text, std::size_t where, std::string const& what) {
    std::size_t pos = skip_spaces(text, where);
    std::string_view found = token_at(text, pos);
    SyntaxError error;
    error.offset = static_cast<std::uint32_t>(pos);
    error.length = static_cast<std::uint32_t>(std::max<std::size_t>(found.size(), 1));
    if (what == "end of expression" && (found == ")" || found == "]"))
        error.message = "unexpected `" + std::string(found) + "`";
    else
        error.message = "expected " + what;
    error.hint = hint_for(found, what);
    // `mx(a, b)`: a name right before `(` is a call of a function that does not exist.
    if (what == "end of expression" && found == "(") {
        std::size_t start = pos;
        while (start > 0 && is_ident_char(text[start - 1]))
            --start;
        std::string_view name = text.substr(start, pos - start);
        if (!name.empty() && !is_digit(name[0]) && !is_keyword(name)) {
            error.offset = static_cast<std::uint32_t>(start);
            error.length = static_cast<std::uint32_t>(name.size());
            error.code = DiagnosticCode::unknown_function;
            error.message = "unknown function `" + std::string(name) + "`";
            error.hint = "the functions are `min`, `max`, `sum` and `count`";
        }
    }
    return error;
}

// Only the start rule handles expectation failures; every `>` below it names what
// was expected through the rule it expects.
struct start_id {
    template <typename Exception, typename Context>
    x3::error_handler_result on_error(It&, It const&, Exception const& x, Context const& ctx) {
        TreeBuilder& b = builder(ctx);
        b.error = expected_error(b.text, b.offset(x.where()), x.which());
        return x3::error_handler_result::fail;
    }
};

// ---- Expression actions

auto const keep = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };
auto fold(BinaryOp op) {
    return
        [op](auto& ctx) { x3::_val(ctx) = builder(ctx).binary(op, x3::_val(ctx), x3::_attr(ctx)); };
}
auto const fold_op = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    x3::_val(ctx) = builder(ctx).binary(at_c<0>(attr), x3::_val(ctx), at_c<1>(attr));
};
// `not not x` is parsed as a list of keywords, so a long chain cannot recurse.
auto const make_not = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    std::uint32_t node = at_c<1>(attr);
    auto const& nots = at_c<0>(attr);
    for (auto it = nots.rbegin(); it != nots.rend(); ++it)
        node = builder(ctx).negation(*it, node);
    x3::_val(ctx) = node;
};
auto const make_paren = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    x3::_val(ctx) = builder(ctx).enclose(at_c<0>(attr), at_c<1>(attr), at_c<2>(attr));
};
auto const make_list = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    x3::_val(ctx) = builder(ctx).bracketed(NodeKind::List, at_c<0>(attr), std::move(at_c<1>(attr)),
                                           at_c<2>(attr));
};
auto const make_call = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    auto& b = builder(ctx);
    auto n = b.bracketed(NodeKind::Call, at_c<0>(attr), std::move(at_c<1>(attr)), at_c<2>(attr));
    b.nodes[n].text = text_of(at_c<0>(attr));
    x3::_val(ctx) = n;
};
auto const make_aggregate = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    x3::_val(ctx) = builder(ctx).aggregate(
        at_c<0>(attr), {at_c<1>(attr), at_c<2>(attr), at_c<3>(attr), at_c<4>(attr)}, at_c<5>(attr));
};
auto const make_window = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    x3::_val(ctx) = builder(ctx).window(at_c<0>(attr), at_c<1>(attr));
};
auto const make_literal_node = [](auto& ctx) {
    x3::_val(ctx) = builder(ctx).literal(std::move(x3::_attr(ctx)));
};
auto const make_name = [](auto& ctx) { x3::_val(ctx) = builder(ctx).name(x3::_attr(ctx)); };
auto const reject_suffix = [](auto& ctx) {
    Range r = x3::_attr(ctx);
    reject(r, "`" + std::string(text_of(r)) + "` is not a number, duration or money amount",
           "durations are written 7y, 18mo, 2w or 30d; money as 3B USD or 250000 EUR");
};

// ---- Expression rules

x3::symbols<BinaryOp> const comparison_symbols({{"==", BinaryOp::Eq},
                                                {"!=", BinaryOp::Ne},
                                                {"<", BinaryOp::Lt},
                                                {"<=", BinaryOp::Le},
                                                {">", BinaryOp::Gt},
                                                {">=", BinaryOp::Ge}});

x3::rule<start_id, std::uint32_t> const start = "an expression";
x3::rule<class expr_, std::uint32_t> const expr = "an expression";
x3::rule<class or_, std::uint32_t> const or_expr = "an expression";
x3::rule<class and_, std::uint32_t> const and_expr = "an expression";
x3::rule<class not_, std::uint32_t> const not_expr = "an expression";
x3::rule<class nots_, std::vector<Range>> const nots = "`not`";
x3::rule<class compare_, std::uint32_t> const compare = "an expression";
x3::rule<class comparison_, BinaryOp> const comparison = "a comparison";
x3::rule<class in_keyword_> const in_keyword = "`in`";
x3::rule<class sum_, std::uint32_t> const sum = "an expression";
x3::rule<class additive_, BinaryOp> const additive = "`+` or `-`";
x3::rule<class product_, std::uint32_t> const product = "an expression";
x3::rule<class multiplicative_, BinaryOp> const multiplicative = "`*` or `/`";
x3::rule<class primary_, std::uint32_t> const primary = "an expression";
x3::rule<class paren_, std::uint32_t> const paren = "an expression";
x3::rule<class list_, std::uint32_t> const list = "a list";
x3::rule<class items_, std::vector<std::uint32_t>> const items = "an expression";
x3::rule<class call_, std::uint32_t> const call = "a call";
x3::rule<class aggregate_, std::uint32_t> const aggregate = "a sum or count";
x3::rule<class aggregate_by_, std::uint32_t> const aggregate_by = "a party";
x3::rule<class aggregate_where_, std::uint32_t> const aggregate_where = "a condition";
x3::rule<class aggregate_window_, std::uint32_t> const aggregate_window = "a window";
x3::rule<class window_, std::uint32_t> const window = "`during`, `within` or `since`";
x3::rule<class aggregate_end_, Range> const aggregate_end = "`by`, `where`, `,` or `)`";
x3::rule<class open_paren_> const open_paren = "`(`";
x3::rule<class close_paren_, Range> const close_paren = "`)`";
x3::rule<class list_end_, Range> const list_end = "`,` or `]`";
x3::rule<class call_end_, Range> const call_end = "`,` or `)`";
x3::rule<class bad_number_, LiteralToken> const bad_number = "a number";
x3::rule<class boolean_, LiteralToken> const boolean = "`true` or `false`";
x3::rule<class expr_literal_, LiteralToken> const expr_literal = "a literal";
x3::rule<class literal_node_, std::uint32_t> const literal_node = "a literal";
x3::rule<class name_node_, std::uint32_t> const name_node = "a name";
x3::rule<class end_> const end = "end of expression";

// Non-recursive start rule: empty input and trailing junk are expectation failures.
auto const start_def = x3::eps > expr > end;
auto const expr_def = or_expr;
auto const or_expr_def = and_expr[keep] >> *(kw("or") > and_expr)[fold(BinaryOp::Or)];
auto const and_expr_def = not_expr[keep] >> *(kw("and") > not_expr)[fold(BinaryOp::And)];
// Every expression position is committed, so a missing operand fails here, at the
// place it should start.
auto const not_expr_def = (nots > compare)[make_not];
auto const nots_def = *span[kw("not")];
// At most one comparison: `a < b < c` stops before the second `<`.
auto const compare_def = sum[keep] >> -(comparison > sum)[fold_op];
auto const comparison_def = comparison_symbols | (kw("in") >> x3::attr(BinaryOp::In)) |
                            ((kw("not") > in_keyword) >> x3::attr(BinaryOp::NotIn));
auto const in_keyword_def = kw("in");
auto const sum_def = product[keep] >> *(additive > product)[fold_op];
auto const additive_def = ('+' >> x3::attr(BinaryOp::Add)) | ('-' >> x3::attr(BinaryOp::Sub));
auto const product_def = primary[keep] >> *(multiplicative > primary)[fold_op];
auto const multiplicative_def = ('*' >> x3::attr(BinaryOp::Mul)) | ('/' >> x3::attr(BinaryOp::Div));
auto const primary_def = paren | list | aggregate | call | literal_node | name_node;
auto const paren_def = (span[x3::lit('(')] > expr > close_paren)[make_paren];
auto const list_def = (span[x3::lit('[')] > items > list_end)[make_list];
auto const items_def = &x3::lit(']') | (expr % ',');
auto const call_def =
    (span[kw("min") | kw("max")] > open_paren > (expr % ',') > call_end)[make_call];
// `sum` and `count` are names unless a `(` follows, so deals that use them as names
// keep working.
auto const aggregate_def =
    (span[(kw("sum") | kw("count")) >> &x3::lit('(')] > open_paren > name_node > aggregate_by >
     aggregate_where > aggregate_window > aggregate_end)[make_aggregate];
auto const aggregate_by_def = (kw("by") > name_node) | x3::attr(no_child);
auto const aggregate_where_def = (kw("where") > expr) | x3::attr(no_child);
auto const aggregate_window_def = (',' > window) | x3::attr(no_child);
auto const window_def = (span[kw("during") | kw("within") | kw("since")] > sum)[make_window];
auto const aggregate_end_def = span[x3::lit(')')];
auto const open_paren_def = x3::lit('(');
auto const close_paren_def = span[x3::lit(')')];
auto const list_end_def = span[x3::lit(']')];
auto const call_end_def = span[x3::lit(')')];
// "3Bx", "1e", "30days": digits run into letters; say so instead of "expected end".
auto const bad_number_def = span[x3::lexeme[decimal >> +ident_char]][reject_suffix];
auto const boolean_def = span[kw("true") | kw("false")][to_token(bool_literal_of)];
auto const expr_literal_def = literal | bad_number | boolean;
auto const literal_node_def = expr_literal[make_literal_node];
auto const name_node_def = name_token[make_name];
auto const end_def = x3::eoi;

BOOST_SPIRIT_DEFINE(start, expr, or_expr, and_expr, not_expr, nots, compare, comparison, in_keyword,
                    sum, additive, product, multiplicative, primary, paren, list, items, call,
                    aggregate, aggregate_by, aggregate_where, aggregate_window, window,
                    aggregate_end, open_paren, close_paren, list_end, call_end, bad_number, boolean,
                    expr_literal, literal_node, name_node, end)

// Checked before X3 runs, so hostile input cannot exhaust the stack. The first problem
// in text order is reported: a nesting error within the first max_expression_length
// bytes, else the length error.
std::optional<SyntaxError> check_limits(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    std::size_t scanned = std::min(text.size(), max_expression_length);
    for (std::size_t i = 0; i < scanned; ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '(' || c == '[') {
            if (++depth > max_nesting_depth)
                return SyntaxError{static_cast<std::uint32_t>(i), 1,
                                   "expression nests deeper than " +
                                       std::to_string(max_nesting_depth) + " levels",
                                   "", DiagnosticCode::expression_too_large};
        } else if ((c == ')' || c == ']') && depth > 0) {
            --depth;
        }
    }
    if (text.size() > max_expression_length)
        return SyntaxError{static_cast<std::uint32_t>(max_expression_length), 1,
                           "expression is longer than " + std::to_string(max_expression_length) +
                               " bytes",
                           "", DiagnosticCode::expression_too_large};
    return std::nullopt;
}

// ---- Phrases -----------------------------------------------------------------

// The phrase with whitespace runs outside strings collapsed to one space (so that
// "google   cloud" matches the entry "google cloud"), its ASCII lower-case twin for
// lexicon look-ups, and the original offset of every byte. Typographic dashes read
// as " - " and the typographic apostrophe as "'", as people type them either way.
struct NormalisedPhrase {
    std::string text;
    std::string lower;
    std::vector<std::uint32_t> origin; // origin[i]: offset of text[i]; origin[size]: end

    explicit NormalisedPhrase(std::string_view phrase) {
        bool in_string = false, pending_space = false;
        for (std::size_t i = 0; i < phrase.size(); ++i) {
            char c = phrase[i];
            if (!in_string && is_space(c)) {
                pending_space = !text.empty();
                continue;
            }
            if (!in_string && phrase.substr(i, 2) == "\xE2\x80") {
                auto third = i + 2 < phrase.size() ? phrase[i + 2] : '\0';
                if (third == '\x93' || third == '\x94') { // en dash, em dash
                    if (!text.empty()) push(' ', i);
                    push('-', i);
                    i += 2;
                    pending_space = true;
                    continue;
                }
                if (third == '\x99') { // right single quotation mark
                    if (pending_space) push(' ', i - 1);
                    pending_space = false;
                    push('\'', i);
                    i += 2;
                    continue;
                }
            }
            if (pending_space) push(' ', i - 1);
            pending_space = false;
            if (in_string && c == '\\' && i + 1 < phrase.size()) {
                push(c, i);
                c = phrase[++i];
            } else if (c == '"') {
                in_string = !in_string;
            }
            push(c, i);
        }
        origin.push_back(text.empty() ? 0 : origin.back() + 1);
    }

    std::uint32_t offset(std::size_t pos) const { return origin[pos]; }

  private:
    void push(char c, std::size_t at) {
        text += c;
        lower += ascii_lower(c);
        origin.push_back(static_cast<std::uint32_t>(at));
    }
};

struct phrase_tag;

struct PhraseState {
    NormalisedPhrase const& phrase;
    x3::symbols<std::uint32_t> const& words;
    std::vector<LexiconEntry> const& entries;
    std::vector<PhraseItem> items;
    std::optional<PhraseError> error;
    // The parts of the time being read, and the times read so far ("between" reads
    // two). A failed alternative may leave stale times: readers take the last ones.
    int year = 0, month = 0, day = 0;
    std::vector<When> times;

    std::size_t pos(It p) const { return static_cast<std::size_t>(p - phrase.text.data()); }

    // Appends an item spanning [first, last) of the normalised text.
    PhraseItem& add(ItemKind kind, It first, It last) {
        PhraseItem& item = items.emplace_back();
        item.kind = kind;
        item.offset = phrase.offset(pos(first));
        item.length = phrase.offset(pos(last) - 1) + 1 - item.offset;
        return item;
    }

    // The longest entry at `first` that ends at a word boundary, and where it ends.
    std::optional<std::pair<LexiconEntry const*, It>> match_entry(It first) const {
        It lower = phrase.lower.data() + pos(first);
        It lower_end = phrase.lower.data() + phrase.lower.size();
        It limit = lower_end;
        while (limit > lower) {
            It stop = lower;
            std::uint32_t const* index = words.prefix_find(stop, limit);
            if (!index) return std::nullopt;
            if (stop == lower_end || !is_phrase_word_char(*stop))
                return std::pair{&entries[*index], first + (stop - lower)};
            limit = stop - 1; // ends inside a word ("ms" in "msft"): try shorter entries
        }
        return std::nullopt;
    }
};

template <typename Context> PhraseState& phrase_state(Context const& ctx) {
    return x3::get<phrase_tag>(ctx);
}

// A keyword of the phrase grammar: ASCII case-insensitive, ends at a word boundary.
struct ci_keyword : x3::parser<ci_keyword> {
    using attribute_type = x3::unused_type;
    std::string_view word;

    constexpr explicit ci_keyword(std::string_view w) : word(w) {}

    template <typename Context, typename RContext, typename Attribute>
    bool parse(It& first, It const& last, Context const& ctx, RContext&, Attribute&) const {
        x3::skip_over(first, last, ctx);
        It it = first;
        for (char c : word) {
            if (it == last || ascii_lower(*it) != c) return false;
            ++it;
        }
        if (it != last && is_phrase_word_char(*it)) return false;
        first = it;
        return true;
    }
};

struct WordToken {
    LexiconEntry const* entry = nullptr;
    It first = nullptr;
    It last = nullptr;
};

struct lexicon_word : x3::parser<lexicon_word> {
    using attribute_type = WordToken;

    template <typename Context, typename RContext, typename Attribute>
    bool parse(It& first, It const& last, Context const& ctx, RContext&, Attribute& attr) const {
        x3::skip_over(first, last, ctx);
        if (first == last) return false;
        auto match = phrase_state(ctx).match_entry(first);
        if (!match) return false;
        x3::traits::move_to(WordToken{match->first, first, match->second}, attr);
        first = match->second;
        return true;
    }
};

struct GivenToken {
    PhraseItem::GivenValue kind = PhraseItem::GivenValue::Literal;
    Literal literal;
    std::string ident;
    It last = nullptr;
};

PhraseError phrase_error(NormalisedPhrase const& phrase, std::size_t where,
                         std::string const& what);

struct phrase_id {
    template <typename Exception, typename Context>
    x3::error_handler_result on_error(It&, It const&, Exception const& x, Context const& ctx) {
        PhraseState& s = phrase_state(ctx);
        s.error = phrase_error(s.phrase, s.pos(x.where()), x.which());
        return x3::error_handler_result::fail;
    }
};

// ---- Phrase values

struct MonthNames : x3::symbols<int> {
    MonthNames() {
        static constexpr std::array<char const*, 12> names = {
            "january", "february", "march",     "april",   "may",      "june",
            "july",    "august",   "september", "october", "november", "december"};
        for (int m = 0; m < 12; ++m) {
            add(names[static_cast<std::size_t>(m)], m + 1);
            if (m != 4) add(std::string(names[static_cast<std::size_t>(m)], 3), m + 1);
        }
        add("sept", 9);
    }
};
MonthNames const month_names;

Date day_or_reject(Range r, int year, int month, int day) {
    auto d = make_date(year, month, day);
    if (!d) reject(r, "impossible date " + std::string(text_of(r)));
    return *d;
}

// "$3 billion", "USD 3,000,000,000", "€250M", "3 billion dollars", "3B USD": the
// grammar has checked the shape; this reads the currency, the digits and the scale
// and hands an exact "DIGITS[.FRACTION]eN CUR" to money_literal's arithmetic.
Literal phrase_money_literal(Range r) {
    std::string_view t = text_of(r);
    Currency currency = 0;
    auto drop_prefix = [&](std::string_view p, char const* code) {
        if (!t.starts_with(p)) return false;
        t.remove_prefix(p.size());
        currency = make_currency(code);
        return true;
    };
    drop_prefix("US$", "USD") || drop_prefix("$", "USD") || drop_prefix("\xE2\x82\xAC", "EUR") ||
        drop_prefix("\xC2\xA3", "GBP");
    // A code in any case ("usd"): the grammar has checked which codes may be lower case.
    auto code = [](std::string_view w) -> Currency {
        if (w.size() != 3 || !std::all_of(w.begin(), w.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            }))
            return 0;
        std::string upper;
        for (char c : w)
            upper += c >= 'a' ? static_cast<char>(c - 'a' + 'A') : c;
        return make_currency(upper);
    };
    if (!currency && t.size() > 4 && code(t.substr(0, 3)) && t[3] == ' ') {
        currency = code(t.substr(0, 3));
        t.remove_prefix(4);
    }
    if (auto space = t.rfind(' '); space != std::string_view::npos) {
        std::string word;
        for (char c : t.substr(space + 1))
            word += ascii_lower(c);
        Currency named = code(t.substr(space + 1))    ? code(t.substr(space + 1))
                         : word.starts_with("dollar") ? make_currency("USD")
                         : word.starts_with("euro")   ? make_currency("EUR")
                         : word.starts_with("pound")  ? make_currency("GBP")
                                                      : 0;
        if (named) {
            if (!currency) currency = named;
            t = t.substr(0, space);
        }
    }
    std::string canonical;
    std::size_t i = 0;
    for (; i < t.size() && (is_digit(t[i]) || t[i] == ',' || t[i] == '.'); ++i)
        if (t[i] != ',') canonical += t[i];
    std::int64_t power = 0;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        canonical += t.substr(i);
    } else {
        std::string scale;
        for (char c : t.substr(i))
            if (c != ' ') scale += ascii_lower(c);
        power = scale == "k" || scale == "thousand"                   ? 3
                : scale == "m" || scale == "mn" || scale == "million" ? 6
                : scale == "b" || scale == "bn" || scale == "billion" ? 9
                : scale.empty()                                       ? 0
                                                                      : 12;
        canonical += "e" + std::to_string(power);
    }
    canonical += " " + format_currency(currency);
    return money_value(canonical, r);
}

Literal percent_literal(Range r) {
    return number_literal(Range(r.begin(), r.end() - 1));
}

Literal grouped_number_literal(Range r) {
    std::string digits;
    for (char c : text_of(r))
        if (c != ',') digits += c;
    Literal lit = make_literal(LiteralKind::Number);
    NumberError error;
    auto n = parse_number(digits, error);
    if (!n) reject(r, std::move(error.message), std::move(error.hint));
    lit.number = *n;
    return lit;
}

// ---- Phrase actions

auto const push_literal = [](auto& ctx) {
    auto& token = x3::_attr(ctx);
    phrase_state(ctx).add(ItemKind::Literal, token.first, token.last).literal =
        std::move(token.literal);
};
auto const push_percent = [](auto& ctx) {
    auto& token = x3::_attr(ctx);
    auto& item = phrase_state(ctx).add(ItemKind::Literal, token.first, token.last);
    item.literal = std::move(token.literal);
    item.unit = "%";
};
auto const push_word = [](auto& ctx) {
    auto& token = x3::_attr(ctx);
    phrase_state(ctx).add(ItemKind::Word, token.first, token.last).entry = token.entry;
};
auto const push_consent_of = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    WordToken const& party = at_c<1>(attr);
    phrase_state(ctx).add(ItemKind::Consent, at_c<0>(attr).begin(), party.last).entry = party.entry;
};
auto const push_consent_by = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    phrase_state(ctx).add(ItemKind::Consent, at_c<0>(attr).begin(), at_c<2>(attr).end()).entry =
        at_c<1>(attr).entry;
};
auto const push_given = [](auto& ctx) {
    auto& attr = x3::_attr(ctx);
    Range name = at_c<0>(attr);
    GivenToken& value = at_c<1>(attr);
    PhraseItem& item = phrase_state(ctx).add(ItemKind::Given, name.begin(), value.last);
    item.name = text_of(name);
    item.given = value.kind;
    item.literal = std::move(value.literal);
    item.ident = std::move(value.ident);
};
// Fields are set one by one: g++ 12 -O2 flags a braced GivenToken{..., {}, ...} as
// reading an uninitialised std::string (a false positive that -Werror turns fatal).
auto given_bool(bool value) {
    return [value](auto& ctx) {
        GivenToken& token = x3::_val(ctx);
        token.kind = PhraseItem::GivenValue::Literal;
        token.literal = bool_literal(value);
        token.last = x3::_attr(ctx).end();
    };
}
auto const given_unknown = [](auto& ctx) {
    GivenToken& token = x3::_val(ctx);
    token.kind = PhraseItem::GivenValue::Unknown;
    token.last = x3::_attr(ctx).end();
};
auto const given_literal = [](auto& ctx) {
    auto& parsed = x3::_attr(ctx);
    GivenToken& token = x3::_val(ctx);
    token.kind = PhraseItem::GivenValue::Literal;
    token.literal = std::move(parsed.literal);
    token.last = parsed.last;
};
auto const given_ident = [](auto& ctx) {
    Range r = x3::_attr(ctx);
    GivenToken& token = x3::_val(ctx);
    token.kind = PhraseItem::GivenValue::Ident;
    token.ident = text_of(r);
    token.last = r.end();
};

// Times: the parts set the state's year, month and day; each form pushes a When.
auto const set_year = [](auto& ctx) { phrase_state(ctx).year = x3::_attr(ctx); };
auto const set_month = [](auto& ctx) { phrase_state(ctx).month = x3::_attr(ctx); };
auto const set_day = [](auto& ctx) { phrase_state(ctx).day = x3::_attr(ctx); };

void push_time(PhraseState& s, When::Kind kind, Date from, Date until) {
    When w;
    w.kind = kind;
    w.from = from;
    w.until = until;
    s.times.push_back(w);
}
Date month_end(Range r, int year, int month) {
    Date first = day_or_reject(r, year, month, 1);
    return Date{add(first, Duration{1, 0}).days - 1};
}
auto const time_day = [](auto& ctx) {
    PhraseState& s = phrase_state(ctx);
    Date d = day_or_reject(x3::_attr(ctx), s.year, s.month, s.day);
    push_time(s, When::Kind::Day, d, d);
};
auto const time_iso_day = [](auto& ctx) {
    auto& token = x3::_attr(ctx);
    push_time(phrase_state(ctx), When::Kind::Day, token.literal.date, token.literal.date);
};
auto const time_mid_month = [](auto& ctx) {
    PhraseState& s = phrase_state(ctx);
    Date d = day_or_reject(x3::_attr(ctx), s.year, s.month, 15);
    push_time(s, When::Kind::Day, d, d);
};
auto const time_month = [](auto& ctx) {
    PhraseState& s = phrase_state(ctx);
    Range r = x3::_attr(ctx);
    push_time(s, When::Kind::Period, day_or_reject(r, s.year, s.month, 1),
              month_end(r, s.year, s.month));
};
auto const time_year = [](auto& ctx) {
    PhraseState& s = phrase_state(ctx);
    Range r = x3::_attr(ctx);
    push_time(s, When::Kind::Period, day_or_reject(r, s.year, 1, 1),
              day_or_reject(r, s.year, 12, 31));
};
auto const time_today = [](auto& ctx) {
    push_time(phrase_state(ctx), When::Kind::Today, Date{}, Date{});
};

// A When item over `r` from the last time read; `introduced` after a preposition.
void push_when(PhraseState& s, Range r, bool introduced) {
    PhraseItem& item = s.add(ItemKind::When, r.begin(), r.end());
    item.when = s.times.back();
    item.when.introduced = introduced;
    s.times.clear();
}
auto const when_introduced = [](auto& ctx) { push_when(phrase_state(ctx), x3::_attr(ctx), true); };
auto const when_bare = [](auto& ctx) { push_when(phrase_state(ctx), x3::_attr(ctx), false); };
// "between 2030 and 2031": from the first day of the first to the last of the second.
auto const when_range = [](auto& ctx) {
    PhraseState& s = phrase_state(ctx);
    Range r = x3::_attr(ctx);
    When last = s.times.back();
    When first = s.times[s.times.size() - 2];
    if (first.kind == When::Kind::Today || last.kind == When::Kind::Today)
        reject(r, "a period runs between two dates", "write `from 2025-01-01 to 2025-12-31`");
    if (last.until < first.from)
        reject(r, "the period ends before it starts", "give the earlier date first");
    first.kind = When::Kind::Period;
    first.until = last.until;
    s.times.back() = first;
    push_when(s, r, true);
};

// ---- Phrase rules

// Both the end of the phrase and a missing party name report the word found there.
constexpr char const* word_expected = "a word";

x3::rule<phrase_id> const phrase = "a phrase";
x3::rule<class item_> const item = word_expected;
x3::rule<class word_, WordToken> const word = word_expected;
x3::rule<class when_> const when = "a date";
x3::rule<class time_> const time = "a date";
x3::rule<class bare_time_> const bare_time = "a date";
x3::rule<class given_> const given = "`given`";
x3::rule<class assign_> const assign = "a fact name";
x3::rule<class fact_name_, Range> const fact_name = "a fact name";
x3::rule<class equals_> const equals = "`=`";
x3::rule<class given_value_, GivenToken> const given_value = "a value";
x3::rule<class consent_> const consent = "a consent";
x3::rule<class phrase_money_, LiteralToken> const phrase_money = "a money amount";
x3::rule<class percent_, LiteralToken> const percent = "a percentage";
x3::rule<class grouped_number_, LiteralToken> const grouped_number = "a number";
x3::rule<class phrase_end_> const phrase_end = word_expected;

auto const phrase_def = *item > phrase_end;
auto const item_def = when | given | consent | phrase_money[push_literal] | date[push_literal] |
                      percent[push_percent] | duration[push_literal] |
                      grouped_number[push_literal] | number[push_literal] | string[push_literal] |
                      word[push_word] | x3::lit(',');
auto const word_def = lexicon_word{};

// Parts of times. A part ends at a word boundary, so "2025" never starts "2025-06-01".
auto const not_word = !(ident_char | '-' | ('.' >> digit));
auto const year4 = x3::lexeme[x3::uint_parser<int, 10, 4, 4>{}[set_year] >> not_word];
auto const month2 = x3::uint_parser<int, 10, 2, 2>{}[set_month];
auto const day_of_month = x3::lexeme[x3::uint_parser<int, 10, 1, 2>{}[set_day] >>
                                     -x3::no_case[x3::lit("st") | "nd" | "rd" | "th"] >> not_word];
auto const month_name =
    x3::lexeme[x3::no_case[month_names][set_month] >> !ident_char >> -x3::lit('.')];
auto const comma = -x3::lit(',');
auto const iso_month = x3::lexeme[x3::uint_parser<int, 10, 4, 4>{}[set_year] >> '-' >> month2 >>
                                  !(digit | '-' | ident_char)];
auto const month_day_year = month_name >> day_of_month >> comma >> year4;
auto const day_month_year = day_of_month >> -ci_keyword("of") >> month_name >> comma >> year4;
auto const mid_month =
    x3::lexeme[x3::no_case[x3::lit("mid")] >> -x3::lit('-')] >> month_name >> comma >> year4;
auto const month_year = month_name >> comma >> year4;

// Forms that read as a time without a preposition, then those that need one.
auto const bare_time_def = span[iso_month][time_month] | span[mid_month][time_mid_month] |
                           span[month_day_year][time_day] | span[day_month_year][time_day] |
                           span[month_year][time_month] |
                           span[ci_keyword("today") | ci_keyword("now")][time_today];
auto const time_def = bare_time | date[time_iso_day] | span[year4][time_year];
auto const preposition = ci_keyword("as of") | ci_keyword("on") | ci_keyword("in") |
                         ci_keyword("at") | ci_keyword("during");
auto const range_end = ci_keyword("to") | ci_keyword("until") | ci_keyword("till") |
                       ci_keyword("through") | ci_keyword("thru");
// "as of" must be followed by a date; "on", "in", "from" without one are ordinary words.
auto const when_def =
    span[ci_keyword("as of") > time][when_introduced] | span[preposition >> time][when_introduced] |
    span[ci_keyword("between") >> time >> ci_keyword("and") >> time][when_range] |
    span[ci_keyword("from") >> time >> range_end >> time][when_range] | span[bare_time][when_bare];

auto const given_def = ci_keyword("given") > assign > *(',' >> &(fact_name >> '=') >> assign);
auto const assign_def = (fact_name > equals > given_value)[push_given];
auto const fact_name_def = name_token;
auto const equals_def = x3::lit('=');
auto const given_value_def =
    span[ci_keyword("true")][given_bool(true)] | span[ci_keyword("false")][given_bool(false)] |
    span[ci_keyword("unknown")][given_unknown] | literal[given_literal] | name_token[given_ident];
auto const consent_noun = ci_keyword("consent") | ci_keyword("approval");
auto const consent_def =
    (span[ci_keyword("with") >> -ci_keyword("the") >> consent_noun >> ci_keyword("of")] >
     word)[push_consent_of] |
    (span[ci_keyword("with")] >> word >> span[consent_noun])[push_consent_by] |
    (span[ci_keyword("with")] >> word >> span[ci_keyword("'s") >> consent_noun])[push_consent_by];

// Money: a currency symbol, code or word with an amount, the scale attached ("3bn")
// or as a word ("3 billion").
auto const currency_symbol = x3::lit("US$") | '$' | "\xE2\x82\xAC" | "\xC2\xA3";
// The common codes in any letter case; any other code in capitals, after the amount
// only: "AWS 2031" is a cloud and a year.
auto const common_currency_code = x3::lexeme[x3::no_case[x3::lit("usd") | "eur" | "gbp" | "jpy" |
                                                         "chf" | "cad" | "aud" | "cny" | "inr"] >>
                                             !ident_char];
auto const currency_code =
    common_currency_code | x3::lexeme[x3::repeat(3)[x3::char_('A', 'Z')] >> !ident_char];
auto const leading_currency_code = common_currency_code;
auto const currency_word = ci_keyword("dollars") | ci_keyword("dollar") | ci_keyword("euros") |
                           ci_keyword("euro") | ci_keyword("pounds") | ci_keyword("pound");
auto const grouped_digits = x3::repeat(1, 3)[digit] >> +(',' >> x3::repeat(3)[digit]);
auto const amount = (grouped_digits | +digit) >> -('.' >> +digit);
auto const attached_scale = x3::no_case[x3::lit("bn") | "mn" | "tn" | 'k' | 'm' | 'b' | 't'];
auto const scale_word =
    ci_keyword("thousand") | ci_keyword("million") | ci_keyword("billion") | ci_keyword("trillion");
auto const scaled_amount =
    x3::lexeme[amount >> ((exponent >> !ident_char) | (-attached_scale >> !ident_char))] >>
    -scale_word;
auto const phrase_money_def =
    span[x3::lexeme[currency_symbol >> &digit] >> scaled_amount >> -currency_word]
        [to_token(phrase_money_literal)] |
    span[leading_currency_code >> scaled_amount][to_token(phrase_money_literal)] |
    span[scaled_amount >> (currency_code | currency_word)][to_token(phrase_money_literal)];
auto const percent_def = span[x3::lexeme[decimal >> -exponent >> '%']][to_token(percent_literal)];
auto const grouped_number_def = span[x3::lexeme[grouped_digits >> -('.' >> +digit) >> !ident_char]]
                                    [to_token(grouped_number_literal)];
auto const phrase_end_def = *x3::char_(".?!") >> x3::eoi;

BOOST_SPIRIT_DEFINE(phrase, item, word, when, time, bare_time, given, assign, fact_name, equals,
                    given_value, consent, phrase_money, percent, grouped_number, phrase_end)

constexpr bool is_error_word_char(char c) {
    return is_phrase_word_char(c) || static_cast<unsigned char>(c) >= 0x80;
}

PhraseError phrase_error(NormalisedPhrase const& phrase, std::size_t where,
                         std::string const& what) {
    std::string_view text = phrase.text;
    std::size_t pos = skip_spaces(text, where);
    PhraseError error;
    error.offset = phrase.offset(pos);
    if (pos == text.size() || what != word_expected) {
        error.message = "expected " + what;
        return error;
    }
    if (!is_error_word_char(text[pos])) {
        error.message = "unexpected `" + std::string(1, text[pos]) + "`";
        return error;
    }
    std::size_t end = pos;
    while (end < text.size() && is_error_word_char(text[end]))
        ++end;
    error.word = text.substr(pos, end - pos);
    error.code = DiagnosticCode::unknown_word;
    error.length = static_cast<std::uint32_t>(end - pos); // a word never spans whitespace
    error.message = "unknown word `" + error.word + "`";
    return error;
}

} // namespace

// ---- Entry points --------------------------------------------------------------

std::variant<ExprTree, SyntaxError> parse_expression(std::string_view text) {
    if (auto error = check_limits(text)) return *error;
    TreeBuilder b{text, {}, std::nullopt};
    // Conditions hold about a node per four bytes (`price > 2B USD` is three): growing
    // the list moves every node built so far, which was a tenth of loading long ones.
    b.nodes.reserve(text.size() / 4 + 1);
    ExprTree tree;
    It first = text.data();
    try {
        if (!x3::phrase_parse(first, text.data() + text.size(), x3::with<builder_tag>(b)[start],
                              skipper, tree.root))
            return b.error.value_or(expected_error(text, 0, "an expression"));
    } catch (LiteralError const& e) {
        return SyntaxError{b.offset(e.where), static_cast<std::uint32_t>(e.length), e.message,
                           e.hint, DiagnosticCode::invalid_literal};
    }
    tree.nodes = std::move(b.nodes);
    return tree;
}

Lexicon::Lexicon(std::vector<LexiconEntry> entries)
    : entries_(std::move(entries)), impl_(std::make_unique<Impl>()) {
    // Meanings of one phrase sit together; the symbol table finds the first.
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](auto const& a, auto const& b) { return a.phrase < b.phrase; });
    for (std::size_t i = 0; i < entries_.size(); ++i)
        if (i == 0 || entries_[i].phrase != entries_[i - 1].phrase)
            impl_->words.add(entries_[i].phrase, static_cast<std::uint32_t>(i));
}

Lexicon::~Lexicon() = default;

std::span<const LexiconEntry> Lexicon::meanings(const LexiconEntry* entry) const {
    auto first = static_cast<std::size_t>(entry - entries_.data());
    auto last = first + 1;
    while (last < entries_.size() && entries_[last].phrase == entry->phrase)
        ++last;
    return {entries_.data() + first, last - first};
}

PhraseParse Lexicon::parse(std::string_view text) const {
    NormalisedPhrase normalised(text);
    PhraseState state{normalised, impl_->words, entries_, {}, std::nullopt, 0, 0, 0, {}};
    It first = normalised.text.data();
    try {
        if (!x3::phrase_parse(first, first + normalised.text.size(),
                              x3::with<phrase_tag>(state)[phrase], skipper))
            return {std::move(state.items),
                    state.error.value_or(phrase_error(normalised, 0, "a phrase"))};
    } catch (LiteralError const& e) {
        std::size_t pos = state.pos(e.where);
        PhraseError error;
        error.offset = normalised.offset(pos);
        error.length = normalised.offset(pos + e.length - 1) + 1 - error.offset;
        error.message = e.message;
        error.hint = e.hint;
        error.code = DiagnosticCode::question_value;
        return {std::move(state.items), std::move(error)};
    }
    return {std::move(state.items), std::nullopt};
}

} // namespace dealcheck::syntax
