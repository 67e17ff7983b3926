#include "model/deal.hpp"

namespace dealcheck::model {

std::string source_line(const Deal& deal, const std::string& file, int line) {
    for (const auto& f : deal.files) {
        if (f.path != file) continue;
        if (line < 1) return {};
        std::string_view text = f.text;
        std::size_t start = 0;
        if (!f.line_starts.empty()) {
            if (static_cast<std::size_t>(line) > f.line_starts.size()) return {};
            start = f.line_starts[static_cast<std::size_t>(line) - 1];
        } else {
            for (int current = 1; current < line; ++current) {
                auto nl = text.find('\n', start);
                if (nl == std::string_view::npos) return {};
                start = nl + 1;
            }
        }
        auto end = text.find('\n', start);
        auto l =
            text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.size() > max_quoted_line) {
            l = l.substr(0, max_quoted_line);
            while (!l.empty() && (static_cast<unsigned char>(l.back()) & 0xC0) == 0x80)
                l.remove_suffix(1); // never cut a UTF-8 sequence
            if (!l.empty() && static_cast<unsigned char>(l.back()) >= 0xC0) l.remove_suffix(1);
        }
        return std::string(l);
    }
    return {};
}

std::string_view to_string(Effect e) {
    switch (e) {
    case Effect::Permit:
        return "permit";
    case Effect::Forbid:
        return "forbid";
    case Effect::Consent:
        return "consent";
    case Effect::Oblige:
        return "oblige";
    case Effect::Grant:
        return "grant";
    }
    return "permit";
}

std::string_view to_string(Power::Effect e) {
    switch (e) {
    case Power::Effect::Suspend:
        return "suspend";
    case Power::Effect::Resume:
        return "resume";
    case Power::Effect::Terminate:
        return "terminate";
    }
    return "terminate";
}

std::string describe_event(const Deal& deal, std::uint32_t event) {
    const auto& e = deal.events[event];
    std::string what = e.title;
    if (what.empty() && e.fact != no_index) what = deal.facts[e.fact].id + " = " + e.value_text;
    if (what.empty() && e.action != no_index)
        what =
            (e.party != no_index ? deal.parties[e.party].id + " " : "") + deal.actions[e.action].id;
    return format_date(e.date) + ": " + what + " (" + deal.files[e.file].path + ":" +
           std::to_string(e.at.line) + ")";
}

SourceLocation location(const Deal& deal, Place p) {
    return {deal.files[p.file].path, p.at.line, p.at.column};
}

SourceLocation event_where(const Deal& deal, const Event& e, Position p) {
    return location(deal, Place{e.file, p});
}

std::string_view to_string(Tag t) {
    switch (t) {
    case Tag::Official:
        return "official";
    case Tag::Reported:
        return "reported";
    case Tag::Unverified:
        return "unverified";
    }
    return "official";
}

std::string type_name(const Deal& deal, const Type& t) {
    auto enum_name = [&](std::uint32_t i) {
        return i < deal.enums.size() ? deal.enums[i].id : std::string("enum");
    };
    switch (t.kind) {
    case TypeKind::Bool:
        return "bool";
    case TypeKind::Number:
        return "number";
    case TypeKind::Money:
        return t.currency ? "money<" + format_currency(t.currency) + ">" : "money";
    case TypeKind::Date:
        return "date";
    case TypeKind::Duration:
        return "duration";
    case TypeKind::String:
        return "string";
    case TypeKind::Party:
        return "party";
    case TypeKind::Enum:
        return enum_name(t.enum_index);
    case TypeKind::Set:
        return "set<" + enum_name(t.enum_index) + ">";
    case TypeKind::List:
        return "a list";
    case TypeKind::Error:
        return "invalid";
    }
    return "invalid";
}

} // namespace dealcheck::model
