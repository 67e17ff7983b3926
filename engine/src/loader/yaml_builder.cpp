#include "loader/yaml_builder.hpp"

#include <algorithm>

namespace dealcheck::loader {

Builder::Builder(const Context& ctx, std::string_view text, Size budget)
    : ctx_(ctx), text_(text), budget_(budget), tree_(std::make_unique<yaml::Tree>()) {
    tree_->text.reserve(text.size());
    // A node takes at least a few bytes of text: this spares the list's regrowth.
    tree_->nodes.reserve(text.size() / 8);
}

void Builder::document_start(const yaml::Mark& mark) {
    if (++documents_ > 1)
        throw Stop{DiagnosticCode::several_documents, mark, "a second YAML document starts here",
                   "a rule file is one document: remove the `---` separator"};
}

void Builder::null(const yaml::Mark& mark, Anchor anchor) {
    if (open_.empty()) empty_ = true;
    add(mark, {1, 0}, anchor, node(yaml::Kind::Null, mark));
}

void Builder::alias(const yaml::Mark& mark, Anchor anchor) {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) // the parsers report unknown anchors themselves; be safe
        add(mark, {1, 0}, 0, node(yaml::Kind::Null, mark));
    else
        add(mark, it->second.size, 0, it->second.node);
}

void Builder::scalar(const yaml::Mark& mark, std::string_view tag, Anchor anchor,
                     std::string_view value) {
    auto index = node(yaml::Kind::Scalar, mark);
    auto& d = tree_->nodes[index];
    d.begin = static_cast<std::uint32_t>(tree_->text.size());
    d.size = static_cast<std::uint32_t>(value.size());
    add(mark, {1, value.size()}, anchor, index);
    check_tag(mark, tag);
    if (tag == "!") check_closed(mark);
    tree_->text += value;
}

void Builder::open(const yaml::Mark& mark, std::string_view tag, Anchor anchor, yaml::Kind kind) {
    auto index = node(kind, mark);
    add(mark, {1, 0}, 0, index);
    check_tag(mark, tag);
    open_.push_back({anchor, used_, index, pending_.size()});
    open_.back().at_start.nodes -= 1; // the collection's own node
    if (open_.size() > static_cast<std::size_t>(limits::max_yaml_depth))
        throw Stop{DiagnosticCode::yaml_too_deep, mark,
                   "YAML nests deeper than " + std::to_string(limits::max_yaml_depth) + " levels",
                   "flatten the structure; rule files never need this depth"};
}

void Builder::close() {
    if (open_.empty()) return;
    auto o = open_.back();
    open_.pop_back();
    auto& d = tree_->nodes[o.node];
    auto count = pending_.size() - o.first_child;
    d.begin = static_cast<std::uint32_t>(tree_->children.size());
    d.size = static_cast<std::uint32_t>(d.kind == yaml::Kind::Map ? count / 2 : count);
    tree_->children.insert(tree_->children.end(), pending_.begin() + o.first_child, pending_.end());
    pending_.resize(o.first_child);
    if (o.anchor)
        anchors_[o.anchor] = {{used_.nodes - o.at_start.nodes, used_.text - o.at_start.text},
                              o.node};
}

std::uint32_t Builder::node(yaml::Kind kind, const yaml::Mark& mark) {
    tree_->nodes.push_back({kind, mark});
    return static_cast<std::uint32_t>(tree_->nodes.size() - 1);
}

// Counts a node against the budgets and makes it a child of the open collection.
void Builder::add(const yaml::Mark& mark, Size size, Anchor anchor, std::uint32_t index) {
    used_.nodes += size.nodes;
    used_.text += size.text;
    if (anchor) anchors_[anchor] = {size, index};
    if (used_.nodes > budget_.nodes)
        throw Stop{DiagnosticCode::deal_too_large, mark,
                   "the deal's files hold more than " + std::to_string(ctx_.limits().yaml_nodes) +
                       " YAML nodes (aliases count as what they stand for)",
                   ctx_.over_limit_hint(), true};
    if (used_.text > budget_.text)
        throw Stop{DiagnosticCode::deal_too_large, mark,
                   "the deal's YAML values hold more than " +
                       std::to_string(ctx_.limits().yaml_text >> 20) +
                       " MiB of text (aliases count as what they stand for)",
                   ctx_.over_limit_hint(), true};
    if (open_.empty())
        root_ = index;
    else
        pending_.push_back(index);
}

// yaml-cpp ends a quoted string left open at the end of the file as if it were
// closed there, so a forgotten quote would swallow the rest of the file silently.
void Builder::check_closed(const yaml::Mark& mark) const {
    auto pos = static_cast<std::size_t>(std::max(0, mark.pos));
    if (pos >= text_.size() || (text_[pos] != '"' && text_[pos] != '\'')) return;
    char quote = text_[pos];
    for (std::size_t i = pos + 1; i < text_.size(); ++i) {
        if (quote == '"' && text_[i] == '\\')
            ++i;
        else if (text_[i] == quote && quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'')
            ++i;
        else if (text_[i] == quote)
            return;
    }
    throw Stop{DiagnosticCode::yaml_syntax, mark,
               std::string("this string has no closing `") + quote + "`",
               "it runs to the end of the file; close it where it should end"};
}

// Plain scalars and untagged collections have the tag `?`, quoted scalars `!`.
void Builder::check_tag(const yaml::Mark& mark, std::string_view tag) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    static constexpr std::string_view core = "tag:yaml.org,2002:";
    std::string written =
        tag.starts_with(core) ? "!!" + std::string(tag.substr(core.size())) : std::string(tag);
    throw Stop{DiagnosticCode::yaml_tag, mark,
               "YAML tag `" + written + "` is not supported in rule files",
               "remove it: the vocabulary gives every value its type"};
}

} // namespace dealcheck::loader
