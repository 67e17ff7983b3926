// The deals being served: for each, the revision that answers and the last reload that
// failed. Requests take a shared_ptr to a whole Revision, so a swap never shows them
// half a deal, and an old revision lives until its last request is done.
#pragma once

#include "dealcheck/deal.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck::server {

struct Revision {
    std::string hash; // content_hash of the files it was loaded from
    Deal deal;
    Diagnostics warnings;
    std::string loaded_at; // UTC, ISO 8601
};

// A reload that did not check clean: its errors, and the revision it was refused for.
struct FailedReload {
    std::string hash;
    Diagnostics diagnostics;
    std::string at;
};

class DealEntry {
  public:
    DealEntry(std::string name, std::string path)
        : name_(std::move(name)), path_(std::move(path)) {}
    const std::string& name() const { return name_; }
    const std::string& path() const { return path_; }

    std::shared_ptr<const Revision> current() const;
    std::optional<FailedReload> failure() const;
    void install(std::shared_ptr<const Revision> revision); // clears the failure
    void refuse(FailedReload failure);

  private:
    std::string name_, path_;
    mutable std::mutex mutex_;
    std::shared_ptr<const Revision> current_;
    std::optional<FailedReload> failure_;
};

class Registry {
  public:
    // Each folder is served under its last path component; a name given twice gets
    // `-2`, `-3`...
    explicit Registry(const std::vector<std::string>& folders);
    DealEntry* find(const std::string& name);
    std::vector<DealEntry*> entries();

  private:
    std::vector<std::unique_ptr<DealEntry>> entries_;
};

// Now, UTC, as 2026-01-31T12:00:00Z.
std::string utc_now();

} // namespace dealcheck::server
