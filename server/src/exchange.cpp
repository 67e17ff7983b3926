#include "exchange.hpp"

namespace dealcheck::server {

namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> decode(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') return std::nullopt;
        out += c;
    }
    return out;
}

} // namespace

std::optional<std::string> target_path(std::string_view target) {
    return decode(target.substr(0, target.find('?')), false);
}

std::map<std::string, std::string> target_query(std::string_view target) {
    std::map<std::string, std::string> out;
    auto q = target.find('?');
    if (q == std::string_view::npos) return out;
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        auto eq = pair.find('=');
        auto key = decode(pair.substr(0, eq), true);
        auto value = decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
        if (key && value && !key->empty()) out[*key] = *value;
    }
    return out;
}

} // namespace dealcheck::server
