// The state of a deal's obligations and powers as of a date, from its history:
// what is pending, fulfilled, violated or discharged, what is owed and paid, which
// powers are open, and the dated events and clauses that made each so.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "dealcheck/value.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck {

enum class ObligationState { Pending, Fulfilled, Violated, Discharged };
// Dormant: not yet opened. Lapsed: the deal ended before it was exercised.
enum class PowerState { Dormant, Open, Exercised, Lapsed };
std::string_view to_string(ObligationState s);
std::string_view to_string(PowerState s);

// One dated step of an obligation's or power's story: an event of the history or a
// deadline passing, located at the event or at the obligation.
struct StatusStep {
    Date date{};
    std::string text; // "fulfilled: seller delivers the goods"
    SourceLocation where;
};

// One instance of an obligation: each trigger (a date, an event, a violation) starts one.
struct ObligationStatus {
    std::string id, title, tag;
    int instance = 1; // the how-manieth instance of this obligation
    SourceLocation where;
    std::string debtor, creditor, action; // ids
    ObligationState state = ObligationState::Pending;
    bool suspended = false; // pending, its deadline paused by a power
    bool late = false;      // fulfilled after it was violated
    Date triggered{}, since{};
    std::optional<Date> deadline; // none while suspended, or when it counts from an unknown
    bool open_ended = false;      // the agreement states no deadline: it cannot be violated
    std::string owed, paid, open; // money as text (open: still owed); empty when an action is owed
    std::vector<StatusStep> steps;
};

struct PowerStatus {
    std::string id, title, tag;
    SourceLocation where;
    std::string holder, action, effect; // effect: suspend, resume or terminate
    PowerState state = PowerState::Dormant;
    std::optional<Date> since;
    std::vector<StatusStep> steps;
};

struct DealStatus {
    std::string deal;
    Date as_of{};
    std::optional<Date> terminated; // the day a power ended the deal
    std::vector<ObligationStatus> obligations;
    std::vector<PowerStatus> powers;
};

// A change of state, for timelines: "2026-03-17: pay-balance #1 violated".
struct ObligationChange {
    Date date{};
    std::string id; // obligation or power id
    bool power = false;
    int instance = 1;
    std::string state; // an ObligationState or PowerState word
    std::string text;
    SourceLocation where;
};

} // namespace dealcheck
