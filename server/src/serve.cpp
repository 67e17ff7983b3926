// serve(): the service assembled: the deals loaded, the reloader polling, the routes
// behind the HTTP server, until a signal stops it.
#include "dealcheck/server.hpp"
#include "decision_log.hpp"
#include "http_server.hpp"
#include "metrics.hpp"
#include "registry.hpp"
#include "reloader.hpp"
#include "routes.hpp"

#include <ostream>

namespace dealcheck::server {

int serve(const ServerOptions& options, std::ostream& log) {
    Registry registry(options.rules);
    Metrics metrics;
    DecisionLog decisions(options.decision_log, options.decision_log_max_bytes);
    if (!decisions.open()) {
        log << "dealcheck serve: cannot open the decision log `" << options.decision_log << "`\n";
        return 64;
    }
    Reloader reloader(registry, metrics, options.load, log);
    reloader.poll(); // the first revisions, before the first request
    Routes routes(registry, metrics, decisions, options.limits, options.load);
    HttpServer http(routes, metrics, options.limits);
    std::string error;
    if (!http.bind(options.host, options.port, error)) {
        log << "dealcheck serve: cannot listen on " << options.host << ":" << options.port << ": "
            << error << "\n";
        return 64;
    }
    reloader.start(options.poll_interval);
    log << "dealcheck serve: listening on http://" << options.host << ":" << http.port() << "/ ("
        << options.threads << " threads, " << registry.entries().size() << " deals)\n"
        << std::flush;
    http.run(options.threads, log);
    log << "dealcheck serve: stopped\n" << std::flush;
    return 0;
}

} // namespace dealcheck::server
