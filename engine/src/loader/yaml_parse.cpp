#include "loader/yaml_parse.hpp"

#include <algorithm>
#include <cstdio>
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <vector>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace dealcheck::loader {

namespace {

// A byte offset of a file as a mark (0-based line and byte column).
yaml::Mark mark_at(const model::SourceFile& f, std::size_t offset) {
    auto next = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
    std::size_t line = next == f.line_starts.begin() ? 0 : next - f.line_starts.begin() - 1;
    std::size_t start = f.line_starts.empty() ? 0 : f.line_starts[line];
    yaml::Mark m;
    m.pos = static_cast<int>(offset);
    m.line = static_cast<int>(line);
    m.column = static_cast<int>(offset - start);
    return m;
}

struct TextProblem {
    std::size_t offset;
    DiagnosticCode code;
    std::string message, hint;
};

// Rule files are UTF-8 text: no NUL, no invalid UTF-8, no control characters but tab,
// line feed and carriage return (YAML forbids them, and they would reach the terminal).
std::optional<TextProblem> text_problem(std::string_view t) {
    auto starts = [&](std::string_view bom) { return t.substr(0, bom.size()) == bom; };
    if (starts("\xFF\xFE") || starts("\xFE\xFF") || starts(std::string_view("\0\0\xFE\xFF", 4)))
        return TextProblem{0, DiagnosticCode::not_text, "the file is UTF-16 or UTF-32, not UTF-8",
                           "save it as UTF-8: rule files are UTF-8 text"};
    if (auto nul = t.find('\0'); nul != std::string_view::npos)
        return TextProblem{nul, DiagnosticCode::not_text, "the file contains a NUL byte",
                           "rule files are UTF-8 text; is this a binary file?"};
    for (std::size_t i = 0; i < t.size();) {
        auto c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                char code[8];
                std::snprintf(code, sizeof code, "U+%04X", c);
                return TextProblem{i, DiagnosticCode::not_text,
                                   std::string("the file contains the control character ") + code,
                                   "rule files are plain text; remove it"};
            }
            ++i;
            continue;
        }
        // The length of the sequence and the smallest code point it may encode
        // (overlong forms and surrogates are invalid).
        std::size_t n = c >= 0xF0 && c <= 0xF4   ? 4
                        : c >= 0xE0 && c <= 0xEF ? 3
                        : c >= 0xC2 && c <= 0xDF ? 2
                                                 : 0;
        std::uint32_t cp = n == 4 ? c & 0x07u : n == 3 ? c & 0x0Fu : c & 0x1Fu;
        bool ok = n != 0 && i + n <= t.size();
        for (std::size_t k = 1; ok && k < n; ++k) {
            auto cc = static_cast<unsigned char>(t[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if (ok)
            ok = !(n == 3 && cp < 0x800) && !(n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
                 !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!ok) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", c);
            return TextProblem{i, DiagnosticCode::not_text,
                               std::string("the file is not valid UTF-8 (byte ") + byte + ")",
                               "save the file as UTF-8; is it Latin-1 or Windows-1252?"};
        }
        if (cp >= 0x80 && cp <= 0x9F && cp != 0x85) {
            char code[8];
            std::snprintf(code, sizeof code, "U+%04X", cp);
            return TextProblem{i, DiagnosticCode::not_text,
                               std::string("the file contains the control character ") + code,
                               "rule files are plain text; remove it"};
        }
        i += n;
    }
    return std::nullopt;
}

yaml::Mark mark_of(const YAML::Mark& m) {
    return {m.pos, m.line, m.column};
}

// Builds a file's document from yaml-cpp's parser events, in the one pass that also
// enforces the limits: the nesting depth (yaml-cpp's parser recurses once per level; the
// exception unwinds it at the limit), the deal-wide budgets of nodes and text, one
// document per file, and no tags. An alias counts as the nodes and text it stands for:
// the document shares the aliased node, but the loaders read it again at every alias,
// so an alias bomb would multiply their work and the copies of its text.
class Builder final : public YAML::EventHandler {
  public:
    struct Stop {
        DiagnosticCode code;
        YAML::Mark mark;
        std::string message, hint;
        bool over_budget = false;
    };
    struct Size {
        std::size_t nodes = 0, text = 0;
    };

    Builder(const Context& ctx, std::string_view text, Size budget)
        : ctx_(ctx), text_(text), budget_(budget), tree_(std::make_unique<yaml::Tree>()) {
        tree_->text.reserve(text.size());
    }
    Size used() const { return used_; }
    int documents() const { return documents_; }
    bool empty() const { return empty_; }
    yaml::Document document() { return yaml::Document(std::move(tree_), root_); }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++documents_ > 1)
            throw Stop{DiagnosticCode::several_documents, mark,
                       "a second YAML document starts here",
                       "a rule file is one document: remove the `---` separator"};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (open_.empty()) empty_ = true;
        add(mark, {1, 0}, anchor, node(yaml::Kind::Null, mark));
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) // yaml-cpp reports unknown anchors itself; be safe
            add(mark, {1, 0}, 0, node(yaml::Kind::Null, mark));
        else
            add(mark, it->second.size, 0, it->second.node);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        auto index = node(yaml::Kind::Scalar, mark);
        auto& d = tree_->nodes[index];
        d.begin = static_cast<std::uint32_t>(tree_->text.size());
        d.size = static_cast<std::uint32_t>(value.size());
        add(mark, {1, value.size()}, anchor, index);
        check_tag(mark, tag);
        if (tag == "!") check_closed(mark);
        tree_->text += value;
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, yaml::Kind::List);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, yaml::Kind::Map);
    }
    void OnMapEnd() override { close(); }

  private:
    struct Open {
        YAML::anchor_t anchor;
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
    std::unordered_map<YAML::anchor_t, Anchored> anchors_;
    int documents_ = 0;
    bool empty_ = false;

    std::uint32_t node(yaml::Kind kind, const YAML::Mark& mark) {
        tree_->nodes.push_back({kind, mark_of(mark)});
        return static_cast<std::uint32_t>(tree_->nodes.size() - 1);
    }

    // Counts a node against the budgets and makes it a child of the open collection.
    void add(const YAML::Mark& mark, Size size, YAML::anchor_t anchor, std::uint32_t index) {
        used_.nodes += size.nodes;
        used_.text += size.text;
        if (anchor) anchors_[anchor] = {size, index};
        if (used_.nodes > budget_.nodes)
            throw Stop{DiagnosticCode::deal_too_large, mark,
                       "the deal's files hold more than " +
                           std::to_string(ctx_.limits().yaml_nodes) +
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
    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
              yaml::Kind kind) {
        auto index = node(kind, mark);
        add(mark, {1, 0}, 0, index);
        check_tag(mark, tag);
        open_.push_back({anchor, used_, index, pending_.size()});
        open_.back().at_start.nodes -= 1; // the collection's own node
        if (open_.size() > static_cast<std::size_t>(limits::max_yaml_depth))
            throw Stop{DiagnosticCode::yaml_too_deep, mark,
                       "YAML nests deeper than " + std::to_string(limits::max_yaml_depth) +
                           " levels",
                       "flatten the structure; rule files never need this depth"};
    }
    void close() {
        if (open_.empty()) return;
        auto o = open_.back();
        open_.pop_back();
        auto& d = tree_->nodes[o.node];
        auto count = pending_.size() - o.first_child;
        d.begin = static_cast<std::uint32_t>(tree_->children.size());
        d.size = static_cast<std::uint32_t>(d.kind == yaml::Kind::Map ? count / 2 : count);
        tree_->children.insert(tree_->children.end(), pending_.begin() + o.first_child,
                               pending_.end());
        pending_.resize(o.first_child);
        if (o.anchor)
            anchors_[o.anchor] = {{used_.nodes - o.at_start.nodes, used_.text - o.at_start.text},
                                  o.node};
    }

    // yaml-cpp ends a quoted string left open at the end of the file as if it were
    // closed there, so a forgotten quote would swallow the rest of the file silently.
    void check_closed(const YAML::Mark& mark) const {
        auto pos = static_cast<std::size_t>(std::max(0, mark.pos));
        if (pos >= text_.size() || (text_[pos] != '"' && text_[pos] != '\'')) return;
        char quote = text_[pos];
        for (std::size_t i = pos + 1; i < text_.size(); ++i) {
            if (quote == '"' && text_[i] == '\\')
                ++i;
            else if (text_[i] == quote && quote == '\'' && i + 1 < text_.size() &&
                     text_[i + 1] == '\'')
                ++i;
            else if (text_[i] == quote)
                return;
        }
        throw Stop{DiagnosticCode::yaml_syntax, mark,
                   std::string("this string has no closing `") + quote + "`",
                   "it runs to the end of the file; close it where it should end"};
    }

    // Plain scalars and untagged collections have the tag `?`, quoted scalars `!`.
    static void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (tag.empty() || tag == "?" || tag == "!") return;
        static const std::string core = "tag:yaml.org,2002:";
        std::string written = tag.starts_with(core) ? "!!" + tag.substr(core.size()) : tag;
        throw Stop{DiagnosticCode::yaml_tag, mark,
                   "YAML tag `" + written + "` is not supported in rule files",
                   "remove it: the vocabulary gives every value its type"};
    }
};

// An istream over text that is not copied.
struct ViewBuffer : std::streambuf {
    explicit ViewBuffer(std::string_view t) {
        char* p = const_cast<char*>(t.data());
        setg(p, p, p + t.size());
    }
};

} // namespace

yaml::Document parse_yaml(Context& ctx, std::uint32_t file) {
    const auto& source = ctx.file(file);
    const std::string& text = source.text;
    auto whole_file = SourceLocation{source.path, 1, 1};
    if (ctx.budget().exceeded) return {}; // said already
    if (auto problem = text_problem(text)) {
        ctx.error(problem->code, file, mark_at(source, problem->offset), problem->message,
                  problem->hint);
        return {};
    }
    Builder builder(ctx, text, {ctx.budget().yaml_nodes, ctx.budget().yaml_text});
    try {
        ViewBuffer buffer(text);
        std::istream in(&buffer);
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) {
        }
        ctx.budget().yaml_nodes -= builder.used().nodes;
        ctx.budget().yaml_text -= builder.used().text;
        if (builder.documents() == 0 || builder.empty()) {
            ctx.error(DiagnosticCode::empty_file, whole_file, "the file is empty");
            return {};
        }
        return builder.document();
    } catch (const Builder::Stop& stop) {
        ctx.budget().yaml_nodes -= std::min(builder.used().nodes, ctx.budget().yaml_nodes);
        ctx.budget().yaml_text -= std::min(builder.used().text, ctx.budget().yaml_text);
        if (stop.over_budget) ctx.budget().exceeded = true;
        ctx.error(stop.code, file, mark_of(stop.mark), stop.message, stop.hint);
    } catch (const YAML::Exception& e) {
        ctx.error(DiagnosticCode::yaml_syntax, file, mark_of(e.mark),
                  "YAML syntax error: " + e.msg);
    } catch (const std::exception& e) {
        ctx.error(DiagnosticCode::yaml_syntax, whole_file,
                  std::string("cannot read YAML: ") + e.what());
    }
    return {};
}

} // namespace dealcheck::loader
