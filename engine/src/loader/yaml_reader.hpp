// Strict reading of YAML nodes: yaml-cpp accepts duplicate keys and converts `012`
// or `yes` silently, so every map and scalar of a rule file goes through here.
#pragma once

#include "loader/context.hpp"
#include "loader/yaml_parse.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck::loader {

// Reads one YAML map: reports duplicate keys and unknown keys (with the nearest
// allowed key as a hint) when constructed, and missing required keys on require().
class MapReader {
  public:
    MapReader(Context& ctx, std::uint32_t file, const yaml::Node& node, std::string what,
              const std::vector<std::string>& allowed);

    bool is_map() const { return is_map_; }
    // The value of `key`, or an undefined node when absent.
    yaml::Node get(std::string_view key) const;
    // As get(), but reports "missing required key" at the map when absent.
    yaml::Node require(std::string_view key) const;
    SourceLocation where() const { return ctx_.at(file_, node_.mark()); }
    model::Place place() const { return Context::place(file_, node_.mark()); }

  private:
    Context& ctx_;
    std::uint32_t file_;
    yaml::Node node_;
    std::string what_;
    bool is_map_ = false;
    std::vector<std::pair<std::string_view, yaml::Node>> entries_; // views of the document
};

// Scalar readers: each reports a located error and returns nullopt on bad input.
class ScalarReader {
  public:
    ScalarReader(Context& ctx, std::uint32_t file) : ctx_(ctx), file_(file) {}

    std::optional<std::string> text(const yaml::Node& n, const std::string& what);
    // An identifier: [a-z][a-z0-9_-]* (dots not allowed: they separate paths).
    std::optional<std::string> identifier(const yaml::Node& n, const std::string& what);
    std::optional<Date> date(const yaml::Node& n, const std::string& what);
    std::optional<bool> boolean(const yaml::Node& n, const std::string& what);
    // A scalar or a sequence of scalars.
    std::vector<std::string> text_list(const yaml::Node& n, const std::string& what);
    // With `where`, also records where each identifier returned is written.
    std::vector<std::string> identifier_list(const yaml::Node& n, const std::string& what,
                                             std::vector<model::Place>* where = nullptr);
    // An expression held in a scalar, with where its first character sits in the file.
    std::optional<model::ExprSource> expression(const yaml::Node& n, const std::string& what);

    SourceLocation at(const yaml::Node& n) const { return ctx_.at(file_, n.mark()); }
    model::Place place(const yaml::Node& n) const { return Context::place(file_, n.mark()); }
    void error(DiagnosticCode code, const yaml::Node& n, std::string message,
               std::string hint = {});

  private:
    Context& ctx_;
    std::uint32_t file_;
};

} // namespace dealcheck::loader
