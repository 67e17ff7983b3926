#include "registry.hpp"

#include <ctime>
#include <filesystem>

namespace dealcheck::server {

std::shared_ptr<const Revision> DealEntry::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

std::optional<FailedReload> DealEntry::failure() const {
    std::lock_guard lock(mutex_);
    return failure_;
}

void DealEntry::install(std::shared_ptr<const Revision> revision) {
    std::lock_guard lock(mutex_);
    current_ = std::move(revision);
    failure_.reset();
}

void DealEntry::refuse(FailedReload failure) {
    std::lock_guard lock(mutex_);
    failure_ = std::move(failure);
}

Registry::Registry(const std::vector<std::string>& folders) {
    for (const auto& folder : folders) {
        std::filesystem::path p(folder);
        std::string base = (p.has_filename() ? p : p.parent_path()).filename().string();
        if (base == "deal.yaml") base = p.parent_path().filename().string();
        std::string name = base;
        for (int n = 2; find(name); ++n)
            name = base + "-" + std::to_string(n);
        entries_.push_back(std::make_unique<DealEntry>(name, folder));
    }
}

DealEntry* Registry::find(const std::string& name) {
    for (auto& e : entries_)
        if (e->name() == name) return e.get();
    return nullptr;
}

std::vector<DealEntry*> Registry::entries() {
    std::vector<DealEntry*> out;
    for (auto& e : entries_)
        out.push_back(e.get());
    return out;
}

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

} // namespace dealcheck::server
