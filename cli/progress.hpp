// One line of progress on stderr for long work, redrawn in place:
//
//     dealcheck batch: 1,200,000 lines, 3.1M lines/s, 2 s left
//
// Shown only when stderr is a terminal and the caller says so (not under `--json`),
// so that nothing reaches a pipe, a file or a log. The line is redrawn at most 10
// times a second, whatever the rate of update(); it is erased when the Progress is
// destroyed, before the command prints its own output.
//
//     Progress progress("dealcheck test", "cases", !o.common.json);
//     for (...) progress.update(done, total);  // total 0: not known, no time left
//
// Not thread-safe: call update() from one thread (the engine's progress callbacks are
// called from one thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace dealcheck::cli {

class Progress {
  public:
    Progress(std::string label, std::string unit, bool wanted);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // `done` items of `total` (0 when not known) so far.
    void update(std::uint64_t done, std::uint64_t total = 0);

  private:
    using Clock = std::chrono::steady_clock;
    std::string label_, unit_;
    bool shown_;
    bool drawn_ = false;
    std::uint64_t first_ = 0; // `done` at the first update
    Clock::time_point start_{}, last_{};
};

} // namespace dealcheck::cli
