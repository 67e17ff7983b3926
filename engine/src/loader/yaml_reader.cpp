#include "loader/yaml_reader.hpp"

#include "util/fuzzy_match.hpp"

#include <algorithm>
#include <cstdio>
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <vector>
#include <yaml-cpp/eventhandler.h>

namespace dealcheck::loader {

static std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "nothing";
    case YAML::NodeType::Scalar: return "`" + n.Scalar() + "`";
    default: return "nothing";
    }
}

MapReader::MapReader(Context& ctx, std::uint32_t file, const YAML::Node& node, std::string what,
                     std::vector<std::string> allowed)
    : ctx_(ctx), file_(file), node_(node), what_(std::move(what)) {
    if (!node.IsDefined()) return;
    if (!node.IsMap()) {
        ctx.error(file, node.Mark(), what_ + " must be a map of keys, not " + describe(node));
        return;
    }
    is_map_ = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
        // A copy: `it->first` lives in a temporary proxy, gone after this statement.
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            ctx.error(file, key.Mark(), "keys of " + what_ + " must be plain words");
            continue;
        }
        const std::string& name = key.Scalar();
        auto seen = std::find_if(entries_.begin(), entries_.end(),
                                 [&](const auto& e) { return e.first == name; });
        if (seen != entries_.end()) {
            auto first = ctx.at(file, seen->second.Mark());
            ctx.error(file, key.Mark(), "duplicate key `" + name + "` in " + what_,
                      "the first `" + name + "` is on line " + std::to_string(first.line) +
                          "; YAML keeps only one of them",
                      static_cast<int>(name.size()));
            continue;
        }
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            auto hint = util::did_you_mean(name, allowed);
            if (hint.empty()) hint = "allowed keys: " + util::one_of(allowed);
            ctx.error(file, key.Mark(), "unknown key `" + name + "` in " + what_, hint,
                      static_cast<int>(name.size()));
            continue;
        }
        entries_.emplace_back(name, it->second);
    }
}

YAML::Node MapReader::get(const std::string& key) const {
    for (const auto& [k, v] : entries_)
        if (k == key) return v;
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node MapReader::require(const std::string& key) const {
    auto n = get(key);
    if (!n.IsDefined() && is_map_)
        ctx_.error(file_, node_.Mark(), "missing required key `" + key + "` in " + what_);
    return n;
}

void ScalarReader::error(const YAML::Node& n, std::string message, std::string hint) {
    int span = n.IsScalar() ? static_cast<int>(std::max<std::size_t>(1, n.Scalar().size())) : 1;
    ctx_.error(file_, n.Mark(), std::move(message), std::move(hint), span);
}

std::optional<std::string> ScalarReader::text(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
        error(n, what + " must be text, not " + describe(n));
        return std::nullopt;
    }
    return n.Scalar();
}

static bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > 128 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::optional<std::string> ScalarReader::identifier(const YAML::Node& n,
                                                    const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    if (!is_identifier(*s)) {
        error(n, what + " `" + *s + "` is not an identifier",
              "identifiers are lower-case letters, digits, `_` and `-`, starting with a letter");
        return std::nullopt;
    }
    return s;
}

std::optional<Date> ScalarReader::date(const YAML::Node& n, const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    auto d = parse_date(*s);
    if (!d) {
        bool shaped = s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-';
        error(n, shaped ? "impossible date `" + *s + "` in " + what
                        : what + " must be a date YYYY-MM-DD, not `" + *s + "`",
              shaped ? "check the month and the day: that day does not exist" : "");
    }
    return d;
}

std::optional<bool> ScalarReader::boolean(const YAML::Node& n, const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    if (*s == "true") return true;
    if (*s == "false") return false;
    error(n, what + " must be `true` or `false`, not `" + *s + "`");
    return std::nullopt;
}

std::vector<std::string> ScalarReader::text_list(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (n.IsScalar()) {
        out.push_back(n.Scalar());
    } else if (n.IsSequence()) {
        for (const auto& item : n)
            if (auto s = text(item, what)) out.push_back(*s);
    } else if (n.IsDefined() && !n.IsNull()) {
        error(n, what + " must be a word or a list of words, not " + describe(n));
    }
    return out;
}

std::vector<std::string> ScalarReader::identifier_list(const YAML::Node& n,
                                                       const std::string& what,
                                                       std::vector<SourceLocation>* where) {
    std::vector<std::string> out;
    auto one = [&](const YAML::Node& item) {
        if (auto s = identifier(item, what)) {
            out.push_back(*s);
            if (where) where->push_back(at(item));
        }
    };
    if (n.IsScalar()) {
        one(n);
    } else if (n.IsSequence()) {
        for (const auto& item : n) one(item);
    } else if (n.IsDefined() && !n.IsNull()) {
        error(n, what + " must be an identifier or a list of them, not " + describe(n));
    }
    return out;
}

std::optional<model::ExprSource> ScalarReader::expression(const YAML::Node& n,
                                                          const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    model::ExprSource src;
    src.text = *s;
    src.file = file_;
    src.where = at(n);
    const std::string& raw = ctx_.file(file_).text;
    std::size_t pos = static_cast<std::size_t>(std::max(0, n.Mark().pos));
    // Quoted scalars start after the quote; the offset map in the checker walks the
    // raw text from here.
    if (pos < raw.size() && (raw[pos] == '"' || raw[pos] == '\'')) {
        ++pos;
        ++src.where.column;
    }
    src.raw_offset = pos;
    return src;
}

// ---- Reading a file's YAML ----------------------------------------------------

namespace {

// A byte offset of a file as a yaml-cpp mark (0-based line and byte column).
YAML::Mark mark_at(const model::SourceFile& f, std::size_t offset) {
    auto next = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
    std::size_t line = next == f.line_starts.begin() ? 0 : next - f.line_starts.begin() - 1;
    std::size_t start = f.line_starts.empty() ? 0 : f.line_starts[line];
    YAML::Mark m;
    m.pos = static_cast<int>(offset);
    m.line = static_cast<int>(line);
    m.column = static_cast<int>(offset - start);
    return m;
}

struct TextProblem {
    std::size_t offset;
    std::string message, hint;
};

// Rule files are UTF-8 text: no NUL, no invalid UTF-8, no control characters but tab,
// line feed and carriage return (YAML forbids them, and they would reach the terminal).
std::optional<TextProblem> text_problem(std::string_view t) {
    auto starts = [&](std::string_view bom) { return t.substr(0, bom.size()) == bom; };
    if (starts("\xFF\xFE") || starts("\xFE\xFF") || starts(std::string_view("\0\0\xFE\xFF", 4)))
        return TextProblem{0, "the file is UTF-16 or UTF-32, not UTF-8",
                           "save it as UTF-8: rule files are UTF-8 text"};
    if (auto nul = t.find('\0'); nul != std::string_view::npos)
        return TextProblem{nul, "the file contains a NUL byte",
                           "rule files are UTF-8 text; is this a binary file?"};
    for (std::size_t i = 0; i < t.size();) {
        auto c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                char code[8];
                std::snprintf(code, sizeof code, "U+%04X", c);
                return TextProblem{i,
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
            return TextProblem{i, std::string("the file is not valid UTF-8 (byte ") + byte + ")",
                               "save the file as UTF-8; is it Latin-1 or Windows-1252?"};
        }
        if (cp >= 0x80 && cp <= 0x9F && cp != 0x85) {
            char code[8];
            std::snprintf(code, sizeof code, "U+%04X", cp);
            return TextProblem{i, std::string("the file contains the control character ") + code,
                               "rule files are plain text; remove it"};
        }
        i += n;
    }
    return std::nullopt;
}

// A first pass over the YAML events, before yaml-cpp builds any node: it enforces
// the nesting depth (yaml-cpp's parser recurses once per level; the exception unwinds
// it at the limit), the deal-wide budgets of nodes and text (yaml-cpp needs ~500 bytes
// and ~2 us per node), one document per file, and no tags. An alias counts as the nodes
// and text it stands for: yaml-cpp shares the aliased node, but the loaders read it
// again at every alias, so an alias bomb would multiply their work and the copies of
// its text.
class Scan final : public YAML::EventHandler {
  public:
    struct Stop {
        YAML::Mark mark;
        std::string message, hint;
        bool over_budget = false;
    };
    struct Size {
        std::size_t nodes = 0, text = 0;
    };

    Scan(std::string_view text, Size budget) : text_(text), budget_(budget) {}
    Size used() const { return used_; }
    int documents() const { return documents_; }
    bool empty() const { return empty_; }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++documents_ > 1)
            throw Stop{mark, "a second YAML document starts here",
                       "a rule file is one document: remove the `---` separator"};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (open_.empty()) empty_ = true;
        add(mark, {1, 0}, anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        add(mark, it == anchors_.end() ? Size{1, 0} : it->second, 0);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        add(mark, {1, value.size()}, anchor);
        check_tag(mark, tag);
        if (tag == "!") check_closed(mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor);
    }
    void OnMapEnd() override { close(); }

  private:
    struct Open {
        YAML::anchor_t anchor;
        Size at_start;
    };
    std::string_view text_;
    Size budget_, used_;
    std::vector<Open> open_; // the collections being read, outermost first
    std::unordered_map<YAML::anchor_t, Size> anchors_;
    int documents_ = 0;
    bool empty_ = false;

    void add(const YAML::Mark& mark, Size size, YAML::anchor_t anchor) {
        used_.nodes += size.nodes;
        used_.text += size.text;
        if (anchor) anchors_[anchor] = size;
        if (used_.nodes > budget_.nodes)
            throw Stop{mark,
                       "the deal's files hold more than " + std::to_string(limits::max_yaml_nodes) +
                           " YAML nodes",
                       "this is the limit for one deal, aliases counted as what they stand for "
                       "(docs/limits.md); is this file generated?",
                       true};
        if (used_.text > budget_.text)
            throw Stop{mark,
                       "the deal's YAML values hold more than " +
                           std::to_string(limits::max_yaml_text >> 20) + " MiB of text",
                       "aliases count as what they stand for: this one is repeated too often "
                       "(docs/limits.md)",
                       true};
    }
    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
        add(mark, {1, 0}, 0);
        check_tag(mark, tag);
        open_.push_back({anchor, used_});
        open_.back().at_start.nodes -= 1; // the collection's own node
        if (open_.size() > static_cast<std::size_t>(limits::max_yaml_depth))
            throw Stop{mark,
                       "YAML nests deeper than " + std::to_string(limits::max_yaml_depth) +
                           " levels",
                       "flatten the structure; rule files never need this depth"};
    }
    void close() {
        if (open_.empty()) return;
        auto o = open_.back();
        open_.pop_back();
        if (o.anchor)
            anchors_[o.anchor] = {used_.nodes - o.at_start.nodes, used_.text - o.at_start.text};
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
        throw Stop{mark, std::string("this string has no closing `") + quote + "`",
                   "it runs to the end of the file; close it where it should end"};
    }

    // Plain scalars and untagged collections have the tag `?`, quoted scalars `!`.
    static void check_tag(const YAML::Mark& mark, const std::string& tag) {
        if (tag.empty() || tag == "?" || tag == "!") return;
        static const std::string core = "tag:yaml.org,2002:";
        std::string written = tag.starts_with(core) ? "!!" + tag.substr(core.size()) : tag;
        throw Stop{mark, "YAML tag `" + written + "` is not supported in rule files",
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

YAML::Node parse_yaml(Context& ctx, std::uint32_t file) {
    const auto& source = ctx.file(file);
    const std::string& text = source.text;
    auto whole_file = SourceLocation{source.path, 1, 1};
    if (ctx.budget().exceeded) return YAML::Node(YAML::NodeType::Undefined); // said already
    if (auto problem = text_problem(text)) {
        ctx.error(file, mark_at(source, problem->offset), problem->message, problem->hint);
        return YAML::Node(YAML::NodeType::Undefined);
    }
    Scan scan(text, {ctx.budget().yaml_nodes, ctx.budget().yaml_text});
    try {
        ViewBuffer buffer(text);
        std::istream in(&buffer);
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(scan)) {
        }
        ctx.budget().yaml_nodes -= scan.used().nodes;
        ctx.budget().yaml_text -= scan.used().text;
        if (scan.documents() == 0 || scan.empty()) {
            ctx.error(whole_file, "the file is empty");
            return YAML::Node(YAML::NodeType::Undefined);
        }
        ViewBuffer again(text);
        std::istream second(&again);
        return YAML::Load(second);
    } catch (const Scan::Stop& stop) {
        ctx.budget().yaml_nodes -= std::min(scan.used().nodes, ctx.budget().yaml_nodes);
        ctx.budget().yaml_text -= std::min(scan.used().text, ctx.budget().yaml_text);
        if (stop.over_budget) ctx.budget().exceeded = true;
        ctx.error(file, stop.mark, stop.message, stop.hint);
    } catch (const YAML::Exception& e) {
        ctx.error(file, e.mark, "YAML syntax error: " + e.msg);
    } catch (const std::exception& e) {
        ctx.error(whole_file, std::string("cannot read YAML: ") + e.what());
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

} // namespace dealcheck::loader
