#include "options.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace dealcheck::cli {

namespace fs = std::filesystem;

static constexpr const char* bundled_deal = "microsoft-openai";

// Diagnostics and answers quote file paths: keep them short when under the current folder.
static std::string shortest(const fs::path& p) {
    std::error_code ec;
    auto relative = fs::proximate(p, ec);
    if (ec || relative.empty() || *relative.begin() == "..") return p.string();
    return relative.string();
}

std::string rules_path(const Common& common) {
    if (!common.rules.empty()) return common.rules;
    if (const char* env = std::getenv("DEALCHECK_RULES"); env && *env) return env;
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto installed = exe.parent_path().parent_path() / DEALCHECK_INSTALL_RULES_DIR / bundled_deal;
        if (fs::exists(installed / "deal.yaml", ec)) return shortest(installed);
    }
    return shortest(fs::path(DEALCHECK_SOURCE_RULES_DIR) / bundled_deal);
}

bool use_colour(int fd) {
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    return isatty(fd) != 0;
}

std::optional<Deal> load(const Common& common) {
    auto result = Deal::load(rules_path(common));
    std::cerr << render(result.diagnostics, use_colour(2));
    if (!result.deal && !result.diagnostics.has_errors()) std::cerr << "dealcheck: the deal did not load\n";
    return std::move(result.deal);
}

} // namespace dealcheck::cli
