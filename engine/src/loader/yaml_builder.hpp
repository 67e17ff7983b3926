// Builds a file's document from a YAML parser's events (loader/yaml_events.hpp), in the
// one pass that also enforces the limits: the nesting depth, the deal-wide budgets of
// nodes and text, one document per file, and no tags. An alias counts as the nodes and
// text it stands for: the document shares the aliased node, but the loaders read it
// again at every alias, so an alias bomb would multiply their work and the copies of
// its text.
#pragma once

#include "loader/context.hpp"
#include "loader/yaml_tree.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dealcheck::loader {

class Builder {
  public:
    // Thrown from an event to stop reading the file: the error to report.
    struct Stop {
        DiagnosticCode code;
        yaml::Mark mark;
        std::string message, hint;
        bool over_budget = false;
    };
    struct Size {
        std::size_t nodes = 0, text = 0;
    };
    using Anchor = std::size_t; // 0: none; else one per anchor defined, in order

    Builder(const Context& ctx, std::string_view text, Size budget);
    Size used() const { return used_; }
    int documents() const { return documents_; }
    bool empty() const { return empty_; }
    yaml::Document document() { return yaml::Document(std::move(tree_), root_); }

    // The events, in the order the parser reads them. `tag` is as written, or `?` for
    // a plain node and `!` for a quoted scalar without one.
    void document_start(const yaml::Mark& mark);
    void null(const yaml::Mark& mark, Anchor anchor);
    void alias(const yaml::Mark& mark, Anchor anchor);
    void scalar(const yaml::Mark& mark, std::string_view tag, Anchor anchor,
                std::string_view value);
    void open(const yaml::Mark& mark, std::string_view tag, Anchor anchor, yaml::Kind kind);
    void close();

  private:
    struct Open {
        Anchor anchor;
        Size at_start;
        std::uint32_t node;
        std::size_t first_child; // in pending_
    };
    struct Anchored {
        Size size;
        std::uint32_t node;
    };
    const Context& ctx_;
    std::string_view text_;
    Size budget_, used_;
    std::unique_ptr<yaml::Tree> tree_;
    std::uint32_t root_ = 0;
    std::vector<Open> open_;             // the collections being read, outermost first
    std::vector<std::uint32_t> pending_; // the children of the open collections
    std::unordered_map<Anchor, Anchored> anchors_;
    int documents_ = 0;
    bool empty_ = false;

    std::uint32_t node(yaml::Kind kind, const yaml::Mark& mark);
    void add(const yaml::Mark& mark, Size size, Anchor anchor, std::uint32_t index);
    void check_closed(const yaml::Mark& mark) const;
    static void check_tag(const yaml::Mark& mark, std::string_view tag);
};

} // namespace dealcheck::loader
