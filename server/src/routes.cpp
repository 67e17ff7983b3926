#include "routes.hpp"

#include "errors.hpp"
#include "json_text.hpp"
#include "web_assets.hpp"

#include <exception>

namespace dealcheck::server {

namespace {

bool read_only(const std::string& method) {
    return method == "GET" || method == "HEAD";
}

Response method_not_allowed(const std::string& allowed) {
    auto r = error_response(405, "this route takes " + allowed);
    r.headers.emplace_back("Allow", allowed);
    return r;
}

} // namespace

Response Routes::handle(const Request& request) const {
    try {
        return dispatch(request);
    } catch (const std::exception& e) {
        auto r = error_response(500, std::string("internal error: ") + e.what());
        r.route = "internal";
        return r;
    }
}

Response Routes::dispatch(const Request& request) const {
    auto path = target_path(request.target);
    if (!path) {
        auto r = error_response(400, "the path does not decode", "percent-escapes are %XX");
        r.route = "unknown";
        return r;
    }
    Response r;
    if (*path == "/health") {
        r = read_only(request.method) ? health() : method_not_allowed("GET");
        r.route = "/health";
    } else if (*path == "/metrics") {
        if (read_only(request.method)) {
            r.content_type = "text/plain; version=0.0.4";
            r.body = metrics_.render();
        } else {
            r = method_not_allowed("GET");
        }
        r.route = "/metrics";
    } else if (*path == "/v1/deals" || *path == "/v1/deals/") {
        r = read_only(request.method) ? deals() : method_not_allowed("GET");
        r.route = "/v1/deals";
    } else if (path->rfind("/v1/deals/", 0) == 0) {
        std::string rest = path->substr(10);
        auto slash = rest.find('/');
        std::string name = rest.substr(0, slash);
        std::string verb = slash == std::string::npos ? "" : rest.substr(slash + 1);
        r = deal_route(request, name, verb);
    } else if (auto asset = web_asset(*path)) {
        r.content_type = std::string(asset->content_type);
        r.body = std::string(asset->body);
        r.route = "/";
    } else {
        r = error_response(404, "no route " + *path,
                           "the API is under /v1/deals (docs/server.md); the page is at /");
        r.route = "unknown";
    }
    if (request.method == "HEAD") r.body.clear();
    return r;
}

Response Routes::deal_route(const Request& request, const std::string& name,
                            const std::string& verb) const {
    static const std::vector<std::string> verbs = {"ask",   "batch", "timeline",
                                                   "check", "vocab", "agreements"};
    Response r;
    auto* entry = registry_.find(name);
    bool known_verb = std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
    if (!entry) {
        std::vector<std::string> names;
        for (auto* e : registry_.entries())
            names.push_back(e->name());
        r = error_response(404, "unknown deal `" + name + "`",
                           did_you_mean(name, names).empty()
                               ? "GET /v1/deals lists the deals served"
                               : did_you_mean(name, names));
    } else if (!known_verb) {
        r = error_response(404, "no route `" + verb + "` for a deal",
                           did_you_mean(verb, verbs).empty()
                               ? "a deal's routes are ask, batch, timeline, check, vocab and "
                                 "agreements"
                               : did_you_mean(verb, verbs));
    } else if (bool reads = verb == "check" || verb == "vocab" || verb == "agreements";
               !(request.method == "POST" || (reads && read_only(request.method)))) {
        r = method_not_allowed(reads ? "GET, POST" : "POST");
    } else if (verb == "check") {
        r = check(*entry, entry->current());
    } else if (auto revision = entry->current(); !revision) {
        auto failure = entry->failure();
        r = failure ? error_response(503, "deal `" + name + "` has no revision that checks clean",
                                     failure->diagnostics)
                    : error_response(503, "deal `" + name + "` is still loading");
        r.headers.emplace_back("Retry-After", "1");
    } else if (verb == "ask") {
        r = ask(request, *entry, revision);
    } else if (verb == "batch") {
        r = batch(request, *entry, revision);
    } else if (verb == "timeline") {
        r = timeline(request, *entry, revision);
    } else if (verb == "vocab") {
        r = vocab(*entry, revision);
    } else {
        r = agreements(*entry, revision);
    }
    r.route = known_verb ? "/v1/deals/{deal}/" + verb : "unknown";
    return r;
}

Response Routes::deals() const {
    std::string out = "{\"deals\":[";
    bool first = true;
    for (auto* e : registry_.entries()) {
        auto revision = e->current();
        auto failure = e->failure();
        out += (first ? "{" : ",{");
        first = false;
        out += "\"name\":" + json_string(e->name()) + ",\"path\":" + json_string(e->path());
        if (revision) {
            auto s = revision->deal.summary();
            out += ",\"revision\":" + json_string(revision->hash) +
                   ",\"loaded_at\":" + json_string(revision->loaded_at) +
                   ",\"id\":" + json_string(s.id) + ",\"title\":" + json_string(s.title) +
                   ",\"agreements\":" + std::to_string(s.agreements.size()) +
                   ",\"clauses\":" + std::to_string(s.clause_count) +
                   ",\"warnings\":" + diagnostics_json(revision->warnings);
        } else {
            out += ",\"revision\":null";
        }
        out += ",\"reload_error\":";
        if (failure)
            out += "{\"revision\":" + json_string(failure->hash) +
                   ",\"at\":" + json_string(failure->at) +
                   ",\"diagnostics\":" + diagnostics_json(failure->diagnostics) + "}";
        else
            out += "null";
        out += "}";
    }
    Response r;
    r.body = out + "]}\n";
    return r;
}

Response Routes::health() const {
    std::string deals;
    bool all = true;
    for (auto* e : registry_.entries()) {
        auto revision = e->current();
        all = all && revision;
        deals += (deals.empty() ? "" : ",") + json_string(e->name()) + ":" +
                 (revision ? json_string(revision->hash) : "null");
    }
    Response r;
    // 503 until every deal has a revision to serve: a load balancer then sends the
    // request to a replica that can answer it.
    r.status = all ? 200 : 503;
    r.body =
        "{\"status\":" + json_string(all ? "ok" : "unavailable") + ",\"deals\":{" + deals + "}}\n";
    return r;
}

} // namespace dealcheck::server
