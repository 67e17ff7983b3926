// Strict reading of YAML nodes: yaml-cpp accepts duplicate keys and converts `012`
// or `yes` silently, so every map and scalar of a rule file goes through here.
#pragma once

#include "loader/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck::loader {

// Reads one YAML map: reports duplicate keys and unknown keys (with the nearest
// allowed key as a hint) when constructed, and missing required keys on require().
class MapReader {
  public:
    MapReader(Context& ctx, std::uint32_t file, const YAML::Node& node, std::string what,
              std::vector<std::string> allowed);

    bool is_map() const { return is_map_; }
    // The value of `key`, or an undefined node when absent.
    YAML::Node get(const std::string& key) const;
    // As get(), but reports "missing required key" at the map when absent.
    YAML::Node require(const std::string& key) const;
    SourceLocation where() const { return ctx_.at(file_, node_.Mark()); }

  private:
    Context& ctx_;
    std::uint32_t file_;
    YAML::Node node_;
    std::string what_;
    bool is_map_ = false;
    std::vector<std::pair<std::string, YAML::Node>> entries_;
};

// Scalar readers: each reports a located error and returns nullopt on bad input.
class ScalarReader {
  public:
    ScalarReader(Context& ctx, std::uint32_t file) : ctx_(ctx), file_(file) {}

    std::optional<std::string> text(const YAML::Node& n, const std::string& what);
    // An identifier: [a-z][a-z0-9_-]* (dots not allowed: they separate paths).
    std::optional<std::string> identifier(const YAML::Node& n, const std::string& what);
    std::optional<Date> date(const YAML::Node& n, const std::string& what);
    std::optional<bool> boolean(const YAML::Node& n, const std::string& what);
    // A scalar or a sequence of scalars.
    std::vector<std::string> text_list(const YAML::Node& n, const std::string& what);
    // With `where`, also records where each identifier returned is written.
    std::vector<std::string> identifier_list(const YAML::Node& n, const std::string& what,
                                             std::vector<SourceLocation>* where = nullptr);
    // An expression held in a scalar, with where its first character sits in the file.
    std::optional<model::ExprSource> expression(const YAML::Node& n, const std::string& what);

    SourceLocation at(const YAML::Node& n) const { return ctx_.at(file_, n.Mark()); }
    void error(const YAML::Node& n, std::string message, std::string hint = {});

  private:
    Context& ctx_;
    std::uint32_t file_;
};

// Parses a file's YAML within the loader's limits (model/limits.hpp: UTF-8 text,
// nesting depth, the deal's node budget, one document, no tags); reports a located
// error and returns an undefined node on failure.
YAML::Node parse_yaml(Context& ctx, std::uint32_t file);

} // namespace dealcheck::loader
