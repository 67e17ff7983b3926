// The time limit of solver checks. Z3's own (`timeout`) starts a timer for every check
// and hands it to a thread of its pool, then spins until that thread has seen the check
// end: two context switches a check, and on a loaded machine the spin waits for a core.
// `analyze` at 10,000 clauses makes ~100,000 short checks: that was a fifth of its CPU
// time. One thread for the whole process watches every check under way instead and
// interrupts those past their time; starting and ending a check only takes its lock.
#pragma once

#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>
#include <z3++.h>

namespace dealcheck::analysis {

class Watchdog {
    using Clock = std::chrono::steady_clock;
    struct Watched {
        z3::context* ctx;
        Clock::time_point deadline;
        bool interrupted;
    };

  public:
    // While it lives, a check in `ctx` is interrupted (answers unknown) once it has
    // taken `ms` milliseconds; 0: no limit.
    class Watch {
      public:
        Watch(z3::context& ctx, unsigned ms);
        ~Watch();
        Watch(const Watch&) = delete;
        Watch& operator=(const Watch&) = delete;

      private:
        bool active_;
        std::list<Watched>::iterator it_;
    };

    ~Watchdog();

  private:
    static Watchdog& shared();
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::list<Watched> watched_;
    Clock::time_point next_wake_ = Clock::time_point::max();
    bool stop_ = false;
    std::thread thread_;
};

} // namespace dealcheck::analysis
