#include "checker/anchored_date.hpp"

#include "checker/expr_checker.hpp"
#include "model/business_days.hpp"
#include "model/value_text.hpp"
#include "util/fuzzy_match.hpp"

#include <charconv>

namespace dealcheck::checker {

namespace {

// The most business days an offset may count: far beyond any contract, and few enough
// that counting them day by day stays instant.
constexpr std::int32_t max_business_days = 100000;

std::string_view trim(std::string_view s, std::size_t& offset) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1), ++offset;
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

bool identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

} // namespace

bool names_an_event(std::string_view text) {
    std::size_t at = 0;
    auto anchor = trim(text.substr(0, text.find('+')), at);
    auto dot = anchor.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == anchor.size()) return false;
    for (std::size_t i = 0; i < anchor.size(); ++i)
        if (i != dot && !identifier_char(anchor[i])) return false;
    return true;
}

std::optional<AnchoredDate> parse_anchored_date(const model::Deal& deal,
                                                const model::ExprSource& src,
                                                const std::vector<std::string>& strings,
                                                Diagnostics& diags) {
    const auto& text = src.text;
    auto at = [&](std::size_t offset) {
        return locate(deal, src, static_cast<std::uint32_t>(offset));
    };
    auto error = [&](DiagnosticCode code, std::size_t offset, std::string message, std::string hint,
                     std::size_t span) {
        Diagnostic d(code);
        d.where = at(offset);
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.span = std::max(1, static_cast<int>(span));
        d.source_line = model::source_line(deal, d.where.file, d.where.line);
        diags.add(std::move(d));
    };
    const char* form = "write an anchor plus a duration or business days: `trigger + 30d`, "
                       "`buyer.notify + 10 business_days`";
    AnchoredDate out;
    auto plus = text.find('+');
    std::size_t anchor_at = 0;
    out.anchor = std::string(trim(std::string_view(text).substr(0, plus), anchor_at));
    out.anchor_where = at(anchor_at);
    if (plus == std::string::npos) return out;
    std::size_t amount_at = plus + 1;
    auto amount = trim(std::string_view(text).substr(plus + 1), amount_at);
    auto space = amount.find(' ');
    if (space == std::string_view::npos) {
        auto v = model::parse_value(deal, {model::TypeKind::Duration}, amount, strings);
        if (!v.value) {
            error(DiagnosticCode::invalid_duration, amount_at,
                  "`" + std::string(amount) + "` is not a duration (" + v.error + ")", form,
                  amount.size());
            return std::nullopt;
        }
        out.plus = v.value->as_duration();
        return out;
    }
    auto number = amount.substr(0, space);
    std::size_t unit_at = amount_at + space;
    auto unit = trim(amount.substr(space), unit_at);
    if (unit != "business_days" && unit != "business_day") {
        auto hint = util::did_you_mean(unit, {"business_days"});
        error(DiagnosticCode::unknown_unit, unit_at, "unknown unit `" + std::string(unit) + "`",
              hint.empty() ? form : hint, unit.size());
        return std::nullopt;
    }
    std::int32_t n = -1;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec != std::errc{} || end != number.data() + number.size() || n < 0 ||
        n > max_business_days) {
        error(DiagnosticCode::invalid_duration, amount_at,
              "`" + std::string(number) + "` is not a count of business days",
              "write a whole number from 0 to " + std::to_string(max_business_days), number.size());
        return std::nullopt;
    }
    out.business_days = n;
    return out;
}

Date offset(const model::Deal& deal, const AnchoredDate& a, Date anchor) {
    return model::add_business_days(deal.calendar, add(anchor, a.plus), a.business_days);
}

} // namespace dealcheck::checker
