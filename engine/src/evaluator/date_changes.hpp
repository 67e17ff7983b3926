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

} // namespace dealcheck::evaluator
