// Tests of the expression and phrase grammars (engine/src/syntax/grammar.cpp).
#include "syntax/grammar.hpp"
#include "util/inflect.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <sstream>

using namespace dealcheck;
using namespace dealcheck::syntax;

namespace {

ExprTree parse_ok(std::string_view text) {
    auto result = parse_expression(text);
    if (auto* error = std::get_if<SyntaxError>(&result))
        FAIL("`" << text << "`: " << error->offset << ": " << error->message);
    return std::get<ExprTree>(std::move(result));
}

SyntaxError parse_error(std::string_view text) {
    auto result = parse_expression(text);
    if (std::holds_alternative<ExprTree>(result)) FAIL("`" << text << "` parsed");
    return std::get<SyntaxError>(std::move(result));
}

std::string_view op_name(BinaryOp op) {
    switch (op) {
    case BinaryOp::And:
        return "and";
    case BinaryOp::Or:
        return "or";
    case BinaryOp::Eq:
        return "==";
    case BinaryOp::Ne:
        return "!=";
    case BinaryOp::Lt:
        return "<";
    case BinaryOp::Le:
        return "<=";
    case BinaryOp::Gt:
        return ">";
    case BinaryOp::Ge:
        return ">=";
    case BinaryOp::In:
        return "in";
    case BinaryOp::NotIn:
        return "not-in";
    case BinaryOp::Add:
        return "+";
    case BinaryOp::Sub:
        return "-";
    case BinaryOp::Mul:
        return "*";
    case BinaryOp::Div:
        return "/";
    }
    return "?";
}

// The tree as an S-expression: "a - b - c" is "(- (- a b) c)".
std::string shape(ExprTree const& tree, std::uint32_t index) {
    Node const& node = tree.at(index);
    auto children = [&] {
        std::string out;
        for (auto child : node.children)
            out += " " + shape(tree, child);
        return out;
    };
    switch (node.kind) {
    case NodeKind::Name:
        return node.text;
    case NodeKind::Literal: {
        Literal const& lit = node.literal;
        switch (lit.kind) {
        case LiteralKind::Bool:
            return lit.boolean ? "true" : "false";
        case LiteralKind::Number:
            return format_number(lit.number);
        case LiteralKind::Money:
            return format_money(lit.money);
        case LiteralKind::Date:
            return format_date(lit.date);
        case LiteralKind::Duration:
            return format_duration(lit.duration);
        case LiteralKind::String:
            return "\"" + lit.string + "\"";
        }
        return "?";
    }
    case NodeKind::List:
        return "[" + children().substr(node.children.empty() ? 0 : 1) + "]";
    case NodeKind::Call:
        return "(" + node.text + children() + ")";
    case NodeKind::Not:
        return "(not" + children() + ")";
    case NodeKind::Binary:
        return "(" + std::string(op_name(node.op)) + children() + ")";
    case NodeKind::Aggregate: {
        std::string out = "(" + node.text;
        for (auto child : node.children)
            out += " " + (child == no_child ? std::string("_") : shape(tree, child));
        return out + ")";
    }
    case NodeKind::Window:
        return "(" + node.text + children() + ")";
    }
    return "?";
}

std::string shape(std::string_view text) {
    ExprTree tree = parse_ok(text);
    return shape(tree, tree.root);
}

Literal literal_of(std::string_view text) {
    ExprTree tree = parse_ok(text);
    REQUIRE(tree.at(tree.root).kind == NodeKind::Literal);
    return tree.at(tree.root).literal;
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += piece;
    return out;
}

} // namespace

TEST_CASE("binary operators are left-associative", "[grammar]") {
    CHECK(shape("a - b - c") == "(- (- a b) c)");
    CHECK(shape("a + b - c + d") == "(+ (- (+ a b) c) d)");
    CHECK(shape("a or b or c") == "(or (or a b) c)");
    CHECK(shape("a and b and c") == "(and (and a b) c)");
    CHECK(shape("a - (b - c)") == "(- a (- b c))");
}

TEST_CASE("precedence: or < and < not < comparison < sum", "[grammar]") {
    CHECK(shape("a or b and c") == "(or a (and b c))");
    CHECK(shape("a and b or c and d") == "(or (and a b) (and c d))");
    CHECK(shape("not a and b") == "(and (not a) b)");
    CHECK(shape("not a == b") == "(not (== a b))");
    CHECK(shape("not not a") == "(not (not a))");
    CHECK(shape("a + b >= c - d") == "(>= (+ a b) (- c d))");
    CHECK(shape("(a or b) and c") == "(and (or a b) c)");
    CHECK(shape("a in [b, c] or d not in [e]") == "(or (in a [b c]) (not-in d [e]))");
    CHECK(shape("x != y and y <= z and z < w and w > v") ==
          "(and (and (and (!= x y) (<= y z)) (< z w)) (> w v))");
    CHECK(shape("min(a, b + c) < max(d)") == "(< (min a (+ b c)) (max d))");
    CHECK(shape("[]") == "[]");
    CHECK(shape("[[a], []]") == "[[a] []]");
}

TEST_CASE("products bind tighter than sums; percentages are fractions", "[grammar]") {
    CHECK(shape("a + b * c") == "(+ a (* b c))");
    CHECK(shape("a * b / c") == "(/ (* a b) c)");
    CHECK(shape("price * (1 + 2%) <= cap") == "(<= (* price (+ 1 0.02)) cap)");
    CHECK(shape("2.5% * amount") == "(* 0.025 amount)");
    CHECK(literal_of("20%").number == Number{2, -1});
    CHECK(literal_of("20%").percent);
    CHECK_FALSE(literal_of("20").percent);
    SyntaxError e = parse_error("a * ");
    CHECK(e.message == "expected an expression");
}

TEST_CASE("sums and counts over the history", "[grammar][aggregate]") {
    CHECK(shape("sum(pay.amount) + amount <= 5B USD") ==
          "(<= (+ (sum pay.amount _ _ _) amount) 5B USD)");
    CHECK(shape("count(acquire by openai where target in rivals, within 1y) < 3") ==
          "(< (count acquire openai (in target rivals) (within 1y)) 3)");
    CHECK(shape("sum(invest.amount where target == x and y, during term)") ==
          "(sum invest.amount _ (and (== target x) y) (during term))");
    CHECK(shape("count(pay, since 2026-04-27 + 1mo)") ==
          "(count pay _ _ (since (+ 2026-04-27 1mo)))");
    // Without `(`, sum and count stay names, as in deals written before aggregates.
    CHECK(shape("count + sum") == "(+ count sum)");
    SyntaxError e = parse_error("sum(pay.amount where)");
    CHECK(e.message == "expected an expression");
    e = parse_error("count(pay, lately)");
    CHECK(e.message == "expected `during`, `within` or `since`");
    e = parse_error("count(pay x)");
    CHECK(e.message == "expected `by`, `where`, `,` or `)`");
    CHECK(e.offset == 10);
}

TEST_CASE("comparisons do not chain", "[grammar]") {
    SyntaxError e = parse_error("a < b < c");
    CHECK(e.offset == 6);
    CHECK(e.message == "expected end of expression");
    CHECK(e.hint.find("chain") != std::string::npos);
}

TEST_CASE("keywords are not prefixes of names", "[grammar]") {
    CHECK(shape("order or notice") == "(or order notice)");
    CHECK(shape("android and inner") == "(and android inner)");
    CHECK(shape("not notice") == "(not notice)");
    CHECK(shape("minimum + maximum") == "(+ minimum maximum)");
    CHECK(shape("truest or falsehood") == "(or truest falsehood)");
    CHECK(shape("x in inputs") == "(in x inputs)");
    CHECK(shape("deal.closing_date > _a1.b_2") == "(> deal.closing_date _a1.b_2)");
    CHECK(shape("true and false") == "(and true false)");
}

TEST_CASE("keywords cannot be names - min and max only as calls", "[grammar]") {
    SyntaxError e = parse_error("a + in");
    CHECK(e.offset == 4);
    CHECK(e.length == 2);
    CHECK(e.message == "expected an expression");
    CHECK(e.hint == "`in` is a keyword and cannot be a name");

    e = parse_error("min + 1");
    CHECK(e.offset == 4);
    CHECK(e.message == "expected `(`");

    e = parse_error("a not b");
    CHECK(e.offset == 6);
    CHECK(e.message == "expected `in`");
}

TEST_CASE("money literals are exact integer cents", "[grammar][literal]") {
    Literal lit = literal_of("3B USD");
    REQUIRE(lit.kind == LiteralKind::Money);
    CHECK(lit.money.cents == 300'000'000'000);
    CHECK(lit.money.currency == make_currency("USD"));

    CHECK(literal_of("1.5M EUR").money == Money{150'000'000, make_currency("EUR")});
    CHECK(literal_of("250000 USD").money == Money{25'000'000, make_currency("USD")});
    CHECK(literal_of("0.01 GBP").money.cents == 1);
    CHECK(literal_of("2K  USD").money.cents == 200'000);
    CHECK(literal_of("1.50 USD").money.cents == 150);
    CHECK(literal_of("1.2500T USD").money.cents == 125'000'000'000'000);
    CHECK(literal_of("92233720368547758.07 USD").money.cents == INT64_MAX);
}

TEST_CASE("malformed money is an error, never a wrapped value", "[grammar][literal]") {
    CHECK(parse_error("92233720368547758.08 USD").message ==
          "money amount 92233720368547758.08 USD is too large");
    CHECK(parse_error("x < 100000000T USD").offset == 4);
    CHECK(parse_error("1.234 USD").message == "money amount 1.234 USD has fractions of a cent");

    // The unit must end at a word boundary and the currency follows whitespace.
    SyntaxError e = parse_error("3Bx");
    CHECK(e.offset == 0);
    CHECK(e.length == 3);
    CHECK(e.message == "`3Bx` is not a number, duration or money amount");
    CHECK(parse_error("3BUSD").offset == 0);
    CHECK(parse_error("3B").offset == 0);
    CHECK(parse_error("3B USDX").offset == 0);
    CHECK(parse_error("3 usd").message == "expected end of expression");
}

TEST_CASE("duration literals", "[grammar][literal]") {
    CHECK(literal_of("7y").duration == Duration{84, 0});
    CHECK(literal_of("18mo").duration == Duration{18, 0});
    CHECK(literal_of("2w").duration == Duration{0, 14});
    CHECK(literal_of("30d").duration == Duration{0, 30});
    CHECK(literal_of("0d").kind == LiteralKind::Duration);
    CHECK(parse_error("30days").message == "`30days` is not a number, duration or money amount");
    CHECK(parse_error("2147483648d").message == "duration 2147483648d is too long");
    CHECK(parse_error("178956971y").message == "duration 178956971y is too long");
    CHECK(literal_of("178956970y").duration.months == 2147483640);
}

TEST_CASE("date literals are validated at their offset", "[grammar][literal]") {
    Literal lit = literal_of("2024-02-29");
    REQUIRE(lit.kind == LiteralKind::Date);
    CHECK(lit.date == *make_date(2024, 2, 29));

    SyntaxError e = parse_error("closing > 2030-02-30");
    CHECK(e.offset == 10);
    CHECK(e.length == 10);
    CHECK(e.message == "impossible date 2030-02-30");
    CHECK(parse_error("2023-02-29").message == "impossible date 2023-02-29");
    CHECK(parse_error("2030-13-01").message == "impossible date 2030-13-01");

    // Four digits, `-` and a digit commit to a date: this is not a subtraction.
    e = parse_error("2024-1-1");
    CHECK(e.offset == 5);
    CHECK(e.message == "expected a date in the form YYYY-MM-DD");
    CHECK(shape("2024 - 1") == "(- 2024 1)");
    CHECK(shape("12345-6") == "(- 12345 6)");
    CHECK(shape("2030-01-01 + 30d") == "(+ 2030-01-01 30d)");
}

TEST_CASE("numbers, strings and booleans", "[grammar][literal]") {
    CHECK(literal_of("12.5").number == Number{125, -1});
    CHECK(literal_of("007").number == Number{7, 0});
    CHECK(literal_of("0.000").number == Number{});
    CHECK(literal_of("1" + repeat("0", 300)).number == Number{1, 300}); // one significant digit
    CHECK(literal_of(repeat("9", 18)).number == Number{999'999'999'999'999'999, 0});
    CHECK(parse_error("1e").offset == 0);
    CHECK(parse_error("1.5.2").message == "expected end of expression");
    CHECK(shape("nan + inf") == "(+ nan inf)"); // names, not special numbers
    CHECK(shape("NaN") == "NaN");

    CHECK(literal_of(R"("a \"b\" \\ c")").string == R"(a "b" \ c)");
    CHECK(literal_of(R"("café (")").string == "café (");
    CHECK(literal_of("\"\"").string.empty());
    SyntaxError e = parse_error(R"("abc)");
    CHECK(e.offset == 4);
    CHECK(e.message == "expected `\"`");
    CHECK(parse_error(R"("a\n")").message == "expected `\"` or `\\` after `\\`");

    CHECK(literal_of("true").boolean);
    CHECK_FALSE(literal_of("false").boolean);
    CHECK(literal_of("false").kind == LiteralKind::Bool);
}

TEST_CASE("numbers are exact: more digits than they hold are an error, never rounded",
          "[grammar][literal][number]") {
    SyntaxError e = parse_error("x >= 99999999999999999999999999");
    CHECK(e.offset == 5);
    CHECK(e.length == 26);
    CHECK(e.message == "number 99999999999999999999999999 has 26 significant digits");
    CHECK(e.hint == "numbers are exact up to 18 significant digits; dealcheck never rounds");
    CHECK(parse_error("1.0000000000000000001").message.find("20 significant digits") !=
          std::string::npos);
    CHECK(parse_error(repeat("9", 400)).message.find("significant digits") != std::string::npos);
    CHECK(parse_error("1e1001").message == "number 1e1001 is out of range");
    CHECK(parse_error("1e99999999999999999999").message.find("out of range") != std::string::npos);
    CHECK(literal_of("99999999999999999").number == Number{99'999'999'999'999'999, 0});
    CHECK(literal_of("99999999999999999").number != literal_of("1e17").number);
}

TEST_CASE("numbers are printed exactly, never rounded", "[grammar][literal][number]") {
    CHECK(format_number(literal_of("99999999999999999").number) == "99999999999999999");
    CHECK(format_number(literal_of("1e26").number) == "1e26");
    CHECK(format_number(literal_of("3.5e24").number) == "3.5e24");
    CHECK(format_number(literal_of("99999999999999999e9").number) == "9.9999999999999999e25");
    CHECK(format_number(literal_of("1e20").number) == "100000000000000000000");
    CHECK(format_number(literal_of("1e21").number) == "1e21");
    CHECK(format_number(literal_of("12.50").number) == "12.5");
    CHECK(format_number(literal_of("0.000001").number) == "0.000001");
    CHECK(format_number(literal_of("2.5e-9").number) == "2.5e-9");
    CHECK(format_number(Number{-25, -4}) == "-0.0025");
    CHECK(format_number(Number{}) == "0");
}

TEST_CASE("numbers in scientific notation", "[grammar][literal][number]") {
    CHECK(literal_of("1e26").number == Number{1, 26});
    CHECK(literal_of("3.5e24").number == Number{35, 23});
    CHECK(literal_of("2.5E3").number == Number{25, 2});
    CHECK(literal_of("1e+26").number == Number{1, 26});
    CHECK(literal_of("2.5e-3").number == Number{25, -4});
    CHECK(literal_of("1000e-3").number == Number{1, 0});
    CHECK(shape("flops >= 1e26 - 3.5e24") == "(>= flops (- 1e26 3.5e24))");
    CHECK(shape("x-1e3") == "(- x 1000)");
    CHECK(parse_error("1e5x").message.find("1e5x") != std::string::npos);
    CHECK(parse_error("2.5e").offset == 0);
    // Money: the exponent stands where a unit would, and cents stay exact.
    CHECK(literal_of("1.5e9 USD").money == Money{150'000'000'000, make_currency("USD")});
    CHECK(literal_of("25e-2 EUR").money == Money{25, make_currency("EUR")});
    CHECK(parse_error("1e-3 USD").message == "money amount 1e-3 USD has fractions of a cent");
    CHECK(parse_error("1e-3 USD").hint == "amounts are whole cents; dealcheck never rounds");
    CHECK(parse_error("1e17 USD").message == "money amount 1e17 USD is too large");
    CHECK(parse_error("1e999999999999 USD").message.find("too large") != std::string::npos);
    CHECK(literal_of("0e999999999999 USD").money == Money{0, make_currency("USD")});
}

TEST_CASE("nodes carry the byte span of their sub-expression", "[grammar]") {
    //                       0         1         2
    //                       0123456789012345678901234567
    ExprTree tree = parse_ok("x >= 3B USD and not flag");
    Node const& root = tree.at(tree.root);
    CHECK(root.offset == 0);
    CHECK(root.length == 24);
    Node const& cmp = tree.at(root.children[0]);
    CHECK(cmp.offset == 0);
    CHECK(cmp.length == 11);
    Node const& money = tree.at(cmp.children[1]);
    CHECK(money.offset == 5);
    CHECK(money.length == 6);
    Node const& negation = tree.at(root.children[1]);
    CHECK(negation.kind == NodeKind::Not);
    CHECK(negation.offset == 16);
    CHECK(negation.length == 8);
    CHECK(tree.at(negation.children[0]).offset == 20);

    // Parentheses belong to the node they enclose; whitespace belongs to nothing.
    tree = parse_ok("  ( a -b )  - c ");
    Node const& sub = tree.at(tree.root);
    CHECK(sub.offset == 2);
    CHECK(sub.length == 13);
    CHECK(tree.at(sub.children[0]).offset == 2);
    CHECK(tree.at(sub.children[0]).length == 8);

    tree = parse_ok("max( a , [b] )");
    Node const& call = tree.at(tree.root);
    CHECK(call.kind == NodeKind::Call);
    CHECK(call.text == "max");
    CHECK(call.length == 14);
    Node const& list = tree.at(call.children[1]);
    CHECK(list.offset == 9);
    CHECK(list.length == 3);
}

TEST_CASE("syntax errors say what was expected where", "[grammar][error]") {
    struct Case {
        std::string_view text;
        std::uint32_t offset;
        std::string_view message;
    };
    Case const cases[] = {
        {"", 0, "expected an expression"},
        {"   ", 3, "expected an expression"},
        {"a b", 2, "expected end of expression"},
        {"a +  ", 5, "expected an expression"},
        {"(a", 2, "expected `)`"},
        {"(a + b c)", 7, "expected `)`"},
        {"a)", 1, "unexpected `)`"},
        {"a ]", 2, "unexpected `]`"},
        {"[a, b", 5, "expected `,` or `]`"},
        {"[a, ]", 4, "expected an expression"},
        {"min(a b)", 6, "expected `,` or `)`"},
        {"max()", 4, "expected an expression"},
        {"()", 1, "expected an expression"},
        {"a and or b", 6, "expected an expression"},
        {"not", 3, "expected an expression"},
        {"a.", 1, "expected end of expression"},
        {"a = b", 2, "expected end of expression"},
    };
    for (auto const& c : cases) {
        INFO("`" << c.text << "`");
        SyntaxError e = parse_error(c.text);
        CHECK(e.offset == c.offset);
        CHECK(e.message == c.message);
    }
    CHECK(parse_error("a = b").hint == "use `==` to compare");
    CHECK(parse_error("a && b").hint == "write `and`");
    CHECK(parse_error("a b").length == 1);
    CHECK(parse_error("a bcd").length == 3);
}

TEST_CASE("nesting is limited before parsing", "[grammar][limits]") {
    std::string deep = repeat("(", 64) + "a" + repeat(")", 64);
    CHECK(shape(deep) == "a");
    CHECK(parse_ok(repeat("[", 64) + repeat("]", 64)).nodes.size() == 64);
    CHECK(parse_ok(repeat("min(", 64) + "a" + repeat(")", 64)).nodes.size() == 65);

    SyntaxError e = parse_error(repeat("(", 65) + "a" + repeat(")", 65));
    CHECK(e.offset == 64);
    CHECK(e.message == "expression nests deeper than 64 levels");
    CHECK(parse_error(repeat("[(", 40)).offset == 64);
    // Closed brackets do not count, nor brackets inside strings.
    CHECK(parse_ok(repeat("(a) + ", 100) + "a").nodes.size() == 201);
    CHECK(parse_ok("\"" + repeat("(", 100) + "\"").nodes.size() == 1);

    auto started = std::chrono::steady_clock::now();
    e = parse_error(repeat("(", 100000));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
    CHECK(e.offset == 64);
    CHECK(e.message == "expression nests deeper than 64 levels");
}

TEST_CASE("length is limited - long flat expressions do not recurse", "[grammar][limits]") {
    std::string flat = repeat("a+", 2047) + "bb";
    REQUIRE(flat.size() == max_expression_length);
    CHECK(parse_ok(flat).nodes.size() == 4095);

    SyntaxError e = parse_error(flat + " ");
    CHECK(e.offset == 4096);
    CHECK(e.message == "expression is longer than 4096 bytes");
    CHECK(parse_error(repeat("x", 1'000'000)).offset == 4096);

    ExprTree nots = parse_ok(repeat("not ", 1023) + "a");
    CHECK(nots.nodes.size() == 1024);
    CHECK(nots.at(nots.root).offset == 0);
    CHECK(parse_ok(repeat("a and ", 682) + "a").nodes.size() == 1365);
    CHECK(parse_ok("[" + repeat("a,", 2000) + "a]").at(0).kind == NodeKind::Name);
}

TEST_CASE("non-ASCII and NUL bytes are errors, not crashes", "[grammar][robust]") {
    SyntaxError e = parse_error("café");
    CHECK(e.offset == 3);
    CHECK(e.hint == "non-ASCII characters are only allowed inside strings");
    CHECK(parse_error("\xff").offset == 0);
    CHECK(parse_error("a \x80\x80").offset == 2);
    CHECK(parse_error(std::string_view("a\0b", 3)).offset == 1);
    CHECK(parse_error(std::string_view("\0", 1)).message == "expected an expression");
    CHECK(parse_error("a\vb").offset == 1); // only space, tab, CR and LF are whitespace
    CHECK(shape("a\r\n\t+ b") == "(+ a b)");
}

TEST_CASE("random bytes never throw", "[grammar][robust]") {
    std::mt19937 rng(20240601);
    std::string_view const alphabet =
        "ab1 0.()[],\"\\-+<=>!notandorinminmax2030-02-3BUSDKMywd\x80\xff";
    std::uniform_int_distribution<int> byte(0, 255), length(0, 48);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int i = 0; i < 4000; ++i) {
        std::string text;
        int n = length(rng);
        for (int k = 0; k < n; ++k)
            text += i % 2 ? static_cast<char>(byte(rng)) : alphabet[pick(rng)];
        INFO("case " << i);
        std::variant<ExprTree, SyntaxError> result;
        REQUIRE_NOTHROW(result = parse_expression(text));
        if (auto* e = std::get_if<SyntaxError>(&result)) {
            CHECK(e->offset <= text.size());
            CHECK_FALSE(e->message.empty());
        } else {
            ExprTree const& tree = std::get<ExprTree>(result);
            for (Node const& node : tree.nodes)
                CHECK(node.offset + node.length <= text.size());
        }
    }
}

// ---- Phrases -------------------------------------------------------------------

namespace {

enum Kind : std::uint32_t { Party = 1, Verb, Value, Marker };

std::vector<LexiconEntry> test_entries() {
    return {
        {"openai", Party, 0},        {"microsoft", Party, 1}, {"ms", Party, 1},
        {"acquires", Verb, 0},       {"buys", Verb, 0},       {"windsurf", Value, 0},
        {"aws", Value, 1},           {"google", Value, 2},    {"google cloud", Value, 3},
        {"stateless api", Value, 4}, {"for", Marker, 0},      {"on", Marker, 1},
        {"to", Marker, 2},
    };
}

std::vector<PhraseItem> phrase_ok(Lexicon const& lexicon, std::string_view text) {
    auto result = lexicon.parse(text);
    if (result.error)
        FAIL("`" << text << "`: " << result.error->offset << ": " << result.error->message);
    return std::move(result.items);
}

PhraseError phrase_error(Lexicon const& lexicon, std::string_view text) {
    auto result = lexicon.parse(text);
    if (!result.error) FAIL("`" << text << "` parsed");
    return std::move(*result.error);
}

// Items as text: words by entry phrase, literals by kind.
std::string items_of(std::vector<PhraseItem> const& items) {
    std::string out;
    for (PhraseItem const& item : items) {
        if (!out.empty()) out += " | ";
        switch (item.kind) {
        case ItemKind::Word:
            out += item.entry->phrase;
            break;
        case ItemKind::Consent:
            out += "consent:" + item.entry->phrase;
            break;
        case ItemKind::When:
            out += item.when.kind == When::Kind::Today ? "today"
                   : item.when.kind == When::Kind::Day ? "day:" + format_date(item.when.from)
                                                       : "period:" + format_date(item.when.from) +
                                                             ".." + format_date(item.when.until);
            if (!item.when.introduced) out += "(bare)";
            break;
        case ItemKind::Given:
            out += "given:" + item.name;
            break;
        case ItemKind::Literal:
            out += item.unit.empty() ? "literal" : "literal:" + item.unit;
            break;
        }
    }
    return out;
}

} // namespace

TEST_CASE("phrases are sequences of lexicon words and literals", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto items = phrase_ok(lexicon, "OpenAI acquires Windsurf for 3B USD");
    CHECK(items_of(items) == "openai | acquires | windsurf | for | literal");
    CHECK(items[0].entry->phrase == "openai");
    CHECK(items[0].entry->kind == Party);
    CHECK(items[2].offset == 16);
    CHECK(items[2].length == 8);
    REQUIRE(items[4].literal.kind == LiteralKind::Money);
    CHECK(items[4].literal.money == Money{300'000'000'000, make_currency("USD")});
    CHECK(items[4].offset == 29);
    CHECK(items[4].length == 6);

    items = phrase_ok(lexicon, "ms buys windsurf for 7y to 2w 12.5 \"Project X\" 2026-01-15");
    REQUIRE(items.size() == 10);
    CHECK(items[4].literal.duration == Duration{84, 0});
    CHECK(items[6].literal.duration == Duration{0, 14});
    CHECK(items[7].literal.number == Number{125, -1});
    CHECK(items[8].literal.string == "Project X");
    CHECK(items[9].literal.kind == LiteralKind::Date);

    CHECK(phrase_ok(lexicon, "").empty());
    CHECK(phrase_ok(lexicon, "  \t ").empty());
}

TEST_CASE("matching is case- and whitespace-insensitive, longest entry first", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto items = phrase_ok(lexicon, "  MS  buys\tGoogle \n  Cloud ");
    CHECK(items_of(items) == "ms | buys | google cloud");
    CHECK(items[2].offset == 11);
    CHECK(items[2].length == 15);
    CHECK(items_of(phrase_ok(lexicon, "STATELESS   Api on google")) ==
          "stateless api | on | google");
    // The longest entry ending at a word boundary wins.
    CHECK(items_of(phrase_ok(lexicon, "google cloud")) == "google cloud");
    CHECK(items_of(phrase_ok(lexicon, "google")) == "google");
    PhraseError e = phrase_error(lexicon, "google cloudy");
    CHECK(e.word == "cloudy");
    CHECK(e.offset == 7);
    e = phrase_error(lexicon, "msft buys aws");
    CHECK(e.word == "msft");
    CHECK(e.offset == 0);
    CHECK(e.length == 4);
    CHECK(phrase_error(lexicon, "on-prem").word == "on-prem");
}

TEST_CASE("`on` and `as of` with a date give a time item", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto items = phrase_ok(lexicon, "on AWS on 2026-01-15");
    CHECK(items_of(items) == "on | aws | day:2026-01-15");
    CHECK(items[2].kind == ItemKind::When);
    CHECK(items[2].offset == 7);
    CHECK(items[2].length == 13);

    CHECK(items_of(phrase_ok(lexicon, "openai buys windsurf As  Of 2027-12-31?")) ==
          "openai | buys | windsurf | day:2027-12-31");
    PhraseError e = phrase_error(lexicon, "as of 2026-02-30");
    CHECK(e.offset == 6);
    CHECK(e.length == 10);
    CHECK(e.message == "impossible date 2026-02-30");
    e = phrase_error(lexicon, "as of aws");
    CHECK(e.offset == 6);
    CHECK(e.message == "expected a date");
}

TEST_CASE("given lists assign facts", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto items = phrase_ok(
        lexicon,
        "openai buys windsurf given closed=true, Region = EU,approved=UNKNOWN, price=3B USD, "
        "deal.note=\"a, b\", filed=False");
    REQUIRE(items.size() == 9);
    CHECK(items_of(items) == "openai | buys | windsurf | given:closed | given:Region | "
                             "given:approved | given:price | given:deal.note | given:filed");
    CHECK(items[3].given == PhraseItem::GivenValue::Literal);
    CHECK(items[3].literal.kind == LiteralKind::Bool);
    CHECK(items[3].literal.boolean);
    CHECK(items[3].offset == 27);
    CHECK(items[3].length == 11);
    CHECK(items[4].given == PhraseItem::GivenValue::Ident);
    CHECK(items[4].ident == "EU");
    CHECK(items[5].given == PhraseItem::GivenValue::Unknown);
    CHECK(items[6].literal.money.cents == 300'000'000'000);
    CHECK(items[7].literal.string == "a, b");
    CHECK(items[8].literal.kind == LiteralKind::Bool);
    CHECK_FALSE(items[8].literal.boolean);

    PhraseError e = phrase_error(lexicon, "given x=");
    CHECK(e.offset == 8);
    CHECK(e.message == "expected a value");
    CHECK(phrase_error(lexicon, "given x").message == "expected `=`");
    CHECK(phrase_error(lexicon, "given =1").message == "expected a fact name");
    // A comma after the facts ends the list: what follows is the rest of the question.
    CHECK(items_of(phrase_ok(lexicon, "given x=1, on 2026-01-15")) == "given:x | day:2026-01-15");
}

TEST_CASE("consent forms name a lexicon entry", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto items = phrase_ok(lexicon, "OpenAI acquires Windsurf with consent of Microsoft");
    REQUIRE(items.size() == 4);
    CHECK(items[3].kind == ItemKind::Consent);
    CHECK(items[3].entry->phrase == "microsoft");
    CHECK(items[3].offset == 25);
    CHECK(items[3].length == 25);

    items = phrase_ok(lexicon, "openai buys windsurf with MS's consent.");
    REQUIRE(items.size() == 4);
    CHECK(items[3].kind == ItemKind::Consent);
    CHECK(items[3].entry->phrase == "ms");
    CHECK(items[3].offset == 21);
    CHECK(items[3].length == 17);

    PhraseError e = phrase_error(lexicon, "with consent of nobody");
    CHECK(e.word == "nobody");
    CHECK(e.offset == 16);
    items = phrase_ok(lexicon, "with the consent of MS");
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == ItemKind::Consent);
    items = phrase_ok(lexicon, "with ms approval");
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == ItemKind::Consent);
}

TEST_CASE("unknown words are reported as written, at their offset", "[phrase]") {
    Lexicon lexicon(test_entries());
    PhraseError e = phrase_error(lexicon, "OpenAI acquires  Xyz for 3B USD");
    CHECK(e.offset == 17);
    CHECK(e.length == 3);
    CHECK(e.word == "Xyz");
    CHECK(e.message == "unknown word `Xyz`");

    e = phrase_error(lexicon, "openai (acquires) windsurf");
    CHECK(e.offset == 7);
    CHECK(e.word.empty());
    CHECK(e.message == "unexpected `(`");
    CHECK(phrase_error(lexicon, "openai; buys").message == "unexpected `;`");
    CHECK(phrase_error(lexicon, "openai buys. windsurf").offset == 11);
    // The common currency codes in any case; another code only in capitals.
    CHECK(phrase_error(lexicon, "openai for 3b xyz").word == "3b");
    CHECK(phrase_ok(lexicon, "openai for 3b XYZ")[2].literal.kind == LiteralKind::Money);
    CHECK(phrase_ok(lexicon, "openai for 3b usd")[2].literal.money ==
          Money{300'000'000'000, make_currency("USD")});
    CHECK(phrase_error(lexicon, "openai buys café").word == "café");
    CHECK(phrase_error(lexicon, "openai \"unterminated").message == "expected `\"`");
}

TEST_CASE("dates as people write them: days, months, years and ranges", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto when = [&](std::string_view text) { return items_of(phrase_ok(lexicon, text)); };
    CHECK(when("June 1, 2025") == "day:2025-06-01(bare)");
    CHECK(when("on 1 June 2025") == "day:2025-06-01");
    CHECK(when("January 1st, 2030") == "day:2030-01-01(bare)");
    CHECK(when("15 Jan 2026") == "day:2026-01-15(bare)");
    CHECK(when("Sept. 3rd 2025") == "day:2025-09-03(bare)");
    CHECK(when("2nd of March 2027") == "day:2027-03-02(bare)");
    CHECK(when("mid-June 2025") == "day:2025-06-15(bare)");
    CHECK(when("as of mid June 2025") == "day:2025-06-15");
    CHECK(when("2025-06") == "period:2025-06-01..2025-06-30(bare)");
    CHECK(when("in February 2028") == "period:2028-02-01..2028-02-29");
    CHECK(when("during 2027") == "period:2027-01-01..2027-12-31");
    CHECK(when("at 2027-02") == "period:2027-02-01..2027-02-28");
    CHECK(when("between 2030 and 2031") == "period:2030-01-01..2031-12-31");
    CHECK(when("from 2025-01-01 to 2025-12-31") == "period:2025-01-01..2025-12-31");
    CHECK(when("from March 2025 through June 2025") == "period:2025-03-01..2025-06-30");
    CHECK(when("today") == "today(bare)");
    CHECK(when("as of now") == "today");
    // A bare year is a number: the reader decides (a year, unless a number fits).
    CHECK(when("2027") == "literal");
    // "May" the month needs a day or a year; "on" and "from" without a time are words.
    CHECK(when("on aws") == "on | aws");
    CHECK(phrase_error(lexicon, "from aws").word == "from");

    CHECK(phrase_error(lexicon, "June 31, 2025").message == "impossible date June 31, 2025");
    CHECK(phrase_error(lexicon, "in 2025-13").message == "impossible date 2025-13");
    PhraseError e = phrase_error(lexicon, "between 2031 and 2030");
    CHECK(e.message == "the period ends before it starts");
    CHECK(e.offset == 0);
    CHECK(phrase_error(lexicon, "as of June").message == "expected a date");
}

TEST_CASE("money as people write it is exact", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto money = [&](std::string_view text) {
        auto items = phrase_ok(lexicon, text);
        REQUIRE(items.size() == 1);
        REQUIRE(items[0].literal.kind == LiteralKind::Money);
        CHECK(items[0].length == text.size());
        return format_money(items[0].literal.money);
    };
    CHECK(money("3B USD") == "3B USD");
    CHECK(money("$3 billion") == "3B USD");
    CHECK(money("$3bn") == "3B USD");
    CHECK(money("US$3.5B") == "3.5B USD");
    CHECK(money("3 billion dollars") == "3B USD");
    CHECK(money("USD 3,000,000,000") == "3B USD");
    CHECK(money("\xE2\x82\xAC"
                "250M") == "250M EUR");
    CHECK(money("\xC2\xA3"
                "1.25 million") == "1.25M GBP");
    CHECK(money("1,500.25 EUR") == "1500.25 EUR");
    CHECK(money("3e9 USD") == "3B USD");
    CHECK(money("250 thousand euros") == "250K EUR");
    CHECK(phrase_error(lexicon, "$1.001").message == "money amount $1.001 has fractions of a cent");
    CHECK(phrase_error(lexicon, "$1e30 dollars").message ==
          "money amount $1e30 dollars is too large");
}

TEST_CASE("numbers with a percent sign or thousands separators", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto items = phrase_ok(lexicon, "20% 1,000,000 3.5e24");
    CHECK(items_of(items) == "literal:% | literal | literal");
    CHECK(items[0].literal.number == *make_number(20, 0));
    CHECK(items[1].literal.number == *make_number(1'000'000, 0));
    CHECK(items[2].literal.number == *make_number(35, 23));
}

TEST_CASE("dashes, apostrophes and commas as people type them", "[phrase]") {
    Lexicon lexicon(
        {{"openai", Party, 0}, {"openai's", 9, 0}, {"- allowed", 8, 4}, {"aws", Kind::Value, 1}});
    CHECK(items_of(phrase_ok(lexicon, "OpenAI, AWS \xE2\x80\x94"
                                      " allowed?")) == "openai | aws | - allowed");
    CHECK(items_of(phrase_ok(lexicon, "AWS\xE2\x80\x93"
                                      "allowed")) == "aws | - allowed");
    auto items = phrase_ok(lexicon, "OpenAI\xE2\x80\x99"
                                    "s AWS");
    CHECK(items_of(items) == "openai's | aws");
    CHECK(items[1].offset == 11); // offsets stay those of the original text
}

TEST_CASE("a phrase with two meanings keeps both, the first found by matching", "[phrase]") {
    Lexicon lexicon({{"helios", Kind::Value, 7}, {"openai", Party, 0}, {"helios", Party, 1}});
    auto items = phrase_ok(lexicon, "Helios");
    REQUIRE(items.size() == 1);
    auto meanings = lexicon.meanings(items[0].entry);
    REQUIRE(meanings.size() == 2);
    CHECK(meanings[0].phrase == "helios");
    CHECK(meanings[1].phrase == "helios");
    CHECK(meanings[0].kind + meanings[1].kind == Kind::Value + Party);
}

TEST_CASE("the items before an unknown word come with the error", "[phrase]") {
    Lexicon lexicon(test_entries());
    auto result = lexicon.parse("openai buys zzz");
    REQUIRE(result.error);
    CHECK(items_of(result.items) == "openai | buys");
}

TEST_CASE("random phrases never throw", "[phrase][robust]") {
    Lexicon lexicon(test_entries());
    std::mt19937 rng(7);
    std::vector<std::string> const pieces = {
        "openai", "MS",         "buys",   "google", "cloud", "on",   "as of",
        "given",  "x=",         "true",   ",",      "'s",    "with", "consent",
        "of",     "2026-01-15", "3B USD", "7y",     "\"",    "\xc3", " ",
        "\t",     ".",          "?",      "(",      "\\",    "=",    std::string(1, '\0'),
        "9"};
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 12);
    for (int i = 0; i < 3000; ++i) {
        std::string text;
        for (std::size_t k = length(rng); k > 0; --k)
            text += pieces[pick(rng)];
        INFO("`" << text << "`");
        PhraseParse result;
        REQUIRE_NOTHROW(result = lexicon.parse(text));
        if (result.error) CHECK(result.error->offset <= text.size());
        for (PhraseItem const& item : result.items)
            CHECK(item.offset + item.length <= text.size());
    }
}

// ---- Verb forms ----------------------------------------------------------------------

TEST_CASE("verbs in every form from the one a vocabulary declares", "[phrase][verbs]") {
    using dealcheck::util::verb_forms;
    struct Case {
        const char *declared, *base, *third, *ing;
    };
    for (auto c : std::vector<Case>{
             {"acquires", "acquire", "acquires", "acquiring"},
             {"acquire", "acquire", "acquires", "acquiring"},
             {"serves its API", "serve its API", "serves its API", "serving its API"},
             {"publishes", "publish", "publishes", "publishing"},
             {"buys", "buy", "buys", "buying"},
             {"ships with", "ship with", "ships with", "shipping with"},
             {"runs", "run", "runs", "running"},
             {"offers", "offer", "offers", "offering"},
             {"rents", "rent", "rents", "renting"},
             {"carries", "carry", "carries", "carrying"},
             {"sits in on board meetings", "sit in on board meetings", "sits in on board meetings",
              "sitting in on board meetings"},
             {"takes over", "take over", "takes over", "taking over"},
             {"uses", "use", "uses", "using"},
             {"ties", "tie", "ties", "tying"},
             {"sees", "see", "sees", "seeing"},
             {"goes", "go", "goes", "going"},
             {"access", "access", "accesses", "accessing"},
         }) {
        INFO(c.declared);
        auto forms = verb_forms(c.declared);
        CHECK(forms.base == c.base);
        CHECK(forms.third_person == c.third);
        CHECK(forms.ing == c.ing);
    }
}
