// A date counted from an anchor: `ANCHOR`, `ANCHOR + DURATION` (`30d`, `8w`, `2mo`) or
// `ANCHOR + N business_days`. Obligation deadlines are written so (`trigger + 30d`),
// and so are windows counted from a history event (`until: buyer.notify + 30d`).
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck::checker {

struct AnchoredDate {
    std::string anchor; // as written, without the blanks around it
    SourceLocation anchor_where;
    Duration plus{};
    std::int32_t business_days = 0;
};

// Splits `src` into its anchor and offset. The anchor is only cut out here; the caller
// resolves it. Reports a bad offset (an unknown unit, a count out of range), located at
// its column, and returns nullopt.
std::optional<AnchoredDate> parse_anchored_date(const model::Deal& deal,
                                                const model::ExprSource& src,
                                                const std::vector<std::string>& strings,
                                                Diagnostics& diags);

// The anchor's date plus the offset, business days under the deal's calendar.
Date offset(const model::Deal& deal, const AnchoredDate& a, Date anchor);

// Whether `text` names a history event, `party.action` (with an optional offset): the
// form a window bound counted from an event takes.
bool names_an_event(std::string_view text);

} // namespace dealcheck::checker
