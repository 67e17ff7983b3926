#include "dealcheck/number.hpp"

#include <algorithm>
#include <array>

namespace dealcheck {

namespace {

// 128 bits hold any two mantissas aligned to a common exponent that matters (below).
__extension__ typedef __int128 Wide;

constexpr std::int64_t digit_limit = 1'000'000'000'000'000'000; // 10^number_digits

constexpr auto powers = [] {
    std::array<std::uint64_t, 20> p{};
    p[0] = 1;
    for (std::size_t k = 1; k < p.size(); ++k)
        p[k] = p[k - 1] * 10;
    return p;
}();

// 10^k for 0 <= k <= 19.
Wide pow10(int k) {
    return powers[static_cast<std::size_t>(k)];
}

// Decimal digits of a non-zero mantissa (|m| < 10^18).
int digits(std::int64_t m) {
    std::uint64_t abs = m < 0 ? 0 - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
    int k = 1;
    while (k < number_digits && abs >= powers[static_cast<std::size_t>(k)])
        ++k;
    return k;
}

int sign(Number n) {
    return n.mantissa < 0 ? -1 : (n.mantissa > 0 ? 1 : 0);
}

std::optional<Number> normalise(Wide mantissa, std::int64_t exponent) {
    if (mantissa == 0) return Number{};
    while (mantissa % 10 == 0) {
        mantissa /= 10;
        ++exponent;
    }
    if (mantissa >= digit_limit || mantissa <= -digit_limit) return std::nullopt;
    std::int64_t lead = exponent + digits(static_cast<std::int64_t>(mantissa)) - 1; // 1.5e<lead>
    if (lead > number_exponent || lead < -number_exponent) return std::nullopt;
    return Number{static_cast<std::int64_t>(mantissa), static_cast<std::int32_t>(exponent)};
}

} // namespace

std::optional<Number> make_number(std::int64_t mantissa, std::int64_t exponent) {
    return normalise(mantissa, exponent);
}

std::optional<Number> parse_number(std::string_view text, NumberError& error) {
    std::size_t exp_at = text.find_first_of("eE");
    std::string_view digits_part = text.substr(0, exp_at);
    // The written exponent, saturated: far beyond the range it is refused all the same.
    std::int64_t exponent = 0;
    if (exp_at != std::string_view::npos) {
        std::string_view e = text.substr(exp_at + 1);
        bool negative = !e.empty() && e[0] == '-';
        if (!e.empty() && (e[0] == '-' || e[0] == '+')) e.remove_prefix(1);
        for (char c : e)
            exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), 1'000'000'000);
        if (negative) exponent = -exponent;
    }
    // The digits from the first non-zero one to the last, read without allocating:
    // zeros are held back until a non-zero digit shows they are significant.
    Wide mantissa = 0;
    std::int64_t significant = 0, zeros = 0;
    bool fraction = false;
    for (char c : digits_part) {
        if (c == '.') {
            fraction = true;
            continue;
        }
        if (fraction) --exponent;
        if (c == '0') {
            if (significant > 0) ++zeros;
            continue;
        }
        significant += zeros + 1;
        if (significant <= number_digits)
            mantissa = mantissa * pow10(static_cast<int>(zeros + 1)) + (c - '0');
        zeros = 0;
    }
    exponent += zeros;
    if (significant > number_digits) {
        error = {"number " + std::string(text) + " has " + std::to_string(significant) +
                     " significant digits",
                 "numbers are exact up to 18 significant digits; dealcheck never rounds"};
        return std::nullopt;
    }
    auto n = normalise(mantissa, exponent);
    if (!n)
        error = {"number " + std::string(text) + " is out of range",
                 "a number's exponent runs from -1000 to 1000, as in 1.5e1000"};
    return n;
}

std::strong_ordering compare(Number a, Number b) {
    if (a.exponent == b.exponent) return a.mantissa <=> b.mantissa;
    int sa = sign(a), sb = sign(b);
    if (sa != sb) return sa <=> sb; // zero is {0, 0}: this also orders it
    // Same sign, both non-zero. Exponents more than number_digits apart: the one with
    // the greater exponent is the larger in magnitude (at least 10^e against less than
    // 10^(e - 1)). Closer: the aligned mantissas fit in 128 bits.
    int gap = a.exponent - b.exponent;
    if (gap > number_digits)
        return sa > 0 ? std::strong_ordering::greater : std::strong_ordering::less;
    if (gap < -number_digits)
        return sa > 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    Wide x = a.mantissa, y = b.mantissa;
    if (gap > 0)
        x *= pow10(gap);
    else
        y *= pow10(-gap);
    return x < y ? std::strong_ordering::less : std::strong_ordering::greater;
}

std::optional<Number> add(Number a, Number b) {
    if (a.mantissa == 0) return b;
    if (b.mantissa == 0) return a;
    if (a.exponent < b.exponent) std::swap(a, b);
    // b's last digit is not zero and lies more than number_digits places below a's
    // lowest digit: the exact sum would need more digits than a Number holds.
    int gap = a.exponent - b.exponent;
    if (gap > number_digits) return std::nullopt;
    return normalise(a.mantissa * pow10(gap) + b.mantissa, b.exponent);
}

std::optional<Number> subtract(Number a, Number b) {
    return add(a, Number{-b.mantissa, b.exponent});
}

std::optional<Number> multiply(Number a, Number b) {
    // Two mantissas below 10^18 multiply within 128 bits.
    return normalise(static_cast<Wide>(a.mantissa) * b.mantissa,
                     static_cast<std::int64_t>(a.exponent) + b.exponent);
}

std::optional<Number> divide(Number a, Number b) {
    if (b.mantissa == 0) return std::nullopt;
    if (a.mantissa == 0) return Number{};
    // Long division, one decimal digit at a time, until the remainder is zero: a
    // quotient with more digits than a Number holds (1/3) is not a Number.
    Wide divisor = b.mantissa < 0 ? -static_cast<Wide>(b.mantissa) : b.mantissa;
    Wide rest = a.mantissa < 0 ? -static_cast<Wide>(a.mantissa) : a.mantissa;
    Wide quotient = rest / divisor;
    rest %= divisor;
    std::int64_t exponent = static_cast<std::int64_t>(a.exponent) - b.exponent;
    while (rest != 0) {
        if (quotient >= digit_limit) return std::nullopt;
        rest *= 10;
        quotient = quotient * 10 + rest / divisor;
        rest %= divisor;
        --exponent;
    }
    bool negative = (a.mantissa < 0) != (b.mantissa < 0);
    return normalise(negative ? -quotient : quotient, exponent);
}

std::string format_number(Number n) {
    if (n.mantissa == 0) return "0";
    std::string sign = n.mantissa < 0 ? "-" : "";
    // The mantissa is at most 18 digits, so its magnitude fits in an unsigned 64-bit.
    std::uint64_t abs = n.mantissa < 0 ? 0 - static_cast<std::uint64_t>(n.mantissa)
                                       : static_cast<std::uint64_t>(n.mantissa);
    std::string digits = std::to_string(abs);
    int count = static_cast<int>(digits.size());
    int lead = n.exponent + count - 1; // power of ten of the leading digit
    if (lead >= -6 && lead < 21) {
        if (n.exponent >= 0) return sign + digits + std::string(n.exponent, '0');
        if (lead >= 0)
            return sign + digits.substr(0, count + n.exponent) + "." +
                   digits.substr(count + n.exponent);
        return sign + "0." + std::string(-lead - 1, '0') + digits;
    }
    std::string mantissa = digits.substr(0, 1);
    if (count > 1) mantissa += "." + digits.substr(1);
    return sign + mantissa + "e" + std::to_string(lead);
}

} // namespace dealcheck
