// The answer to a question: a verdict and its reasons. Plain values, cheap to move.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"
#include "dealcheck/value.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck {

enum class VerdictKind { Permitted, Forbidden, NeedsConsent, NotCovered, Depends };

std::string_view to_string(VerdictKind v);    // "PERMITTED", "NEEDS-CONSENT", ...
std::string_view verdict_word(VerdictKind v); // "permitted", "needs-consent", ...: JSON, tests

// A clause as the answer quotes it.
struct ClauseRef {
    std::string id, title, quote, cite;
    std::string tag;       // official / reported / unverified
    std::string effect;    // permit / forbid / consent / oblige / grant
    std::string agreement; // the agreement it belongs to
    SourceLocation where;
};

struct Override {
    ClauseRef clause;          // the clause that did not get its way
    std::string overridden_by; // the exception that beat it
};

struct Conflict {
    std::vector<std::string> clauses; // applicable, opposite effects, no precedence
    std::string resolution;           // "forbid wins"
};

struct ConsequenceRef {
    std::string kind; // "right" (grant) or "obligation" (oblige)
    std::string party;
    std::string text;
    std::optional<Date> until;             // the earliest date bound
    std::vector<std::string> until_events; // or until these facts become true
    ClauseRef clause;
};

// An unknown fact (or attribute not given) whose value changes the outcome (the
// verdict or the consequences), with what each of its values gives.
struct Dependency {
    std::string name;
    bool is_attribute = false;
    struct Outcome {
        std::string value;
        VerdictKind verdict; // Depends: the other unknowns decide, for this value
        std::vector<std::string> consent_of;
        std::vector<ConsequenceRef> consequences; // what follows, when the verdict is settled
    };
    std::vector<Outcome> outcomes; // empty when the values cannot be enumerated
};

// One outcome of a question that hinges on several unknowns, and the cases that give
// it: each case assigns some of the unknowns; one it leaves out may take any value.
struct GroupedOutcome {
    VerdictKind verdict = VerdictKind::NotCovered;
    std::vector<std::string> consent_of;
    std::vector<ConsequenceRef> consequences;
    std::vector<std::vector<std::pair<std::string, std::string>>> cases;
};

// A fact the question did not give, taken from what the rules record as known.
struct AssumedFact {
    std::string name, value;
    std::string known_through; // empty when it holds from an event on, with no end
    // The history event it holds since, if any: "2027-03-01: the panel verifies AGI
    // (history.yaml:12)".
    std::string event;
};

// A reading of uncertain text that the answer relied on.
struct ReadingRef {
    std::string reading, value, says;
    bool is_default = true;
};

// What another reading of uncertain text would answer, when it differs.
struct ReadingOutcome {
    std::string reading, value, says;
    VerdictKind verdict = VerdictKind::NotCovered;
    std::vector<std::string> consent_of;
    std::vector<std::string> deciding;
    // What would follow under that reading: a reading may change only this ("the
    // acquisition is permitted either way; Microsoft gains the IP under one").
    std::vector<ConsequenceRef> consequences;
};

// A sum or count over the history in a clause's condition: its total on the question's
// date, the events it counted, and the comparison it is part of (the cap it is held to).
struct HistoryCount {
    std::string clause;     // the clause's id
    std::string expression; // as written: "sum(acquire.price by acme, within 1y)"
    SourceLocation where;
    std::string total; // "3.1B USD", "2", "unknown"
    struct Item {
        std::string event; // "2020-06-15: Acme buys Hooli (history.yaml:3)", or the asked action
        SourceLocation where;
        std::string value;  // what it added: an amount, or 1
        bool asked = false; // the action asked about, not an event of the history
    };
    // The asked action first when it counts, then the events, latest first; at most
    // max_listed of them (text answers show max_shown).
    std::vector<Item> counted;
    std::size_t events = 0; // how many history events it counted in all
    static constexpr std::size_t max_listed = 100;
    static constexpr std::size_t max_shown = 10;
    // The innermost comparison the aggregate is an operand of (or inside one):
    // `sum(invest.amount, during term) + amount <= cap` gives side "sum(...) + amount",
    // its value "650M USD", op "<=", other "cap", limit "500M USD" and holds "false".
    struct Limit {
        std::string comparison; // as written
        std::string side;       // the operand holding the aggregate, as written
        std::string value;      // its value on the date
        std::string op;         // <, <=, >, >=, ==, != with the side on the left
        std::string other;      // the other operand, as written
        std::string limit;      // its value on the date
        std::string holds;      // true, false, unknown
    };
    std::optional<Limit> limit;
};

// A power the asking party holds over the action asked (docs/language.md, "Powers"),
// and its state on the question's date from the deal's history. Open, it permits the
// action as a permit clause does and is among the answer's deciding provisions; not
// open, it does not apply, and `why` says what the history lacks or did.
struct PowerRef {
    ClauseRef power;   // id, title, quote, cite, tag, agreement, where; effect "power"
    std::string state; // dormant, open, exercised, lapsed
    std::optional<Date> since;
    // "dormant: opens when `pay-balance` is violated; pay-balance #1 was fulfilled by
    // 2026-04-01: Baltic Bakeries pays the balance (history.yaml:20)"
    std::string why;
    struct Event {
        Date date{};
        std::string text; // the lifecycle's step: "violated: not performed by ..."
        SourceLocation where;
    };
    // The dated steps of the history that made it so: the opening obligation's instances
    // (triggered, violated, paid, fulfilled) and the power's own (opened, exercised,
    // lapsed), up to the question's date, in date order.
    std::vector<Event> events;
};

// An obligation of the asking party that the action asked would perform: an instance
// still owed (pending, or violated) on the question's date, from the deal's lifecycle.
struct OwedRef {
    std::string obligation; // its id
    int instance = 1;
    std::string state; // pending, violated
    // "`pay-balance` #1 violated since 2026-04-09, due by 2026-04-08; paid 20K EUR of 48K EUR"
    std::string text;
    SourceLocation where; // the obligation's
};

// One sub-expression of a clause's condition and the value it had.
struct ConditionTrace {
    // and, or, not, compare, in, arith, call, aggregate, value, definition; under an
    // aggregate, `event`: one event it counted (the asked action among them)
    std::string kind;
    std::string text; // the sub-expression as written
    SourceLocation where;
    std::string value; // "true", "false", "unknown", or a value such as "aws"
    std::vector<ConditionTrace> children;
};

// How one clause of the action kind fared on this question.
struct ClauseTrace {
    ClauseRef clause;
    enum class Status {
        Applies,       // in force, in its window, condition true, not overridden
        Overridden,    // would apply, but an exception beat it
        NotYetInForce, // its agreement takes effect later
        Displaced,     // a later agreement replaced, amended or terminated it
        OutsideWindow, // before its `from` or after its `until`
        EventHappened, // an `until` event fact is true
        ConditionFalse,
        Unknown, // its applicability hinges on an unknown value
    } status = Status::Applies;
    std::string
        detail; // "in force from 2026-04-27", "displaced by definitive-2025-10 on 2025-10-28"
    std::string overridden_by;
    std::optional<ConditionTrace> condition; // the whole condition with values
    std::optional<ConditionTrace> failed;    // the first part of it that failed
    // The sums and counts inside `failed`, with the events they counted: what used up
    // a cap.
    std::vector<HistoryCount> history;
};

std::string_view to_string(ClauseTrace::Status s);

struct Explanation {
    std::vector<ClauseTrace> clauses; // every clause of this action and party, in order
    // The terms in force: each agreement effective by the date, with what it displaced.
    std::vector<std::string> terms;
};

// A single change to the question that flips the verdict, found from the rules.
struct WhatIf {
    std::string kind;   // fact, reading, attribute, consent, date
    std::string name;   // the fact, reading or attribute changed
    std::string value;  // its new value (a date for `date`, parties for `consent`)
    std::string change; // "agi_verified = true", "cloud = azure", "with consent of microsoft", "on
                        // or after 2031-01-01"
    VerdictKind verdict = VerdictKind::NotCovered;
    std::vector<std::string> consent_of;
    Question question; // the changed question, to ask as is
};

struct Answer {
    VerdictKind verdict = VerdictKind::NotCovered;
    std::vector<std::string> consent_of;                  // NeedsConsent: whose
    VerdictKind default_verdict = VerdictKind::Permitted; // NotCovered: what the default gave
    bool default_is_actions = false; // the action's own default gave it, not the deal's
    Question question;               // canonical: ids resolved, values normalised
    Date date{};
    bool date_is_today = false; // the question gave no date
    std::vector<std::string> agreements_in_force;
    std::vector<ClauseRef> deciding;
    std::vector<Override> overridden;
    std::vector<Conflict> conflicts;
    std::vector<ConsequenceRef> consequences;
    // The unknowns whose value changes the verdict or the consequences, and only those.
    std::vector<Dependency> depends_on;
    // When two or more unknowns matter: the outcomes they lead to, each with its cases.
    std::vector<GroupedOutcome> outcomes;
    // Set when the outcomes differ but every one permits the action (PERMITTED, or
    // NOT-COVERED with a permitting default), or every one forbids it.
    std::optional<VerdictKind> every_outcome;
    std::vector<AssumedFact> assumed;
    std::vector<HistoryCount> history; // what the deciding clauses counted from the history
    std::vector<PowerRef> powers;      // the asking party's powers over the action, open or not
    std::vector<OwedRef> owed;         // what the action would perform of what the party owes
    std::vector<ReadingRef> readings;  // the readings this answer used
    std::vector<ReadingOutcome> other_readings; // readings that would answer otherwise
    std::optional<Explanation> explanation;     // when asked for (AskOptions::explain)
    std::vector<WhatIf> what_if;                // when asked for (AskOptions::what_if)
};

} // namespace dealcheck
