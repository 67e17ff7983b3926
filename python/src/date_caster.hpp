// dealcheck::Date as Python's datetime.date, both ways. A date argument may also be
// given as "YYYY-MM-DD" text; anything else is a ValueError that quotes it.
#pragma once

#include "dealcheck/value.hpp"

#include <datetime.h>
#include <pybind11/pybind11.h>

namespace pybind11::detail {

template <> struct type_caster<dealcheck::Date> {
    PYBIND11_TYPE_CASTER(dealcheck::Date, const_name("datetime.date"));

    bool load(handle src, bool) {
        if (!PyDateTimeAPI) PyDateTime_IMPORT;
        if (PyDate_Check(src.ptr()) && !PyDateTime_Check(src.ptr())) {
            auto d = dealcheck::make_date(PyDateTime_GET_YEAR(src.ptr()),
                                          PyDateTime_GET_MONTH(src.ptr()),
                                          PyDateTime_GET_DAY(src.ptr()));
            if (!d) return false;
            value = *d;
            return true;
        }
        if (!isinstance<str>(src)) return false;
        auto text = src.cast<std::string>();
        auto d = dealcheck::parse_date(text);
        if (!d) throw value_error("a date is YYYY-MM-DD (a real day), not `" + text + "`");
        value = *d;
        return true;
    }

    static handle cast(dealcheck::Date d, return_value_policy, handle) {
        if (!PyDateTimeAPI) PyDateTime_IMPORT;
        int year = 0, month = 0, day = 0;
        dealcheck::civil_from_date(d, year, month, day);
        return PyDate_FromDate(year, month, day);
    }
};

} // namespace pybind11::detail
