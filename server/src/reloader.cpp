#include "reloader.hpp"

#include "content_hash.hpp"

#include <ostream>

namespace dealcheck::server {

Reloader::Reloader(Registry& registry, Metrics& metrics, const LoadOptions& load, std::ostream& log)
    : registry_(registry), metrics_(metrics), load_(load), log_(log) {}

Reloader::~Reloader() {
    {
        std::lock_guard lock(stop_mutex_);
        stopping_ = true;
    }
    stop_signal_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Reloader::start(std::chrono::milliseconds interval) {
    thread_ = std::thread([this, interval] {
        std::unique_lock lock(stop_mutex_);
        while (!stop_signal_.wait_for(lock, interval, [this] { return stopping_; })) {
            lock.unlock();
            poll();
            lock.lock();
        }
    });
}

void Reloader::poll() {
    for (auto* entry : registry_.entries()) {
        auto signature = files_signature(entry->path());
        auto& settled = signatures_[entry->name()];
        if (!settled.empty() && settled == signature) continue;
        std::string hash = content_hash(entry->path());
        auto current = entry->current();
        auto failure = entry->failure();
        bool same = (current && current->hash == hash) || (failure && failure->hash == hash);
        if (same || reload(*entry, hash)) settled = signature;
    }
}

bool Reloader::reload(DealEntry& entry, const std::string& hash) {
    auto loaded = Deal::load(entry.path(), load_);
    // Files changed while they were read (an editor still saving): what was loaded may
    // be no revision at all. The next poll loads them again.
    if (content_hash(entry.path()) != hash) return false;
    std::lock_guard lock(log_mutex_);
    if (!loaded.deal) { // its diagnostics say why: a deal that does not load has errors
        auto served = entry.current();
        log_ << "dealcheck serve: " << entry.name() << ": revision " << (hash.empty() ? "-" : hash)
             << " refused, "
             << (served ? "still serving " + served->hash : std::string("no revision to serve"))
             << ":\n"
             << render(loaded.diagnostics) << std::flush;
        entry.refuse({hash, std::move(loaded.diagnostics), utc_now()});
        metrics_.reload(entry.name(), false);
        return true;
    }
    auto revision = std::make_shared<Revision>(
        Revision{hash, std::move(*loaded.deal), std::move(loaded.diagnostics), utc_now()});
    log_ << "dealcheck serve: " << entry.name() << ": serving revision " << hash << "\n"
         << render(revision->warnings) << std::flush;
    entry.install(std::move(revision));
    metrics_.reload(entry.name(), true);
    return true;
}

} // namespace dealcheck::server
