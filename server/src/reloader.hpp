// Hot reload: the rule files are compared with the served revision every poll interval
// (polling sees edits, renames and editors' swap files alike); a changed deal is loaded
// and checked off to the side and swapped in only if it checks clean.
#pragma once

#include "metrics.hpp"
#include "registry.hpp"

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <map>
#include <mutex>
#include <thread>

namespace dealcheck::server {

class Reloader {
  public:
    Reloader(Registry& registry, Metrics& metrics, const LoadOptions& load, std::ostream& log);
    ~Reloader(); // stops the thread

    // Loads every deal whose files differ from what is served; returns at once.
    void poll();
    // Calls poll() every `interval` on a thread of its own until destroyed.
    void start(std::chrono::milliseconds interval);

  private:
    // false when the files changed while they were loaded: nothing was decided.
    bool reload(DealEntry& entry, const std::string& hash);
    Registry& registry_;
    Metrics& metrics_;
    LoadOptions load_;
    std::ostream& log_;
    std::mutex log_mutex_;
    std::mutex stop_mutex_;
    std::condition_variable stop_signal_;
    bool stopping_ = false;
    std::thread thread_;
    // Each deal's files_signature when last settled; poll() hashes only when it changes.
    std::map<std::string, std::string> signatures_;
};

} // namespace dealcheck::server
