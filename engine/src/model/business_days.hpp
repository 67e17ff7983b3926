// Business days under a deal's calendar: what deadlines such as
// `trigger + 10 business_days` count.
#pragma once

#include "model/deal.hpp"

namespace dealcheck::model {

bool is_business_day(const Calendar& calendar, Date d);
// The `n`th business day after `d` (n >= 0; n == 0 is `d` itself).
Date add_business_days(const Calendar& calendar, Date d, std::int32_t n);

} // namespace dealcheck::model
