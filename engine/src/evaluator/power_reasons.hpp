// Why each power the asking party holds over the asked action is or is not open on the
// question's date, in terms of the history: read from the deal's one lifecycle
// (compiler/lifecycle.cpp), never computed again.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"
#include "evaluator/authorizer.hpp"

#include <vector>

namespace dealcheck::evaluator {

// A power as a deciding provision: quoted, cited and located as a clause is, its
// effect `power`.
ClauseRef power_ref(const CompiledDeal& deal, std::uint32_t p);

// Every power of the question's party over its action, in declaration order.
std::vector<PowerRef> power_reasons(const CompiledDeal& deal, const BoundQuestion& q);

} // namespace dealcheck::evaluator
