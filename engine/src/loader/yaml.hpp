// yaml-cpp, included once for the engine. g++ 12 flags yaml-cpp 0.7's node
// assignment and iterators as dangling or uninitialised (false positives in its own
// header), so those warnings are silenced for that header only.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <yaml-cpp/yaml.h>
#pragma GCC diagnostic pop
