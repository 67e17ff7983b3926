#include "evaluator/related.hpp"

#include <algorithm>

namespace dealcheck::evaluator {

bool performs(const model::Obligation& o, std::uint32_t action, std::uint32_t party) {
    return o.party == party && o.action == action;
}

bool triggers(const model::Obligation& o, std::uint32_t action, std::uint32_t party) {
    return o.trigger.kind == model::Trigger::Kind::Event && o.trigger.party == party &&
           o.trigger.action == action;
}

bool holds_power(const model::Power& p, std::uint32_t action, std::uint32_t party) {
    return p.party == party && p.action == action;
}

std::size_t Related::count() const {
    return static_cast<std::size_t>(std::count(obligations.begin(), obligations.end(), true) +
                                    std::count(powers.begin(), powers.end(), true));
}

Related related(const model::Deal& deal, std::uint32_t action, std::uint32_t party) {
    Related r{std::vector<bool>(deal.obligations.size(), false),
              std::vector<bool>(deal.powers.size(), false)};
    for (std::size_t o = 0; o < deal.obligations.size(); ++o)
        r.obligations[o] = performs(deal.obligations[o], action, party) ||
                           triggers(deal.obligations[o], action, party);
    std::vector<std::uint32_t> todo;
    for (std::uint32_t p = 0; p < deal.powers.size(); ++p)
        if (holds_power(deal.powers[p], action, party)) todo.push_back(p);
    // Down the chain of what opens each related power; each power once.
    while (!todo.empty()) {
        auto p = todo.back();
        todo.pop_back();
        if (r.powers[p]) continue;
        r.powers[p] = true;
        const auto& power = deal.powers[p];
        if (power.opened_by == model::no_index) continue;
        if (power.opening == model::Power::Opening::Violated)
            r.obligations[power.opened_by] = true;
        else
            todo.push_back(power.opened_by);
    }
    return r;
}

Related every(const model::Deal& deal) {
    return {std::vector<bool>(deal.obligations.size(), true),
            std::vector<bool>(deal.powers.size(), true)};
}

} // namespace dealcheck::evaluator
