// Values of the rule language: numbers as exact decimals, dates as day numbers, money
// as integer cents, durations as months + days. Plain 16-byte values, cheap to copy.
#pragma once

#include "dealcheck/number.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dealcheck {

// Days since 1970-01-01 (proleptic Gregorian).
struct Date {
    std::int32_t days = 0;
    friend constexpr auto operator<=>(Date, Date) = default;
};

struct Duration {
    std::int32_t months = 0;
    std::int32_t days = 0;
    friend constexpr bool operator==(Duration, Duration) = default;
};

// A three-letter currency code packed into an integer ("USD").
using Currency = std::uint32_t;

struct Money {
    std::int64_t cents = 0;
    Currency currency = 0;
    friend constexpr bool operator==(Money, Money) = default;
};

// Kleene three-valued truth: an unknown fact is unknown, never false.
enum class Tri : std::uint8_t { False, True, Unknown };

constexpr Tri tri_not(Tri a) {
    return a == Tri::Unknown ? Tri::Unknown : (a == Tri::True ? Tri::False : Tri::True);
}
constexpr Tri tri_and(Tri a, Tri b) {
    if (a == Tri::False || b == Tri::False) return Tri::False;
    if (a == Tri::True && b == Tri::True) return Tri::True;
    return Tri::Unknown;
}
constexpr Tri tri_or(Tri a, Tri b) {
    if (a == Tri::True || b == Tri::True) return Tri::True;
    if (a == Tri::False && b == Tri::False) return Tri::False;
    return Tri::Unknown;
}
std::string_view to_string(Tri t);

enum class ValueKind : std::uint8_t {
    Unknown,
    Bool,
    Number, // aux = exponent, payload = mantissa (normalised: == is numeric equality)
    Money,
    Date,
    Duration,
    String, // interned symbol id
    Party,  // party index
    Enum,   // aux = enum index, payload = value index
    Set,    // aux = enum index, payload = bit set of value indexes
};

struct Value {
    ValueKind kind = ValueKind::Unknown;
    std::uint32_t aux = 0;
    std::int64_t payload = 0;

    static Value unknown() { return {}; }
    // A value the question explicitly says is unknown (`given agi_verified=unknown`):
    // unlike one left out, the rules' `known` record must not fill it in.
    static Value stated_unknown() { return {ValueKind::Unknown, 1, 0}; }
    static Value boolean(bool b) { return {ValueKind::Bool, 0, b ? 1 : 0}; }
    static Value number(Number n) {
        return {ValueKind::Number, static_cast<std::uint32_t>(n.exponent), n.mantissa};
    }
    static Value money(Money m) { return {ValueKind::Money, m.currency, m.cents}; }
    static Value date(Date d) { return {ValueKind::Date, 0, d.days}; }
    static Value duration(Duration d);
    static Value string(std::uint32_t symbol) { return {ValueKind::String, 0, symbol}; }
    static Value party(std::uint32_t index) { return {ValueKind::Party, 0, index}; }
    static Value enumerated(std::uint32_t enum_index, std::uint32_t value_index) {
        return {ValueKind::Enum, enum_index, value_index};
    }
    static Value set(std::uint32_t enum_index, std::uint64_t bits) {
        return {ValueKind::Set, enum_index, static_cast<std::int64_t>(bits)};
    }

    bool known() const { return kind != ValueKind::Unknown; }
    bool is_stated_unknown() const { return kind == ValueKind::Unknown && aux == 1; }
    bool as_bool() const { return payload != 0; }
    Number as_number() const { return {payload, static_cast<std::int32_t>(aux)}; }
    Money as_money() const { return {payload, aux}; }
    Date as_date() const { return {static_cast<std::int32_t>(payload)}; }
    Duration as_duration() const;
    std::uint64_t as_bits() const { return static_cast<std::uint64_t>(payload); }

    friend bool operator==(const Value&, const Value&) = default;
};

// Calendar helpers. parse_date accepts exactly YYYY-MM-DD and rejects impossible
// dates such as 2030-02-30.
std::optional<Date> make_date(int year, int month, int day);
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);
void civil_from_date(Date d, int& year, int& month, int& day);
// Adds months first (clamping the day to the month's end), then days.
Date add(Date d, Duration dur);
Date subtract(Date d, Duration dur);
std::string format_duration(Duration d);

Currency make_currency(std::string_view code); // 0 unless three letters A-Z
std::string format_currency(Currency c);
// "3B USD", "250M USD", "1500.25 USD": shortest exact form.
std::string format_money(Money m);

} // namespace dealcheck
