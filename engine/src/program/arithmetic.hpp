// What `+`, `-`, `*` and `/` compute: defined once, for the evaluator and for the
// analyzer's constant folding. Exact or unknown, never rounded.
#pragma once

#include "program/program.hpp"

namespace dealcheck::compiler {

// The result of `l op r` (op is Add, Sub, Mul or Div) for operands of the kinds the
// checker allows: date ± duration, durations, numbers and money of one currency add
// and subtract; numbers multiply and divide; money multiplies by and divides by a
// number, and money divided by money is a number. Unknown when an operand is unknown,
// on division by zero, and when the exact result is not a value: more digits than a
// Number holds, a fraction of a cent, an amount past the cents an int64 holds.
Value arithmetic(Op op, const Value& l, const Value& r);

} // namespace dealcheck::compiler
