#include "util/fuzzy_match.hpp"

#include "dealcheck/diagnostic.hpp"

#include <algorithm>

namespace dealcheck::util {

static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits), so
// that a swapped pair of letters ("utnil") counts as one typo.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        prev2.swap(prev);
        prev.swap(cur);
    }
    return prev[m];
}

namespace {
thread_local std::uint64_t hint_cells_left = 0;
thread_local bool hint_budget_active = false;
} // namespace

HintBudget::HintBudget(std::uint64_t cells)
    : saved_remaining_(hint_cells_left), saved_active_(hint_budget_active) {
    hint_cells_left = cells;
    hint_budget_active = true;
}

HintBudget::~HintBudget() {
    hint_cells_left = saved_remaining_;
    hint_budget_active = saved_active_;
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() > 64) return {}; // a typo is short; don't pay O(n*m) on junk
    std::string best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        if (hint_budget_active) {
            std::uint64_t cells = (word.size() + 1) * (c.size() + 1);
            if (cells > hint_cells_left) {
                hint_cells_left = 0;
                return {};
            }
            hint_cells_left -= cells;
        }
        std::size_t d = edit_distance(word, c);
        if (best.empty() || d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    // Allow about one edit per three letters, at least one.
    std::size_t allowed = std::max<std::size_t>(1, std::min(word.size(), best.size()) / 3);
    return !best.empty() && best_distance <= allowed ? best : std::string{};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    auto n = nearest(word, candidates);
    return n.empty() ? std::string{} : "did you mean `" + n + "`?";
}

static std::string listed(const std::vector<std::string>& words, const char* last) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? last : ", ";
        out += "`" + words[i] + "`";
    }
    return out;
}

std::string one_of(const std::vector<std::string>& words) {
    return listed(words, " or ");
}

std::string all_of(const std::vector<std::string>& words) {
    return listed(words, " and ");
}

} // namespace dealcheck::util

namespace dealcheck {

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    return util::did_you_mean(word, candidates);
}

} // namespace dealcheck
