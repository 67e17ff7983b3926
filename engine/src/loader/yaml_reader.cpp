#include "loader/yaml_reader.hpp"

#include "util/fuzzy_match.hpp"

#include <algorithm>

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
        const YAML::Node& key = it->first;
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

// yaml-cpp recurses once per nesting level: refuse absurd nesting before it does.
static std::optional<std::pair<std::size_t, std::string>> nesting_problem(std::string_view t) {
    int flow = 0;
    char quote = 0;
    std::size_t line_start = 0;
    int block_items = 0;
    bool in_indent = true;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '\n') {
            line_start = i + 1;
            block_items = 0;
            in_indent = true;
            continue;
        }
        if (quote) {
            if (c == quote) quote = 0;
            continue;
        }
        if (in_indent) {
            if (c == ' ') {
                if (i - line_start > 1000)
                    return std::pair{i, std::string("indentation deeper than 1000 columns")};
                continue;
            }
            if (c == '-' && i + 1 < t.size() && (t[i + 1] == ' ' || t[i + 1] == '\t')) {
                if (++block_items > max_yaml_depth)
                    return std::pair{i, std::string("YAML nests deeper than 64 levels")};
                ++i;
                continue;
            }
            in_indent = false;
        }
        if (c == '#' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t')) {
            auto nl = t.find('\n', i);
            if (nl == std::string_view::npos) break;
            i = nl - 1;
            continue;
        }
        if (c == '"' || c == '\'') {
            if (c == '\'' && i > 0 && t[i - 1] != ' ' && t[i - 1] != '[' && t[i - 1] != '{' &&
                t[i - 1] != ',' && t[i - 1] != ':')
                continue; // an apostrophe inside a plain word
            quote = c;
        } else if (c == '[' || c == '{') {
            if (++flow > max_yaml_depth)
                return std::pair{i, std::string("YAML nests deeper than 64 levels")};
        } else if ((c == ']' || c == '}') && flow > 0) {
            --flow;
        }
    }
    return std::nullopt;
}

YAML::Node parse_yaml(Context& ctx, std::uint32_t file) {
    const std::string& text = ctx.file(file).text;
    auto located = [&](std::size_t offset) {
        YAML::Mark m;
        m.pos = static_cast<int>(offset);
        m.line = static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
        auto nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
        m.column = static_cast<int>(nl == std::string::npos || offset == 0 ? offset
                                                                          : offset - nl - 1);
        return m;
    };
    if (auto nul = text.find('\0'); nul != std::string::npos) {
        ctx.error(file, located(nul), "the file contains a NUL byte",
                  "rule files are UTF-8 text; is this a binary file?");
        return YAML::Node(YAML::NodeType::Undefined);
    }
    if (auto problem = nesting_problem(text)) {
        ctx.error(file, located(problem->first), problem->second,
                  "flatten the structure; rule files never need this depth");
        return YAML::Node(YAML::NodeType::Undefined);
    }
    try {
        auto docs = YAML::LoadAll(text);
        if (docs.size() > 1) {
            ctx.error(SourceLocation{ctx.file(file).path, 1, 1},
                      "the file holds " + std::to_string(docs.size()) + " YAML documents",
                      "a rule file is one document: remove the `---` separators");
            return YAML::Node(YAML::NodeType::Undefined);
        }
        if (docs.empty() || docs[0].IsNull()) {
            ctx.error(SourceLocation{ctx.file(file).path, 1, 1}, "the file is empty");
            return YAML::Node(YAML::NodeType::Undefined);
        }
        return docs[0];
    } catch (const YAML::Exception& e) {
        ctx.error(file, e.mark, "YAML syntax error: " + e.msg);
    } catch (const std::exception& e) {
        ctx.error(SourceLocation{ctx.file(file).path, 0, 0},
                  std::string("cannot read YAML: ") + e.what());
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

} // namespace dealcheck::loader
