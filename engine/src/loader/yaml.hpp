// yaml-cpp, included once for the engine. g++ 12 flags yaml-cpp 0.7's node
// assignment and iterators as dangling or uninitialised (false positives in its own
// header), so those warnings are silenced for that header only.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) // clang has neither warning
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <yaml-cpp/yaml.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
