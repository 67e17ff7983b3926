// A clause or a power as an answer cites it: its words, source, agreement and place.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/answer.hpp"

#include <string>

namespace dealcheck::evaluator {

template <class Provision>
ClauseRef provision_ref(const CompiledDeal& deal, const Provision& p, std::string effect) {
    ClauseRef r;
    r.id = p.id;
    r.title = p.title;
    r.quote = p.quote;
    r.cite = p.cite;
    r.tag = std::string(model::to_string(p.tag));
    r.effect = std::move(effect);
    r.agreement =
        p.agreement < deal.model.agreements.size() ? deal.model.agreements[p.agreement].id : "";
    r.where = model::location(deal.model, p.where);
    return r;
}

} // namespace dealcheck::evaluator
