#include "render/history_count.hpp"

namespace dealcheck::rendering {

std::string counted_lines(const HistoryCount& h, const std::string& indent) {
    std::string out;
    std::size_t listed = 0;
    for (const auto& item : h.counted) {
        if (!item.asked && listed++ == HistoryCount::max_shown) break;
        out += indent + item.value + "  " + item.event + "\n";
    }
    listed = std::min(listed, HistoryCount::max_shown);
    if (h.events > listed)
        out += indent + "... and " + std::to_string(h.events - listed) + " earlier " +
               (h.events - listed == 1 ? "event" : "events") + "\n";
    if (h.counted.empty()) out += indent + "no event\n";
    if (h.limit) {
        const auto& l = *h.limit;
        out += indent + "against the limit: ";
        if (l.side != h.expression) out += l.side + " = " + l.value + ", and ";
        // The limit by name when it has one: `revenue_share_cap (unknown)`.
        out += l.value + " " + l.op + " " +
               (l.other == l.limit || l.other.empty() ? l.limit : l.other + " (" + l.limit + ")") +
               " is " + l.holds + "\n";
    }
    return out;
}

} // namespace dealcheck::rendering
