// Numbers of the rule language: exact decimals, mantissa × 10^exponent. A contract
// never rounds, so neither does dealcheck: a number that cannot be held exactly is an
// error (when written) or unknown (when computed), never a nearby value.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dealcheck {

// Always normalised: the mantissa has no trailing zero digit and zero is {0, 0}, so
// two numbers are equal exactly when their members are.
struct Number {
    std::int64_t mantissa = 0;
    std::int32_t exponent = 0;
    friend constexpr bool operator==(Number, Number) = default;
};

inline constexpr int number_digits = 18;              // significant digits held exactly
inline constexpr std::int32_t number_exponent = 1000; // |e| of the leading digit: 9.9e1000

// mantissa × 10^exponent, normalised; nullopt if it needs more than number_digits
// digits or its exponent is out of range.
std::optional<Number> make_number(std::int64_t mantissa, std::int64_t exponent);

// Why a written number was refused, with a hint for the message.
struct NumberError {
    std::string message;
    std::string hint;
};
// Decimal digits with an optional fraction and exponent: "42", "1.5", "1e26",
// "3.5E+24", "2.5e-3". The caller has checked that shape; this reads the value.
std::optional<Number> parse_number(std::string_view text, NumberError& error);

std::strong_ordering compare(Number a, Number b);
// Exact sums and differences; nullopt when the result is not a Number.
std::optional<Number> add(Number a, Number b);
std::optional<Number> subtract(Number a, Number b);
// Exact products and quotients; nullopt when the result is not a Number (1 / 3, or
// division by zero).
std::optional<Number> multiply(Number a, Number b);
std::optional<Number> divide(Number a, Number b);

// Exact, never rounded: plain digits from 10^-6 to below 10^21 ("42", "0.125",
// "99999999999999999"), else the mantissa with an exponent ("1e26", "3.5e24", "2e-9").
std::string format_number(Number n);

} // namespace dealcheck
