// Fuzz target: what of an HTTP request reaches `dealcheck serve`'s own code once Beast
// has parsed it — the method, the target (path and query, percent-decoded by us), the
// Content-Type and the body — routed over the bundled deal. The input is those four
// fields separated by NUL bytes. Every response must be a status Routes documents with
// a body (or a stream that ends); a 500 is a bug.
#include "decision_log.hpp"
#include "metrics.hpp"
#include "registry.hpp"
#include "reloader.hpp"
#include "routes.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string_view>

namespace {

using namespace dealcheck::server;

Limits small_batches() {
    Limits limits;
    limits.max_batch_questions = 64;
    return limits;
}

struct Service {
    Registry registry{{DEALCHECK_RULES_DIR "/microsoft-openai"}};
    Metrics metrics;
    DecisionLog log{"", 0};
    std::ostringstream reload_log;
    Limits limits = small_batches();
    Routes routes{registry, metrics, log, limits, {}};
    Service() {
        Reloader(registry, metrics, {}, reload_log).poll();
        if (!registry.entries()[0]->current()) std::abort();
    }
};

std::string_view field(std::string_view& input) {
    auto nul = input.find('\0');
    auto f = input.substr(0, nul);
    input = nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);
    return f;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Service service;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    Request request;
    request.method = field(input);
    request.target = field(input);
    request.content_type = field(input);
    request.body = input;
    auto response = service.routes.handle(request);
    if (response.status < 200 || response.status >= 600 || response.status == 500) std::abort();
    if (response.route.empty()) std::abort();
    std::string chunk;
    for (int parts = 0; response.stream && response.stream(chunk); ++parts)
        if (parts > 1000000) std::abort(); // a stream that never ends
    return 0;
}
