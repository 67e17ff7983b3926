// A question line read by simdjson On-Demand instead of question/json_line.cpp, for
// the LineStage benchmark: the same fields into a JsonLine, strings unescaped by
// simdjson, attribute and fact values as raw JSON text, without the strict reader's
// checks (so a floor for what a library-based reader costs).
//
// Debian's simdjson 3.0.1 is a header-only On-Demand API that picks its kernel when
// compiled: without -mavx2 (a binary for any x86-64) it is the scalar "fallback" one.
// simdjson_line_avx2.cpp is compiled with -mavx2 to show what the AVX2 kernel gives.
#pragma once

#include "question/json_line.hpp"

#include <simdjson.h>

namespace dealcheck::bench {

bool simdjson_read_portable(const simdjson::padded_string& text, question::JsonLine& out);
bool simdjson_read_avx2(const simdjson::padded_string& text, question::JsonLine& out);

} // namespace dealcheck::bench
