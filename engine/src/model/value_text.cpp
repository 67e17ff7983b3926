#include "model/value_text.hpp"

#include "syntax/grammar.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>
#include <cstdio>

namespace dealcheck::model {

static bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lo = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        if (lo(a[i]) != lo(b[i])) return false;
    }
    return true;
}

static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::optional<std::uint32_t> find_party(const model::Deal& deal, std::string_view text) {
    text = trim(text);
    for (std::uint32_t i = 0; i < deal.parties.size(); ++i) {
        const auto& p = deal.parties[i];
        if (iequal(p.id, text) || iequal(p.name, text)) return i;
        for (const auto& a : p.aliases)
            if (iequal(a, text)) return i;
    }
    return std::nullopt;
}

static std::optional<std::uint32_t> find_enum_value(const model::Enum& e, std::string_view text) {
    for (std::uint32_t i = 0; i < e.values.size(); ++i) {
        const auto& v = e.values[i];
        if (iequal(v.id, text) || (!v.label.empty() && iequal(v.label, text))) return i;
        for (const auto& a : v.aliases)
            if (iequal(a, text)) return i;
    }
    return std::nullopt;
}

static std::uint32_t hash_string(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (char c : s)
        h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h | 0x80000000u;
}

ValueText parse_value(const model::Deal& deal, const model::Type& type, std::string_view text,
                      const std::vector<std::string>& strings) {
    text = trim(text);
    ValueText out;
    auto fail = [&](std::string e, std::string hint = {}) {
        out.error = std::move(e);
        out.hint = std::move(hint);
        return out;
    };
    switch (type.kind) {
    case TypeKind::Bool:
        if (text == "true")
            out.value = Value::boolean(true);
        else if (text == "false")
            out.value = Value::boolean(false);
        else
            return fail("`" + std::string(text) + "` is not a bool", "write `true` or `false`");
        return out;
    case TypeKind::Party: {
        if (auto p = find_party(deal, text)) {
            out.value = Value::party(*p);
            return out;
        }
        return fail("unknown party `" + std::string(text) + "`",
                    util::did_you_mean(text, model::ids_of(deal.parties)));
    }
    case TypeKind::Enum: {
        const auto& e = deal.enums[type.enum_index];
        if (auto v = find_enum_value(e, text)) {
            out.value = Value::enumerated(type.enum_index, *v);
            return out;
        }
        auto ids = model::ids_of(e.values);
        auto hint = util::did_you_mean(text, ids);
        return fail("`" + std::string(text) + "` is not a " + e.id,
                    hint.empty() ? "a " + e.id + " is one of " + util::one_of(ids) : hint);
    }
    case TypeKind::Set: {
        // "aws, gcp" or "[aws, gcp]"
        if (text.starts_with("[") && text.ends_with("]")) text = text.substr(1, text.size() - 2);
        std::uint64_t bits = 0;
        const auto& e = deal.enums[type.enum_index];
        while (!trim(text).empty()) {
            auto comma = text.find(',');
            auto item = trim(text.substr(0, comma));
            auto v = find_enum_value(e, item);
            if (!v) return fail("`" + std::string(item) + "` is not a " + e.id);
            bits |= 1ull << *v;
            text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        }
        out.value = Value::set(type.enum_index, bits);
        return out;
    }
    case TypeKind::String: {
        auto it = std::find(strings.begin(), strings.end(), text);
        out.value =
            Value::string(it != strings.end() ? static_cast<std::uint32_t>(it - strings.begin())
                                              : hash_string(text));
        return out;
    }
    default:
        break;
    }
    // Numbers, money, dates and durations read as literals of the expression language.
    auto parsed = syntax::parse_expression(text);
    auto* tree = std::get_if<syntax::ExprTree>(&parsed);
    const char* example = type.kind == TypeKind::Money      ? "as in `3B USD`"
                          : type.kind == TypeKind::Date     ? "as in `2030-12-31`"
                          : type.kind == TypeKind::Duration ? "as in `7y`, `18mo` or `30d`"
                                                            : "as in `42`";
    std::string expected = model::type_name(deal, type);
    if (!tree || tree->at(tree->root).kind != syntax::NodeKind::Literal) {
        // A literal with no valid value says why: an impossible date, a number with
        // more digits than it holds, fractions of a cent.
        if (auto* err = std::get_if<syntax::SyntaxError>(&parsed);
            err && (err->message.starts_with("impossible") || err->message.starts_with("number ") ||
                    err->message.starts_with("money amount ")))
            return fail(err->message, err->hint);
        return fail("`" + std::string(text) + "` is not a " + expected,
                    std::string("write a ") + expected + " " + example);
    }
    const auto& lit = tree->at(tree->root).literal;
    using syntax::LiteralKind;
    if (type.kind == TypeKind::Number && lit.kind == LiteralKind::Number)
        out.value = Value::number(lit.number);
    else if (type.kind == TypeKind::Date && lit.kind == LiteralKind::Date)
        out.value = Value::date(lit.date);
    else if (type.kind == TypeKind::Duration && lit.kind == LiteralKind::Duration)
        out.value = Value::duration(lit.duration);
    else if (type.kind == TypeKind::Money && lit.kind == LiteralKind::Money) {
        if (type.currency != 0 && lit.money.currency != type.currency)
            return fail("`" + std::string(text) + "` is in " + format_currency(lit.money.currency) +
                        "; it must be in " + format_currency(type.currency));
        out.value = Value::money(lit.money);
    } else {
        return fail("`" + std::string(text) + "` is not a " + expected,
                    std::string("write a ") + expected + " " + example);
    }
    return out;
}

std::string format_value(const model::Deal& deal, const Value& v,
                         const std::vector<std::string>& strings) {
    switch (v.kind) {
    case ValueKind::Unknown:
        return "unknown";
    case ValueKind::Bool:
        return v.as_bool() ? "true" : "false";
    case ValueKind::Number:
        return format_number(v.as_number());
    case ValueKind::Money:
        return format_money(v.as_money());
    case ValueKind::Date:
        return format_date(v.as_date());
    case ValueKind::Duration:
        return format_duration(v.as_duration());
    case ValueKind::String:
        return static_cast<std::size_t>(v.payload) < strings.size()
                   ? strings[static_cast<std::size_t>(v.payload)]
                   : "(string)";
    case ValueKind::Party:
        return deal.parties[static_cast<std::size_t>(v.payload)].id;
    case ValueKind::Enum:
        return deal.enums[v.aux].values[static_cast<std::size_t>(v.payload)].id;
    case ValueKind::Set: {
        std::string out = "[";
        const auto& values = deal.enums[v.aux].values;
        for (std::size_t i = 0; i < values.size() && i < 64; ++i)
            if ((v.as_bits() >> i) & 1u) out += (out.size() > 1 ? ", " : "") + values[i].id;
        return out + "]";
    }
    }
    return "unknown";
}

} // namespace dealcheck::model
