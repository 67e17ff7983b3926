// `dealcheck serve`: deals answered over HTTP (docs/server.md). The server is a client
// of the library's public API (dealcheck/deal.hpp, batch.hpp, render.hpp): it decides
// nothing itself.
#pragma once

#include "dealcheck/deal.hpp"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace dealcheck::server {

struct Limits {
    std::size_t max_body_bytes = 8u << 20;         // larger bodies: 413
    std::size_t max_batch_questions = 100000;      // more lines in one batch: 413
    std::size_t max_connections = 512;             // more open at once: 503, closed
    std::chrono::milliseconds request_time{10000}; // reading, answering and writing one request
};

struct ServerOptions {
    std::vector<std::string> rules; // deal folders; each served as /v1/deals/{folder name}
    std::string host = "127.0.0.1";
    unsigned short port = 8080; // 0: any free port (the log says which)
    unsigned threads = 2;       // threads answering requests
    Limits limits;
    std::chrono::milliseconds poll_interval{250};   // how often the rule files are compared
    std::string decision_log;                       // JSON Lines file; empty: none
    std::size_t decision_log_max_bytes = 64u << 20; // then it is rotated to FILE.1
    LoadOptions load;
};

// Loads every deal, listens, and serves until SIGTERM or SIGINT, then lets the requests
// in flight finish. A deal that does not load is reported and answered with 503 until
// its files are fixed. Log lines go to `log`. Returns 0 after a clean shutdown, 64 when
// the address cannot be bound.
int serve(const ServerOptions& options, std::ostream& log);

} // namespace dealcheck::server
