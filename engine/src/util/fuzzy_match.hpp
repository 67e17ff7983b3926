// "Did you mean": the nearest known word to a misspelt one, used for every hint.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::util {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` (case-insensitive), if it is close enough to be a
// plausible typo; empty otherwise.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

// Bounds the work of every nearest() call made on this thread while it lives: once
// `cells` cells of edit-distance tables have been filled, no more hints are offered.
// A deal with thousands of misspelt names must not spend minutes on "did you mean";
// the loader and the checker each run under one. Scopes nest.
class HintBudget {
  public:
    explicit HintBudget(std::uint64_t cells);
    ~HintBudget();
    HintBudget(const HintBudget&) = delete;
    HintBudget& operator=(const HintBudget&) = delete;

  private:
    std::uint64_t saved_remaining_;
    bool saved_active_;
};
inline constexpr std::uint64_t default_hint_cells = 20'000'000;

// "did you mean `until`?" or "" when nothing is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "`a`, `b` or `c`"
std::string one_of(const std::vector<std::string>& words);
// "`a`, `b` and `c`"
std::string all_of(const std::vector<std::string>& words);

} // namespace dealcheck::util
