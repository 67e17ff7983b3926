// Seeded random deals that use every feature of the rule language, kept as a structure
// (agreements, clauses, condition atoms) so that a failing case can be shrunk, and
// written as YAML and loaded through Deal::load as a user's deal is. Random questions
// to ask them, as the Question values a phrase, flags or a file produce.
#pragma once

#include "dealcheck/deal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck::semantics {

// Held back for a known divergence, to be turned on once it is gone.
//
// Not a generator feature but the known divergence of the fast path: it says
// DEPENDS whenever a clause's applicability is unknown, where the full answer tries
// every value and says DEPENDS only when they give different verdicts (issue item 6,
// "One semantics"). While off, the fast-path property accepts a fast DEPENDS where the
// answer is sure; turn it on once the fast path decides as the answer does.
constexpr bool fast_path_depends_as_answer = false;

struct Consequence {
    std::string party, text;
    std::vector<std::string> until;
};

struct ClauseSpec {
    std::string id;
    // The clause's full terms, inherited ones included for an amending clause.
    std::string party; // "p0".."p3" or "any"
    std::vector<std::string> actions;
    std::vector<std::string> when; // atoms, joined by `and`; empty: always
    std::string from;              // empty: the agreement's effective date
    std::vector<std::string> until;
    std::string effect; // permit forbid consent grant oblige
    std::string consent_of;
    std::optional<Consequence> consequence;
    std::vector<std::string> exception_to, replaces;
    // An amending clause writes only `writes` of its keys and inherits the others.
    std::string amends;
    std::vector<std::string> writes; // when, from, until, effect
};

// What starts an obligation's instances.
struct TriggerSpec {
    std::string kind;          // date, event, violated, fulfilled
    std::string date;          // kind date: a date or `effective`
    std::string party, action; // kind event
    std::string obligation;    // kind violated or fulfilled
};

struct ObligationSpec {
    std::string id, party, to, action;
    std::string amount; // empty: the action itself is owed
    TriggerSpec trigger;
    std::string deadline; // empty: none stated
};

struct PowerSpec {
    std::string id, party, action;
    std::string opened_by_kind; // violated (an obligation) or exercised (a power)
    std::string opened_by;
    std::string effect; // suspend, resume, terminate
    std::vector<std::string> obligations;
};

struct AgreementSpec {
    std::string id, effective;
    std::vector<std::string> terminates; // clauses, and obligations of earlier agreements
    std::vector<ClauseSpec> clauses;
    std::vector<ObligationSpec> obligations;
    std::vector<PowerSpec> powers;
};

// What took place, as a history file lists it: an action, or a fact's new value.
struct EventSpec {
    std::string date, party, action;
    std::vector<std::pair<std::string, std::string>> attributes; // omitted ones take defaults
    std::string fact, value;                                     // a fact event when `fact` is set
};

struct DealSpec {
    std::string default_verdict = "permitted";
    std::vector<AgreementSpec> agreements;
    std::vector<EventSpec> history; // written as history.yaml when not empty
    // The manifest's calendar for business days: none written when both are empty.
    std::vector<std::string> weekend, holidays;
};

struct GeneratorOptions {
    // Conditions on the question's date: `date >= ...`, `released + 12mo <= date`.
    bool date_conditions = true;
    // No clause pair can conflict: permits, and forbids that are each an exception to
    // every permit.
    bool conflict_free = false;
    // A history of action events, and conditions that sum and count it (`sum(...)`,
    // `count(...)`), and products (`amount * 150%`).
    bool history = true;
    // Obligations and powers with every kind of trigger, deadline and effect, and
    // history events that perform them on time, late, in part or never, and exercise
    // the powers (drawn from a random stream of their own: the clauses and their events
    // are those of the same seed without them).
    bool obligations = true;
    int agreements = 4;
    int clauses_per_agreement = 7;
};

DealSpec generate_deal(std::uint64_t seed, const GeneratorOptions& options = {});

// The deal's files, (relative path, text), manifest and vocabulary first.
std::vector<std::pair<std::string, std::string>> deal_files(const DealSpec& spec);
// Every file, each after a `# <path>` line: what a failure report prints.
std::string deal_text(const DealSpec& spec);

// A history file listing these events.
std::string history_text(const std::vector<EventSpec>& events);

// Writes the deal into `folder`.
void write_deal(const DealSpec& spec, const std::string& folder);

// Writes the deal into a fresh temporary folder and loads it. Empty, with the
// diagnostics in `error`, when it does not load.
std::optional<Deal> load_deal(const DealSpec& spec, std::string* error = nullptr,
                              const LoadOptions& options = {});

// Random questions about the deal's parties and actions: attributes given, left out or
// "unknown", facts given or "unknown", consents, readings, dates near the deal's
// boundaries.
std::vector<Question> generate_questions(const DealSpec& spec, std::uint64_t seed,
                                         std::size_t count);

// The values a question may give a fact of the generated vocabulary, for the facts
// whose values can be listed (not the date fact `closing`); empty for the others.
std::vector<std::string> fact_values(const std::string& fact);

// The days a question's answer is likeliest to change on, found from the deal as
// written (not from the engine): every literal date and agreement date, the question's
// date values plus the durations the generator uses, each with the days either side.
std::vector<Date> boundary_days(const DealSpec& spec, const Question& q);

} // namespace dealcheck::semantics
