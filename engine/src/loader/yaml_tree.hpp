// A rule file's YAML as the loaders read it: compact, immutable nodes with their marks,
// built in one pass from yaml-cpp's parser events (loader/yaml_parse.cpp). yaml-cpp's
// own YAML::Node costs about 500 bytes and several allocations per node and a second
// parse of the file; these cost 24 bytes and share one buffer for all scalar text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace dealcheck::loader::yaml {

// Where a node starts: byte offset, line and column, all 0-based (as yaml-cpp's marks).
struct Mark {
    int pos = -1, line = -1, column = -1;
};

enum class Kind : std::uint8_t { Undefined, Null, Scalar, List, Map };

struct Tree;
struct Entry;

// A node of a document, or an undefined node (a key absent from a map). Cheap to copy;
// valid as long as the Document it comes from.
class Node {
  public:
    Node() = default;
    Node(const Tree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

    Kind kind() const;
    bool defined() const { return kind() != Kind::Undefined; }
    bool is_null() const { return kind() == Kind::Null; }
    bool is_scalar() const { return kind() == Kind::Scalar; }
    bool is_list() const { return kind() == Kind::List; }
    bool is_map() const { return kind() == Kind::Map; }
    // The text of a scalar; empty for any other node.
    std::string_view scalar() const;
    Mark mark() const;
    // Items of a list, entries of a map; 0 for other nodes.
    std::size_t size() const;

    template <class T> class Range;
    Range<Node> items() const;    // a list's items (empty for other nodes)
    Range<Entry> entries() const; // a map's entries, in file order (empty for other nodes)

  private:
    const Tree* tree_ = nullptr;
    std::uint32_t index_ = 0;
};

struct Entry {
    Node key, value;
};

struct Tree {
    struct Data {
        Kind kind;
        Mark mark;
        // Scalars: their text in `text`; collections: their children in `children`
        // (a map's as key, value, key, value, ...).
        std::uint32_t begin = 0, size = 0;
    };
    std::vector<Data> nodes;
    std::vector<std::uint32_t> children;
    std::string text;
};

// The children of a node, as Nodes (lists) or Entries (maps).
template <class T> class Node::Range {
  public:
    class iterator {
      public:
        iterator(const Tree* tree, const std::uint32_t* at) : tree_(tree), at_(at) {}
        T operator*() const {
            if constexpr (std::is_same_v<T, Entry>)
                return Entry{Node(tree_, at_[0]), Node(tree_, at_[1])};
            else
                return Node(tree_, *at_);
        }
        iterator& operator++() {
            at_ += std::is_same_v<T, Entry> ? 2 : 1;
            return *this;
        }
        bool operator==(const iterator&) const = default;

      private:
        const Tree* tree_;
        const std::uint32_t* at_;
    };
    Range(const Tree* tree, const std::uint32_t* begin, const std::uint32_t* end)
        : tree_(tree), begin_(begin), end_(end) {}
    iterator begin() const { return {tree_, begin_}; }
    iterator end() const { return {tree_, end_}; }

  private:
    const Tree* tree_;
    const std::uint32_t* begin_;
    const std::uint32_t* end_;
};

// A parsed file: owns its nodes (at a stable address, so Nodes survive a move).
class Document {
  public:
    Document() = default;
    Document(std::unique_ptr<Tree> tree, std::uint32_t root)
        : tree_(std::move(tree)), root_(root) {}
    // Undefined when the file could not be parsed.
    Node root() const { return tree_ ? Node(tree_.get(), root_) : Node(); }

  private:
    std::unique_ptr<Tree> tree_;
    std::uint32_t root_ = 0;
};

// A node written back as flow-style YAML ({a: "x", b: [1, 2]}), scalars double-quoted:
// a test case's structured question, re-read once its table values are filled in.
std::string flow_text(const Node& n);

} // namespace dealcheck::loader::yaml
