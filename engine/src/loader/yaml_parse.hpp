// Parsing a rule file's YAML within the loader's limits (model/limits.hpp): UTF-8 text,
// nesting depth, the deal's budgets of nodes and text, one document, no tags.
#pragma once

#include "loader/context.hpp"
#include "loader/yaml_tree.hpp"

namespace dealcheck::loader {

// Reports a located error and returns a document with an undefined root on failure.
yaml::Document parse_yaml(Context& ctx, std::uint32_t file);

} // namespace dealcheck::loader
