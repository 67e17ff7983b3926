// What a clause's condition says, conjunct by conjunct, in the terms a row of the
// decision index can test without reading the clause's block (decision_index.hpp):
// an enum or bool attribute or fact in a set of values, a money amount or date
// attribute or fact at least or at most a bound, the question's date from or until a
// day. Anything else is `Other`, which the clause's block decides.
#pragma once

#include "compiler/decision_index.hpp"

#include <vector>

namespace dealcheck::compiler {

struct Conjunct {
    enum class Kind : std::uint8_t { InSet, AtLeast, AtMost, DayFrom, DayUntil, Other };
    Kind kind = Kind::Other;
    RowColumn column;        // InSet, AtLeast, AtMost: what it reads
    std::uint64_t param = 0; // InSet: the values (bits); AtLeast, AtMost: the bound
    Date day{};              // DayFrom, DayUntil
};

// The top-level conjuncts of the condition whose nodes start at `root` (the whole
// condition when it is not an `and`). Each one holds exactly when its summary says
// so, for a question whose value is known and of the column's kind.
std::vector<Conjunct> conjuncts_of(const Cell* root);

} // namespace dealcheck::compiler
