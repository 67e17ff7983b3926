#include "model/business_days.hpp"

#include <algorithm>

namespace dealcheck::model {

bool is_business_day(const Calendar& calendar, Date d) {
    // 1970-01-01 was a Thursday (index 4, counting from Sunday).
    auto weekday = static_cast<std::size_t>(((d.days % 7) + 7 + 4) % 7);
    return !calendar.weekend[weekday] &&
           !std::binary_search(calendar.holidays.begin(), calendar.holidays.end(), d);
}

Date add_business_days(const Calendar& calendar, Date d, std::int32_t n) {
    // The loader refuses a weekend of seven days, so this ends.
    while (n > 0) {
        ++d.days;
        if (is_business_day(calendar, d)) --n;
    }
    return d;
}

} // namespace dealcheck::model
