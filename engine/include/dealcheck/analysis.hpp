// Static analysis of a deal with an SMT solver (Z3), and the semantic diff of two
// versions of a deal (or of one deal as of two dates). Link `dealcheck::analysis`;
// Z3 stays out of this header.
//
//     auto report = dealcheck::analyze(*loaded.deal);
//     std::cout << dealcheck::render_text(report);
//
// Every finding carries a concrete example question, in the phrase form of
// `dealcheck ask`, that the evaluator has answered: a finding the evaluator does not
// confirm is never reported.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/deal.hpp"
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"
#include "dealcheck/render.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

enum class FindingKind {
    Conflict, // a permit and a forbid (or consent) both apply, no exception orders them
    Dead,     // a clause that applies to no question at all
    Shadowed, // a clause that applies only where an exception overrides it
    Gap,      // a question of a `covered: true` action kind that no clause decides
};
enum class FindingSeverity { Error, Warning, Note };

std::string_view to_string(FindingKind k);     // "conflict", "dead", "shadowed", "gap"
std::string_view to_string(FindingSeverity s); // "error", "warning", "note"
DiagnosticCode diagnostic_code(FindingKind k); // DC7001 conflict ... DC7004 gap

// A question found by the solver, answered by the evaluator.
struct Example {
    Question question;               // canonical ids, always dated
    std::string phrase;              // the same question for `dealcheck ask "<phrase>"`
    bool phrase_round_trips = false; // parse_phrase(phrase) gives back `question`
    Answer answer;                   // the evaluator's answer to it
};

struct Finding {
    FindingKind kind = FindingKind::Conflict;
    FindingSeverity severity = FindingSeverity::Warning;
    std::string message;               // one line
    std::vector<std::string> clauses;  // the clauses involved, ids
    std::vector<SourceLocation> where; // parallel to `clauses`
    std::string action, party;         // the action kind and party of the example
    std::vector<std::string> details;  // why (dead), which recorded facts it contradicts (notes)...
    std::optional<Example> example;
    bool confirmed = false; // the evaluator's answer to the example agrees with the solver
};

struct AnalysisStats {
    std::size_t queries = 0;  // solver checks
    std::size_t timeouts = 0; // checks that hit the time limit (answered unknown)
    std::size_t rejected = 0; // solver candidates the evaluator did not confirm
    double milliseconds = 0;
    std::size_t buckets = 0; // (action kind, party) buckets with something to check
    std::size_t cached = 0;  // ... whose results came from the cache
};

struct AnalysisOptions {
    unsigned timeout_ms = 10000; // per solver query
    unsigned jobs = 0;           // buckets checked at once; 0: one per core
    // The work the solver may do on each check, in Z3's resource units (0: no limit).
    // Unlike time, it does not depend on the machine: a check over it is incomplete.
    unsigned solver_steps = 0;
    // A file of results by bucket content (docs/analysis.md); empty: no cache.
    std::string cache_file;
    // Called after each bucket, from the thread that checked it (one call at a time):
    // buckets done, buckets in all. For a progress display.
    std::function<void(std::size_t done, std::size_t total)> progress;
};

struct AnalysisReport {
    std::string deal;
    std::vector<Finding> findings;
    // Checks the solver could not finish (time limit, failure): their absence from
    // `findings` proves nothing, and the analysis is incomplete.
    std::vector<std::string> incomplete;
    // What the deal has that the analysis does not check (obligations, powers).
    std::vector<std::string> not_analysed;
    AnalysisStats stats;
    bool cache_saved = true; // false: the cache file could not be written

    std::size_t count(FindingSeverity s) const;
    // No errors and no warnings (notes do not count).
    bool clean() const {
        return count(FindingSeverity::Error) + count(FindingSeverity::Warning) == 0;
    }
};

// Finds conflicts, dead and shadowed clauses, and gaps of `covered` action kinds.
AnalysisReport analyze(const Deal& deal, const AnalysisOptions& options = {});

// The findings, then "<deal>: N errors, N warnings, N notes" (or "no findings").
std::string render_text(const AnalysisReport& report, const RenderOptions& options = {});
std::string render_json(const AnalysisReport& report);
// Its errors and warnings as diagnostics (--error-format json|github), each at its
// first clause with the others as related locations; `manifest` locates a finding that
// has no clause.
Diagnostics finding_diagnostics(const AnalysisReport& report, const std::string& manifest);
// "57 solver queries in 102 ms" (", N timeouts").
std::string render_stats(const AnalysisStats& stats);

// ---- diff ------------------------------------------------------------------------

struct DiffOptions {
    // When set, each side answers as of this date rather than the question's date:
    // the same deal twice with two dates shows what changed between them.
    std::optional<Date> old_as_of, new_as_of;
    unsigned timeout_ms = 10000;
    unsigned solver_steps = 0;       // as in AnalysisOptions
    unsigned jobs = 0;               // bucket pairs searched at once; 0: one per core
    std::size_t max_per_action = 24; // symbolic differences reported per action and party
    // One example per change of verdict (per action and party), or, with this, one per
    // distinct combination of clauses that decides it.
    bool every_pattern = false;
    bool symbolic = true; // search the rules with the solver
    // Also questions that give facts contrary to what the rules record as known on
    // their date (hypotheticals such as "given agi_declared=true" in 2024).
    bool hypothetical = false;
    // Questions from the regression tests (rules/<deal>/tests/*.yaml), asked of both.
    struct TestQuestion {
        std::string name;
        SourceLocation where;
        Question question;
    };
    std::vector<TestQuestion> tests;
};

struct VerdictChange {
    std::string source;   // "rules", or "test `name`"
    SourceLocation where; // the test case, for tests
    std::string action, party;
    Question old_question, new_question; // the same question; dates differ with as-of
    std::string old_phrase, new_phrase;
    bool phrase_round_trips = false;
    Answer old_answer, new_answer;
    // Only the reasons changed, not what may be done: NOT-COVERED under a permitting
    // default became PERMITTED, or the other way round.
    bool outcome_same = false;
    bool hypothetical = false;
};

struct DiffReport {
    std::string old_label, new_label;
    std::vector<VerdictChange> changes;
    std::vector<std::string> notes;      // actions or parties only one side has...
    std::vector<std::string> incomplete; // searches cut short by the time limit or the cap
    AnalysisStats stats;
};

DiffReport diff(const Deal& old_deal, const Deal& new_deal, const DiffOptions& options = {});

std::string render_text(const DiffReport& report, const RenderOptions& options = {});
std::string render_json(const DiffReport& report);

} // namespace dealcheck
