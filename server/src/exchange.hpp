// A request and its response as the routes see them: plain values, no HTTP library
// types, so that routing can be tested and fuzzed without sockets.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::server {

struct Request {
    std::string method; // "GET", "POST", ...
    std::string target; // path and query, as sent: /v1/deals/x/ask?explain=true
    std::string content_type;
    std::string body;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // A streamed body (batch): called until it returns false, each call appending the
    // next part to its argument. `body` is sent first.
    std::function<bool(std::string&)> stream;
    std::string route; // the pattern that matched, for metrics ("/v1/deals/{deal}/ask")
};

// A target's path, split off its query and percent-decoded; nullopt for a path that
// does not decode (bad escape, NUL).
std::optional<std::string> target_path(std::string_view target);
// The query's parameters, percent-decoded (`+` is a space); malformed ones are dropped.
std::map<std::string, std::string> target_query(std::string_view target);

} // namespace dealcheck::server
