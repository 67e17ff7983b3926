// Turning answers into text for people and JSON for programs.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/period.hpp"
#include "dealcheck/status.hpp"
#include "dealcheck/timeline.hpp"
#include "dealcheck/vocabulary.hpp"

#include <string>

namespace dealcheck {

struct RenderOptions {
    bool colour = false;
};

// First line: the verdict. Then the deciding clauses quoted with file:line and tag,
// consequences, and the facts the verdict depends on.
std::string render_text(const Answer& answer, const RenderOptions& options = {});
// The documented JSON form (docs/json-output.md), one object, no trailing newline.
std::string render_json(const Answer& answer);

// --why-not: each clause of the action that did not apply, and the first part of it
// that failed, with the values it saw. Clauses not in force on the date are counted,
// not listed. Needs an answer asked with AskOptions::explain.
std::string render_why_not(const Answer& answer, const RenderOptions& options = {});
// --explain: the terms in force, then every clause considered with its status and
// its condition's tree of values. Needs AskOptions::explain.
std::string render_explanation(const Answer& answer, const RenderOptions& options = {});
// --what-would-change: the single changes that flip the verdict. Needs AskOptions::what_if.
std::string render_what_if(const Answer& answer, const RenderOptions& options = {});

// One line per interval: dates, verdict, deciding clauses, and what changed.
std::string render_timeline_text(const Timeline& timeline, const RenderOptions& options = {});
std::string render_timeline_json(const Timeline& timeline);
// The same as an SVG chart (`timeline --svg`, the web page of `serve`): the verdict over
// time as coloured bars with a tick and date at each change, then a row per interval
// with its verdict, deciding clauses and what changed.
std::string render_timeline_svg(const Timeline& timeline);

// dealcheck status: each obligation instance with its state, what is owed and paid,
// its deadline and the dated steps that led there (file:line); each power; then the
// deadlines ahead. The JSON form follows docs/schema/status.schema.json.
std::string render_status_text(const DealStatus& status, const RenderOptions& options = {});
std::string render_status_json(const DealStatus& status);

// A question over a period. When one verdict holds for the whole period: the answer
// of its first day, saying so (and, when other clauses decide later parts, a line per
// part). When it varies: a header, then one line per part with its dates, verdict,
// deciding clauses, and what changed on its first day.
std::string render_period_text(const PeriodAnswer& answer, const RenderOptions& options = {});
// {"period": {from, until}, "varies", "parts": [{from, until, changes, answer}]}, each
// `answer` the form of render_json (docs/json-output.md), one object.
std::string render_period_json(const PeriodAnswer& answer);
// dealcheck vocab: what questions can say, grouped (parties, actions with their
// attributes, the values of their enum types, facts, readings, examples), aligned.
std::string render_vocabulary_text(const Vocabulary& vocabulary, const RenderOptions& options = {});
// The same as one JSON document (docs/schema/vocab.schema.json), no trailing newline.
std::string render_vocabulary_json(const Vocabulary& vocabulary);

// Exit code for a verdict: 0 permitted, 1 forbidden, 2 needs consent or depends.
int exit_code(const Answer& answer);
// Over a period: the verdict's code when one holds for the whole period, else 4
// (exit_varies).
inline constexpr int exit_varies = 4;
int exit_code(const PeriodAnswer& answer);

} // namespace dealcheck
