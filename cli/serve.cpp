// dealcheck serve: the deals answered over HTTP (docs/server.md). Parses flags and hands
// them to the server library (server/).
#include "commands.hpp"
#include "dealcheck/server.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

namespace {

struct ServeCommand {
    Common common;
    std::vector<std::string> rules;
    std::string listen = "127.0.0.1:8080";
    server::ServerOptions options;
    std::size_t max_body_kib = 8192;
    long long request_ms = 10000, poll_ms = 250;
    std::size_t log_max_mib = 64;
};

int run(ServeCommand o) {
    auto colon = o.listen.rfind(':');
    int port = -1;
    if (colon != std::string::npos) {
        try {
            std::size_t used = 0;
            port = std::stoi(o.listen.substr(colon + 1), &used);
            if (used != o.listen.size() - colon - 1) port = -1;
        } catch (const std::exception&) {
            port = -1;
        }
    }
    if (port < 0 || port > 65535 || colon == 0) {
        std::cerr << "dealcheck serve: --listen takes HOST:PORT, e.g. 127.0.0.1:8080, not `"
                  << o.listen << "`\n";
        return usage;
    }
    auto& options = o.options;
    options.host = o.listen.substr(0, colon);
    if (options.host.size() > 2 && options.host.front() == '[') // [::1]:8080
        options.host = options.host.substr(1, options.host.size() - 2);
    options.port = static_cast<unsigned short>(port);
    options.rules = o.rules.empty() ? std::vector<std::string>{rules_path(o.common)} : o.rules;
    options.limits.max_body_bytes = o.max_body_kib * 1024;
    options.limits.request_time = std::chrono::milliseconds(o.request_ms);
    options.poll_interval = std::chrono::milliseconds(o.poll_ms);
    options.decision_log_max_bytes = o.log_max_mib << 20;
    options.load.large = o.common.large;
    options.load.history = o.common.history;
    options.load.own_history = !o.common.no_history;
    options.load.use_image = true; // a deal folder's fresh image (docs/image.md)
    return server::serve(options, std::cerr);
}

} // namespace

std::function<int()> add_serve(CLI::App& app) {
    auto o = std::make_shared<ServeCommand>();
    auto* cmd = app.add_subcommand(
        "serve", "Answer questions over HTTP: a JSON API, metrics, hot reload, and a web page");
    cmd->add_option("--rules", o->rules,
                    "A deal folder to serve, as /v1/deals/{its folder name} (repeatable; default: "
                    "$DEALCHECK_RULES, then the bundled deal)")
        ->type_name("DIR");
    cmd->add_option("--listen", o->listen, "Address and port, HOST:PORT (default 127.0.0.1:8080)")
        ->type_name("HOST:PORT");
    cmd->add_option("--threads", o->options.threads,
                    "Threads answering requests (1 to 256; default 2)")
        ->check(CLI::Range(1u, 256u).description(""))
        ->type_name("N");
    cmd->add_option("--max-body-kib", o->max_body_kib,
                    "Largest request body, in KiB (default 8192; larger: 413)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 22).description(""))
        ->type_name("KIB");
    cmd->add_option("--max-batch", o->options.limits.max_batch_questions,
                    "Most questions in one batch request (default 100000; more: 413)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30).description(""))
        ->type_name("N");
    cmd->add_option("--max-connections", o->options.limits.max_connections,
                    "Most connections open at once (default 512; more are answered 503)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20).description(""))
        ->type_name("N");
    cmd->add_option("--request-ms", o->request_ms,
                    "Time to read, answer and write one request, in ms (default 10000)")
        ->check(CLI::Range(1LL, 3600000LL).description(""))
        ->type_name("MS");
    cmd->add_option(
           "--poll-ms", o->poll_ms,
           "How often the rule files are compared for hot reload, in ms (10 or more; default "
           "250)")
        ->check(CLI::Range(10LL, 3600000LL).description(""))
        ->type_name("MS");
    cmd->add_option("--decision-log", o->options.decision_log,
                    "Append a JSON line per decision to this file")
        ->type_name("FILE");
    cmd->add_option("--decision-log-max-mib", o->log_max_mib,
                    "Rotate the decision log to FILE.1 at this size, in MiB (default 64)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20).description(""))
        ->type_name("MIB");
    cmd->add_flag("--large-deal", o->common.large,
                  "Load with the large limits, for generated portfolios of up to a million "
                  "clauses (docs/limits.md)");
    cmd->add_option("--history", o->common.history,
                    "Also read this history file, as if its events had happened (repeatable)")
        ->type_name("FILE");
    cmd->add_flag("--no-history", o->common.no_history,
                  "Leave out the deals' own history files (with --history: replace them)");
    cmd->footer("Stops on SIGTERM or SIGINT once the requests in flight are answered.\n"
                "Exit codes: 0 stopped by a signal, 64 usage or the address cannot be bound.");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
