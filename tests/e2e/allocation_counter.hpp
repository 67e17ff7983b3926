// A counting replacement of the global operator new, for tests that check that a
// piece of code allocates nothing (linked into batch_tests only).
#pragma once

#include <cstdint>

namespace dealcheck::test {

// operator new calls so far, all threads.
std::uint64_t allocations();

} // namespace dealcheck::test
