// A counting global allocator for the benchmarks: how many heap allocations a piece
// of code makes (the fast path must make none per decision) and how many bytes stay
// allocated (memory per compiled clause).
#pragma once

#include <cstdint>

namespace dealcheck::bench {

struct HeapCounters {
    std::uint64_t allocations; // operator new calls so far, all threads
    std::int64_t live_bytes;   // bytes allocated and not yet freed (usable sizes)
};

HeapCounters heap_counters();

} // namespace dealcheck::bench
