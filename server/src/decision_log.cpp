#include "decision_log.hpp"

#include "json_text.hpp"
#include "registry.hpp"

#include <filesystem>

namespace dealcheck::server {

DecisionLog::DecisionLog(std::string path, std::size_t max_bytes)
    : path_(std::move(path)), max_bytes_(max_bytes) {}

bool DecisionLog::open() {
    if (path_.empty()) return true;
    std::error_code ec;
    auto size = std::filesystem::file_size(path_, ec);
    written_ = ec ? 0 : static_cast<std::size_t>(size);
    out_.open(path_, std::ios::app | std::ios::binary);
    return out_.is_open();
}

void DecisionLog::write(const Decision& d) {
    if (path_.empty()) return;
    std::string line = "{\"time\":" + json_string(utc_now()) + ",\"deal\":" + json_string(d.deal) +
                       ",\"revision\":" + json_string(d.revision) +
                       ",\"question\":" + json_string(d.question) +
                       ",\"verdict\":" + json_string(d.verdict) + ",\"deciding\":[";
    for (std::size_t i = 0; i < d.deciding.size(); ++i)
        line += (i ? "," : "") + json_string(d.deciding[i]);
    line += "],\"latency_seconds\":" + std::to_string(d.seconds) + "}\n";
    std::lock_guard lock(mutex_);
    if (written_ > 0 && written_ + line.size() > max_bytes_) rotate();
    out_ << line << std::flush;
    written_ += line.size();
}

void DecisionLog::rotate() {
    out_.close();
    std::error_code ec;
    std::filesystem::rename(path_, path_ + ".1", ec);
    out_.open(path_, std::ios::trunc | std::ios::binary);
    written_ = 0;
}

} // namespace dealcheck::server
