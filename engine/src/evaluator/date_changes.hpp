// The days on which a condition that reads the question's date (`date`, directly or
// through date arithmetic, `min` and `max`) may change truth value.
#pragma once

#include "program/expr_eval.hpp"

#include <vector>

namespace dealcheck::evaluator {

// Whether `p` reads the question's date at all.
bool reads_date(const compiler::Program& p);

// Days d in (from, through] on which `p` may hold differently than on d - 1 because
// the date moved, with the attributes and facts of `env` (its date is ignored) held
// constant over [from, through]. May include days on which nothing changes; never
// misses one.
std::vector<Date> date_changes(const compiler::Program& p, const Env& env, Date from, Date through);

// Days d in (from, through] on which aggregate `a`'s total may differ from d - 1: an
// event's date, the day it leaves a `within` window, each first of January for `during
// year`, the start of `since`. Appended to `out`, unsorted.
void aggregate_changes(const compiler::Aggregate& a, const Env& env, Date from, Date through,
                       std::vector<Date>& out);

} // namespace dealcheck::evaluator
