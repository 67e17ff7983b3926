#include "simdjson_line.hpp"

namespace dealcheck::bench {
namespace OnDemand = simdjson::fallback::ondemand;
#define SIMDJSON_READ simdjson_read_portable
#include "simdjson_line.ipp"
} // namespace dealcheck::bench
