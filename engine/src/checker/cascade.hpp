// A deal whose files did not all load is still checked, so that one run reports every
// error; but what the checker finds only because something is missing (a clause of a
// file that failed, a party of a manifest that failed) is not an error of its own.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "loader/load.hpp"

namespace dealcheck::checker {

// Moves the checker's diagnostics `found` into `out`, but those that may follow from the
// load's gaps: any in a file with loading errors; unknown clauses when an agreement file
// failed; everything that reads the vocabulary when the manifest or a vocabulary failed.
// Returns how many were left out.
std::size_t report_independent(const loader::Gaps& gaps, const Diagnostics& found,
                               Diagnostics& out);

// The note that says so, after the errors (out is sorted).
void note_left_out(std::size_t left_out, Diagnostics& out);

} // namespace dealcheck::checker
