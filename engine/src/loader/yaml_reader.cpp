#include "loader/yaml_reader.hpp"

#include "util/fuzzy_match.hpp"

#include <algorithm>

namespace dealcheck::loader {

static std::string describe(const yaml::Node& n) {
    switch (n.kind()) {
    case yaml::Kind::Map:
        return "a map";
    case yaml::Kind::List:
        return "a list";
    case yaml::Kind::Scalar:
        return "`" + std::string(n.scalar()) + "`";
    default:
        return "nothing";
    }
}

MapReader::MapReader(Context& ctx, std::uint32_t file, const yaml::Node& node, std::string what,
                     const std::vector<std::string>& allowed)
    : ctx_(ctx), file_(file), node_(node), what_(std::move(what)) {
    if (!node.defined()) return;
    if (!node.is_map()) {
        ctx.error(DiagnosticCode::wrong_shape, file, node.mark(),
                  what_ + " must be a map of keys, not " + describe(node));
        return;
    }
    is_map_ = true;
    entries_.reserve(node.size());
    for (auto [key, value] : node.entries()) {
        if (!key.is_scalar()) {
            ctx.error(DiagnosticCode::wrong_shape, file, key.mark(),
                      "keys of " + what_ + " must be plain words");
            continue;
        }
        auto name = key.scalar();
        auto seen = std::find_if(entries_.begin(), entries_.end(),
                                 [&](const auto& e) { return e.first == name; });
        if (seen != entries_.end()) {
            auto first = ctx.at(file, seen->second.mark());
            ctx.error(DiagnosticCode::duplicate_key, file, key.mark(),
                      "duplicate key `" + std::string(name) + "` in " + what_,
                      "YAML keeps only one of them: remove or rename one",
                      static_cast<int>(name.size()),
                      {{first, "the first `" + std::string(name) + "` is here"}});
            continue;
        }
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            auto hint = util::did_you_mean(name, allowed);
            if (hint.empty()) hint = "allowed keys: " + util::one_of(allowed);
            ctx.error(DiagnosticCode::unknown_key, file, key.mark(),
                      "unknown key `" + std::string(name) + "` in " + what_, hint,
                      static_cast<int>(name.size()));
            continue;
        }
        entries_.emplace_back(name, value);
    }
}

yaml::Node MapReader::get(std::string_view key) const {
    for (const auto& [k, v] : entries_)
        if (k == key) return v;
    return {};
}

yaml::Node MapReader::require(std::string_view key) const {
    auto n = get(key);
    if (!n.defined() && is_map_)
        ctx_.error(DiagnosticCode::missing_key, file_, node_.mark(),
                   "missing required key `" + std::string(key) + "` in " + what_);
    return n;
}

void ScalarReader::error(DiagnosticCode code, const yaml::Node& n, std::string message,
                         std::string hint) {
    int span = n.is_scalar() ? static_cast<int>(std::max<std::size_t>(1, n.scalar().size())) : 1;
    ctx_.error(code, file_, n.mark(), std::move(message), std::move(hint), span);
}

std::optional<std::string> ScalarReader::text(const yaml::Node& n, const std::string& what) {
    if (!n.is_scalar()) {
        error(DiagnosticCode::wrong_shape, n, what + " must be text, not " + describe(n));
        return std::nullopt;
    }
    return std::string(n.scalar());
}

static bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > 128 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::optional<std::string> ScalarReader::identifier(const yaml::Node& n, const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    if (!is_identifier(*s)) {
        error(DiagnosticCode::not_an_identifier, n, what + " `" + *s + "` is not an identifier",
              "identifiers are lower-case letters, digits, `_` and `-`, starting with a letter");
        return std::nullopt;
    }
    return s;
}

std::optional<Date> ScalarReader::date(const yaml::Node& n, const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    auto d = parse_date(*s);
    if (!d) {
        bool shaped = s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-';
        error(DiagnosticCode::invalid_date, n,
              shaped ? "impossible date `" + *s + "` in " + what
                     : what + " must be a date YYYY-MM-DD, not `" + *s + "`",
              shaped ? "check the month and the day: that day does not exist" : "");
    }
    return d;
}

std::optional<bool> ScalarReader::boolean(const yaml::Node& n, const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    if (*s == "true") return true;
    if (*s == "false") return false;
    error(DiagnosticCode::invalid_boolean, n,
          what + " must be `true` or `false`, not `" + *s + "`");
    return std::nullopt;
}

std::vector<std::string> ScalarReader::text_list(const yaml::Node& n, const std::string& what) {
    std::vector<std::string> out;
    if (n.is_scalar()) {
        out.emplace_back(n.scalar());
    } else if (n.is_list()) {
        for (auto item : n.items())
            if (auto s = text(item, what)) out.push_back(*s);
    } else if (n.defined() && !n.is_null()) {
        error(DiagnosticCode::wrong_shape, n,
              what + " must be a word or a list of words, not " + describe(n));
    }
    return out;
}

std::vector<std::string> ScalarReader::identifier_list(const yaml::Node& n, const std::string& what,
                                                       std::vector<model::Place>* where) {
    std::vector<std::string> out;
    auto one = [&](const yaml::Node& item) {
        if (auto s = identifier(item, what)) {
            out.push_back(*s);
            if (where) where->push_back(place(item));
        }
    };
    if (n.is_scalar()) {
        one(n);
    } else if (n.is_list()) {
        for (auto item : n.items())
            one(item);
    } else if (n.defined() && !n.is_null()) {
        error(DiagnosticCode::wrong_shape, n,
              what + " must be an identifier or a list of them, not " + describe(n));
    }
    return out;
}

std::optional<model::ExprSource> ScalarReader::expression(const yaml::Node& n,
                                                          const std::string& what) {
    auto s = text(n, what);
    if (!s) return std::nullopt;
    model::ExprSource src;
    src.text = *s;
    src.file = file_;
    src.where = Context::position(n.mark());
    const std::string& raw = ctx_.file(file_).text;
    std::size_t pos = static_cast<std::size_t>(std::max(0, n.mark().pos));
    // Quoted scalars start after the quote; the offset map in the checker walks the
    // raw text from here.
    if (pos < raw.size() && (raw[pos] == '"' || raw[pos] == '\'')) {
        ++pos;
        ++src.where.column;
    }
    src.raw_offset = pos;
    return src;
}

} // namespace dealcheck::loader
