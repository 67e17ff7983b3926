// Turning answers into text for people and JSON for programs.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/timeline.hpp"

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

// One line per interval: dates, verdict, deciding clauses, and what changed.
std::string render_timeline_text(const Timeline& timeline, const RenderOptions& options = {});
std::string render_timeline_json(const Timeline& timeline);

// Exit code for a verdict: 0 permitted, 1 forbidden, 2 needs consent or depends.
int exit_code(const Answer& answer);

} // namespace dealcheck
