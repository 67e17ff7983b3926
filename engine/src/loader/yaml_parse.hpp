// Parsing a rule file's YAML within the loader's limits (model/limits.hpp): UTF-8 text,
// nesting depth, the deal's budgets of nodes and text, one document, no tags.
#pragma once

#include "loader/context.hpp"
#include "loader/yaml_tree.hpp"

#include <optional>
#include <string>

namespace dealcheck::loader {

// Which parser reads the file (loader/yaml_events.hpp): yaml-cpp for rule files, libyaml
// for histories.
enum class YamlParser { YamlCpp, LibYaml };

// Reports a located error and returns a document with an undefined root on failure.
yaml::Document parse_yaml(Context& ctx, std::uint32_t file,
                          YamlParser parser = YamlParser::YamlCpp);

// parse_yaml() in two steps, so that several files can be parsed at once (histories):
// parse_yaml_apart() reads a file against the budgets as they stand without changing
// the deal; take_parsed() then charges the budgets and reports the file's error, as
// parse_yaml() would have, provided the file still fits_budget() when it is taken
// (else parse it again with parse_yaml(), which stops where the budget runs out).
struct ParsedYaml {
    struct Error {
        DiagnosticCode code;
        yaml::Mark mark; // no line: the file as a whole
        std::string message, hint;
    };
    yaml::Document document;
    std::size_t nodes = 0, text = 0; // of the budgets, used
    bool over_budget = false;
    std::optional<Error> error;
};
ParsedYaml parse_yaml_apart(const Context& ctx, std::uint32_t file, YamlParser parser);
bool fits_budget(const Context& ctx, const ParsedYaml& parsed);
yaml::Document take_parsed(Context& ctx, std::uint32_t file, ParsedYaml parsed);

} // namespace dealcheck::loader
