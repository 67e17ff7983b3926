// The YAML tree the loaders read (loader/yaml_tree.hpp), built from yaml-cpp's events
// in one pass: kinds, scalar text, marks, entry order, shared aliases, and the flow
// text a test case's structured question is re-read from.
#include "loader/yaml_parse.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace dealcheck;
using namespace dealcheck::loader;

namespace {

// Parses `text` as the file `name` of a scratch deal; the document keeps its nodes.
struct Parsed {
    model::Deal deal;
    Diagnostics diags;
    Context ctx{deal, diags};
    yaml::Document document;
    explicit Parsed(std::string text) {
        document = parse_yaml(ctx, ctx.add_file("t.yaml", std::move(text)));
    }
    yaml::Node root() const { return document.root(); }
};

std::vector<std::string> keys(const yaml::Node& map) {
    std::vector<std::string> out;
    for (auto [key, value] : map.entries())
        out.emplace_back(key.scalar());
    return out;
}

} // namespace

TEST_CASE("the tree keeps kinds, text and entry order", "[yaml]") {
    Parsed p("b: two words\n"
             "a: [x, 'y z', ~]\n"
             "c: {k: v}\n"
             "d:\n"
             "e: \"tab\\tand \\\"quote\\\"\"\n");
    REQUIRE(p.diags.error_count() == 0);
    auto root = p.root();
    REQUIRE(root.is_map());
    CHECK(root.size() == 5);
    CHECK(keys(root) == std::vector<std::string>{"b", "a", "c", "d", "e"});
    std::vector<yaml::Node> values;
    for (auto [key, value] : root.entries())
        values.push_back(value);
    CHECK(values[0].scalar() == "two words");
    REQUIRE(values[1].is_list());
    std::vector<yaml::Kind> kinds;
    for (auto item : values[1].items())
        kinds.push_back(item.kind());
    CHECK(kinds ==
          std::vector<yaml::Kind>{yaml::Kind::Scalar, yaml::Kind::Scalar, yaml::Kind::Null});
    CHECK(values[2].is_map());
    CHECK(values[3].is_null());
    CHECK(values[4].scalar() == "tab\tand \"quote\"");
    // Asking a node for what it is not gives nothing, not an error.
    CHECK(values[0].items().begin() == values[0].items().end());
    CHECK(values[1].scalar().empty());
    CHECK_FALSE(yaml::Node().defined());
}

TEST_CASE("marks are 0-based byte offsets, lines and columns of where a node starts", "[yaml]") {
    Parsed p("top:\n  - first\n  - {inner: value}\n");
    REQUIRE(p.diags.error_count() == 0);
    auto [key, list] = *p.root().entries().begin();
    CHECK(key.mark().line == 0);
    CHECK(key.mark().column == 0);
    std::vector<yaml::Node> items;
    for (auto item : list.items())
        items.push_back(item);
    REQUIRE(items.size() == 2);
    CHECK(items[0].mark().line == 1);
    CHECK(items[0].mark().column == 4);
    CHECK(items[0].mark().pos == 9);
    auto [inner_key, inner_value] = *items[1].entries().begin();
    CHECK(inner_value.mark().line == 2);
    CHECK(inner_value.mark().column == 12);
}

TEST_CASE("an alias is the anchored node itself", "[yaml]") {
    Parsed p("a: &shared {k: [1, 2]}\nb: *shared\nc: &s text\nd: *s\n");
    REQUIRE(p.diags.error_count() == 0);
    std::vector<yaml::Node> values;
    for (auto [key, value] : p.root().entries())
        values.push_back(value);
    REQUIRE(values[1].is_map());
    CHECK(yaml::flow_text(values[1]) == yaml::flow_text(values[0]));
    CHECK(values[1].mark().line == 0); // where the anchored node is written
    CHECK(values[3].scalar() == "text");
}

TEST_CASE("flow text reads back as the same tree", "[yaml]") {
    Parsed p("question:\n"
             "  party: openai\n"
             "  attributes: {api: \"say \\\"hi\\\" \\\\ back\", cloud: [aws, gcp]}\n"
             "  facts: {x: ~}\n"
             "  date: '{date}'\n");
    REQUIRE(p.diags.error_count() == 0);
    auto question = (*p.root().entries().begin()).value;
    auto text = yaml::flow_text(question);
    CHECK(text == "{\"party\": \"openai\", \"attributes\": {\"api\": \"say \\\"hi\\\" \\\\ back\", "
                  "\"cloud\": [\"aws\", \"gcp\"]}, \"facts\": {\"x\": ~}, \"date\": \"{date}\"}");
    Parsed again(text);
    REQUIRE(again.diags.error_count() == 0);
    CHECK(yaml::flow_text(again.root()) == text);
}

TEST_CASE("a file that cannot be parsed gives an undefined root and a located error", "[yaml]") {
    Parsed p("a: [1, 2\nb: 3\n");
    CHECK_FALSE(p.root().defined());
    REQUIRE(p.diags.error_count() == 1);
    CHECK(p.diags.items()[0].where.file == "t.yaml");
    CHECK(p.diags.items()[0].where.line > 0);
}
