#include "loader/yaml_tree.hpp"

#include <cstdio>

namespace dealcheck::loader::yaml {

Kind Node::kind() const {
    return tree_ ? tree_->nodes[index_].kind : Kind::Undefined;
}

std::string_view Node::scalar() const {
    if (!is_scalar()) return {};
    const auto& d = tree_->nodes[index_];
    return std::string_view(tree_->text).substr(d.begin, d.size);
}

Mark Node::mark() const {
    return tree_ ? tree_->nodes[index_].mark : Mark{};
}

std::size_t Node::size() const {
    return is_list() || is_map() ? tree_->nodes[index_].size : 0;
}

Node::Range<Node> Node::items() const {
    if (!is_list()) return {nullptr, nullptr, nullptr};
    const auto& d = tree_->nodes[index_];
    const auto* first = tree_->children.data() + d.begin;
    return {tree_, first, first + d.size};
}

Node::Range<Entry> Node::entries() const {
    if (!is_map()) return {nullptr, nullptr, nullptr};
    const auto& d = tree_->nodes[index_];
    const auto* first = tree_->children.data() + d.begin;
    return {tree_, first, first + 2 * d.size};
}

static void quote(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\x%02X", static_cast<unsigned char>(c));
            out += esc;
        } else {
            out += c;
        }
    }
    out += '"';
}

static void write(std::string& out, const Node& n) {
    switch (n.kind()) {
    case Kind::Scalar:
        quote(out, n.scalar());
        break;
    case Kind::List: {
        out += '[';
        const char* sep = "";
        for (auto item : n.items()) {
            out += sep;
            write(out, item);
            sep = ", ";
        }
        out += ']';
        break;
    }
    case Kind::Map: {
        out += '{';
        const char* sep = "";
        for (auto [key, value] : n.entries()) {
            out += sep;
            write(out, key);
            out += ": ";
            write(out, value);
            sep = ", ";
        }
        out += '}';
        break;
    }
    default:
        out += '~';
    }
}

std::string flow_text(const Node& n) {
    std::string out;
    write(out, n);
    return out;
}

} // namespace dealcheck::loader::yaml
