// Parsing a rule file's YAML within the loader's limits (model/limits.hpp): UTF-8 text,
// nesting depth, the deal's budgets of nodes and text, one document, no tags.
#pragma once

#include "loader/context.hpp"
#include "loader/yaml_tree.hpp"

namespace dealcheck::loader {

// Which parser reads the file (loader/yaml_events.hpp): yaml-cpp for rule files, libyaml
// for histories.
enum class YamlParser { YamlCpp, LibYaml };

// Reports a located error and returns a document with an undefined root on failure.
yaml::Document parse_yaml(Context& ctx, std::uint32_t file,
                          YamlParser parser = YamlParser::YamlCpp);

} // namespace dealcheck::loader
