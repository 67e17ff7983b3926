// Error responses: JSON with the HTTP status, a message, and the problems as the
// objects of `--error-format json` (docs/cli.md), located where they can be:
//     {"status": 400, "error": "the question does not parse",
//      "diagnostics": [{"severity", "file", "line", "column", "end_column", "message",
//                       "hint", "source_line"}]}
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "exchange.hpp"

#include <string>

namespace dealcheck::server {

Response error_response(int status, const std::string& error, const Diagnostics& diagnostics);
// An error with one diagnostic, about the request itself (file "<request>").
Response error_response(int status, const std::string& error, const std::string& hint = "");

// Diagnostics as a JSON array of `--error-format json` objects.
std::string diagnostics_json(const Diagnostics& diagnostics);

} // namespace dealcheck::server
