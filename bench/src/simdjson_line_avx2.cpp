// Compiled with -mavx2 (bench/CMakeLists.txt): simdjson's builtin kernel is haswell.
#include "simdjson_line.hpp"

namespace dealcheck::bench {
namespace OnDemand = simdjson::haswell::ondemand;
#define SIMDJSON_READ simdjson_read_avx2
#include "simdjson_line.ipp"
} // namespace dealcheck::bench
