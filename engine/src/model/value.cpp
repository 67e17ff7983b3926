#include "dealcheck/value.hpp"

#include <cstdio>

namespace dealcheck {

std::string_view to_string(Tri t) {
    switch (t) {
    case Tri::False:
        return "false";
    case Tri::True:
        return "true";
    case Tri::Unknown:
        return "unknown";
    }
    return "unknown";
}

Value Value::duration(Duration d) {
    auto bits = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(d.months)) << 32) |
                static_cast<std::uint32_t>(d.days);
    return {ValueKind::Duration, 0, static_cast<std::int64_t>(bits)};
}
Duration Value::as_duration() const {
    auto bits = static_cast<std::uint64_t>(payload);
    return {static_cast<std::int32_t>(bits >> 32), static_cast<std::int32_t>(bits & 0xffffffffu)};
}

// Howard Hinnant's days_from_civil / civil_from_days.
static std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_date(Date date, int& year, int& month, int& day) {
    int z = date.days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = y + (month <= 2);
}

static int days_in_month(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : lengths[month - 1];
}

std::optional<Date> make_date(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
    if (day > days_in_month(year, month)) return std::nullopt;
    return Date{days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))};
}

std::optional<Date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    return make_date(y, m, d);
}

std::string format_date(Date d) {
    int y, m, day;
    civil_from_date(d, y, m, day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
    return buf;
}

Date add(Date d, Duration dur) {
    int y, m, day;
    civil_from_date(d, y, m, day);
    long months = static_cast<long>(y) * 12 + (m - 1) + dur.months;
    int ny = static_cast<int>(months / 12);
    int nm = static_cast<int>(months % 12) + 1;
    if (ny < 1) return Date{days_from_civil(1, 1, 1) + dur.days};
    if (ny > 9999) return Date{days_from_civil(9999, 12, 31) + dur.days};
    int nd = day > days_in_month(ny, nm) ? days_in_month(ny, nm) : day;
    return Date{days_from_civil(ny, static_cast<unsigned>(nm), static_cast<unsigned>(nd)) +
                dur.days};
}

Date subtract(Date d, Duration dur) {
    return add(d, Duration{-dur.months, -dur.days});
}

std::string format_duration(Duration d) {
    std::string out;
    if (d.months != 0) {
        if (d.months % 12 == 0)
            out += std::to_string(d.months / 12) + "y";
        else
            out += std::to_string(d.months) + "mo";
    }
    if (d.days != 0 || out.empty()) {
        if (!out.empty()) out += " ";
        out += std::to_string(d.days) + "d";
    }
    return out;
}

Currency make_currency(std::string_view code) {
    if (code.size() != 3) return 0;
    Currency c = 0;
    for (char ch : code) {
        if (ch < 'A' || ch > 'Z') return 0;
        c = (c << 8) | static_cast<unsigned char>(ch);
    }
    return c;
}

std::string format_currency(Currency c) {
    std::string s(3, ' ');
    s[0] = static_cast<char>((c >> 16) & 0xff);
    s[1] = static_cast<char>((c >> 8) & 0xff);
    s[2] = static_cast<char>(c & 0xff);
    return s;
}

std::string format_money(Money m) {
    std::int64_t cents = m.cents;
    std::string sign = cents < 0 ? "-" : "";
    std::uint64_t abs =
        cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    static constexpr struct {
        std::uint64_t scale;
        const char* suffix;
    } units[] = {{100'000'000'000'000ull, "T"},
                 {100'000'000'000ull, "B"},
                 {100'000'000ull, "M"},
                 {100'000ull, "K"}};
    for (auto u : units) {
        if (abs >= u.scale && abs % (u.scale / 100) == 0) {
            std::uint64_t whole = abs / u.scale, frac = (abs % u.scale) / (u.scale / 100);
            std::string s = std::to_string(whole);
            if (frac != 0) {
                char buf[24];
                std::snprintf(buf, sizeof buf, ".%02llu", static_cast<unsigned long long>(frac));
                s += buf;
                while (s.back() == '0')
                    s.pop_back();
            }
            return sign + s + u.suffix + " " + format_currency(m.currency);
        }
    }
    std::string s = std::to_string(abs / 100);
    if (abs % 100 != 0) {
        char buf[24];
        std::snprintf(buf, sizeof buf, ".%02llu", static_cast<unsigned long long>(abs % 100));
        s += buf;
    }
    return sign + s + " " + format_currency(m.currency);
}

} // namespace dealcheck
