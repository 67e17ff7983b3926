// The lifecycle of a deal's obligations and powers, computed once when the deal is
// compiled, from its checked terms and its whole history, day by day: every status as
// of a date, every timeline entry, every test expectation and every power that permits
// an action is read from this one record of dated changes.
#pragma once

#include "dealcheck/diagnostic_code.hpp"
#include "dealcheck/status.hpp"
#include "model/deal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck::compiler {

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

// The days a power permits its holder's action: from the day it opens through the day
// before it lapses, or through the day it is exercised (the exercising event is that
// action). A power opens at most once, so it has at most one span.
struct PowerSpan {
    std::uint32_t power = model::no_index, action = model::no_index, party = model::no_index;
    Date from{}, until{};
};
std::vector<PowerSpan> open_spans(const model::Deal& deal, const Lifecycle& life);

} // namespace dealcheck::compiler
