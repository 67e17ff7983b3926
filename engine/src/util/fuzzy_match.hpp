// "Did you mean": the nearest known word to a misspelt one, used for every hint.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::util {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` (case-insensitive), if it is close enough to be a
// plausible typo; empty otherwise.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean `until`?" or "" when nothing is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "`a`, `b` or `c`"
std::string one_of(const std::vector<std::string>& words);

} // namespace dealcheck::util
