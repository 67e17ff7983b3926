#include "analysis/watchdog.hpp"

#include <algorithm>

namespace dealcheck::analysis {

Watchdog& Watchdog::shared() {
    static Watchdog dog;
    return dog;
}

Watchdog::~Watchdog() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

Watchdog::Watch::Watch(z3::context& ctx, unsigned ms) : active_(ms != 0) {
    if (!active_) return;
    auto& dog = shared();
    auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    std::lock_guard lock(dog.mutex_);
    if (!dog.thread_.joinable()) dog.thread_ = std::thread([&dog] { dog.run(); });
    it_ = dog.watched_.insert(dog.watched_.end(), Watched{&ctx, deadline, false});
    // Checks usually end long before their deadline: the thread is woken only when
    // this one is due before it would wake anyway.
    if (deadline < dog.next_wake_) dog.wake_.notify_one();
}

// Under the lock: an interrupt is never sent to a check that has ended, nor to a
// context that may be gone.
Watchdog::Watch::~Watch() {
    if (!active_) return;
    auto& dog = shared();
    std::lock_guard lock(dog.mutex_);
    dog.watched_.erase(it_);
}

void Watchdog::run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        auto now = Clock::now();
        // Idle, or all checks far from due: look again within a second anyway.
        auto next = now + std::chrono::seconds(1);
        for (auto& w : watched_) {
            if (w.interrupted) continue;
            if (w.deadline <= now) {
                w.ctx->interrupt();
                w.interrupted = true;
            } else {
                next = std::min(next, w.deadline);
            }
        }
        next_wake_ = next;
        wake_.wait_until(lock, next);
    }
}

} // namespace dealcheck::analysis
