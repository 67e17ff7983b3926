// The lifecycle of a deal's obligations and powers, computed once from its checked
// terms and its whole history, day by day: every status as of a date, every timeline
// entry and every test expectation is read from this one record of dated changes.
#pragma once

#include "dealcheck/diagnostic_code.hpp"
#include "dealcheck/status.hpp"
#include "model/deal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck::evaluator {

struct InstanceChange {
    Date date{};
    ObligationState state = ObligationState::Pending;
    bool suspended = false, late = false;
    std::optional<Date> deadline;
    Money paid{};
    std::uint32_t event = model::no_index; // the history event that made the change
    std::string text;
};

struct Instance {
    std::uint32_t obligation = model::no_index;
    int number = 1; // among the obligation's instances
    Date triggered{};
    std::vector<InstanceChange> changes; // the first is its triggering
};

struct PowerChange {
    Date date{};
    PowerState state = PowerState::Open;
    std::uint32_t event = model::no_index;
    std::string text;
};

// An event that did not do what it says: it fulfils nothing that is owed, or
// exercises a power that is not open. Reported as a warning when the deal loads.
struct EventNote {
    std::uint32_t event = model::no_index;
    DiagnosticCode code = DiagnosticCode::fulfils_nothing;
    std::string message, hint;
};

struct Lifecycle {
    std::vector<Instance> instances;              // in the order they were triggered
    std::vector<std::vector<PowerChange>> powers; // parallel to the deal's powers
    std::optional<Date> terminated;
    std::vector<EventNote> notes;
};

Lifecycle lifecycle(const model::Deal& deal);

// The lifecycle read as of a day: each instance and power in its latest state on or
// before `as_of`, with the steps that led there.
DealStatus status_as_of(const model::Deal& deal, const Lifecycle& life, Date as_of);
// Every change of state, by date.
std::vector<ObligationChange> changes(const model::Deal& deal, const Lifecycle& life);

} // namespace dealcheck::evaluator
