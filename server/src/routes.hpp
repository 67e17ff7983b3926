// The HTTP API (docs/server.md): which route a request takes and what it answers.
// Every answer is the engine's own JSON document (docs/schema/) inside an envelope
// naming the deal and the revision it was decided under.
#pragma once

#include "dealcheck/server.hpp"
#include "decision_log.hpp"
#include "exchange.hpp"
#include "metrics.hpp"
#include "registry.hpp"

#include <chrono>

namespace dealcheck::server {

class Routes {
  public:
    Routes(Registry& registry, Metrics& metrics, DecisionLog& log, const Limits& limits,
           const LoadOptions& load)
        : registry_(registry), metrics_(metrics), log_(log), limits_(limits), load_(load) {}

    // Never throws: an internal error is a 500 response.
    Response handle(const Request& request) const;

  private:
    using Clock = std::chrono::steady_clock;
    Response dispatch(const Request& request) const;
    Response deals() const;
    Response health() const;
    Response deal_route(const Request& request, const std::string& name,
                        const std::string& verb) const;
    // The per-deal routes, given the revision that answers (deal_routes.cpp).
    Response ask(const Request& request, const DealEntry& entry,
                 std::shared_ptr<const Revision> revision) const;
    Response batch(const Request& request, const DealEntry& entry,
                   std::shared_ptr<const Revision> revision) const;
    Response timeline(const Request& request, const DealEntry& entry,
                      std::shared_ptr<const Revision> revision) const;
    Response check(const DealEntry& entry, std::shared_ptr<const Revision> revision) const;
    Response vocab(const DealEntry& entry, std::shared_ptr<const Revision> revision) const;
    Response agreements(const DealEntry& entry, std::shared_ptr<const Revision> revision) const;

    Registry& registry_;
    Metrics& metrics_;
    DecisionLog& log_;
    Limits limits_;
    LoadOptions load_; // for check, as the reloader loads
};

} // namespace dealcheck::server
