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

struct AgreementSpec {
    std::string id, effective;
    std::vector<std::string> terminates;
    std::vector<ClauseSpec> clauses;
};

// An action that took place, as a history file lists it.
struct EventSpec {
    std::string date, party, action;
    std::vector<std::pair<std::string, std::string>> attributes; // omitted ones take defaults
};

struct DealSpec {
    std::string default_verdict = "permitted";
    std::vector<AgreementSpec> agreements;
    std::vector<EventSpec> history; // written as history.yaml when not empty
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
    int agreements = 4;
    int clauses_per_agreement = 7;
};

DealSpec generate_deal(std::uint64_t seed, const GeneratorOptions& options = {});

// The deal's files, (relative path, text), manifest and vocabulary first.
std::vector<std::pair<std::string, std::string>> deal_files(const DealSpec& spec);
// Every file, each after a `# <path>` line: what a failure report prints.
std::string deal_text(const DealSpec& spec);

// Writes the deal into a fresh temporary folder and loads it. Empty, with the
// diagnostics in `error`, when it does not load.
std::optional<Deal> load_deal(const DealSpec& spec, std::string* error = nullptr);

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
