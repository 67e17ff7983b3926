#include "progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace dealcheck::cli {

namespace {

// 1234567 -> "1,234,567"
std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// 3140000 -> "3.1M"
std::string rate_text(double per_second) {
    char buf[32];
    if (per_second >= 1e6)
        std::snprintf(buf, sizeof buf, "%.1fM", per_second / 1e6);
    else if (per_second >= 1e4)
        std::snprintf(buf, sizeof buf, "%.0fk", per_second / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.0f", per_second);
    return buf;
}

std::string duration_text(double seconds) {
    auto s = static_cast<std::uint64_t>(seconds + 0.5);
    if (s == 0) return "<1 s";
    if (s < 60) return std::to_string(s) + " s";
    if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
    return std::to_string(s / 3600) + " h " + std::to_string(s / 60 % 60) + " min";
}

void put(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

} // namespace

Progress::Progress(std::string label, std::string unit, bool wanted)
    : label_(std::move(label)), unit_(std::move(unit)), shown_(wanted && isatty(2) != 0) {}

Progress::~Progress() {
    if (drawn_) put("\r\033[K");
}

void Progress::update(std::uint64_t done, std::uint64_t total) {
    if (!shown_) return;
    auto now = Clock::now();
    if (!drawn_) { // the rate is measured from here: the set-up before is not the work's
        start_ = now;
        first_ = done;
    } else if (now - last_ < std::chrono::milliseconds(100)) {
        return;
    }
    last_ = now;
    drawn_ = true;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    std::string line = "\r" + label_ + ": " + grouped(done);
    if (total) line += " of " + grouped(total);
    line += " " + unit_;
    if (elapsed > 0 && done > first_) {
        double rate = static_cast<double>(done - first_) / elapsed;
        line += ", " + rate_text(rate) + " " + unit_ + "/s";
        if (total > done)
            line += ", " + duration_text(static_cast<double>(total - done) / rate) + " left";
    }
    put(line + "\033[K");
}

} // namespace dealcheck::cli
