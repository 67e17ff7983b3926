#include "metrics.hpp"

#include <sstream>

namespace dealcheck::server {

void Metrics::request(const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    auto& h = latency_[route];
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (seconds <= bounds[i]) {
            ++h.buckets[i];
            break;
        }
    ++h.count;
    h.sum += seconds;
}

void Metrics::decision(const std::string& verdict) {
    std::lock_guard lock(mutex_);
    ++decisions_[verdict];
}

void Metrics::reload(const std::string& deal, bool ok) {
    std::lock_guard lock(mutex_);
    ++(ok ? reloads_ : reload_failures_)[deal];
    (ok ? reload_failures_ : reloads_).try_emplace(deal, 0); // both series exist once seen
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP dealcheck_http_requests_total HTTP requests by route and status.\n"
           "# TYPE dealcheck_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
        out << "dealcheck_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << n << "\n";
    out << "# HELP dealcheck_http_request_duration_seconds Time from a request read to its "
           "answer written.\n"
           "# TYPE dealcheck_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        long long cumulative = 0;
        for (std::size_t i = 0; i < bounds.size(); ++i) {
            cumulative += h.buckets[i];
            out << "dealcheck_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << bounds[i] << "\"} " << cumulative << "\n";
        }
        out << "dealcheck_http_request_duration_seconds_bucket{route=\"" << route
            << "\",le=\"+Inf\"} " << h.count << "\n"
            << "dealcheck_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum
            << "\n"
            << "dealcheck_http_request_duration_seconds_count{route=\"" << route << "\"} "
            << h.count << "\n";
    }
    out << "# HELP dealcheck_decisions_total Questions answered, by verdict.\n"
           "# TYPE dealcheck_decisions_total counter\n";
    for (const auto& [verdict, n] : decisions_)
        out << "dealcheck_decisions_total{verdict=\"" << verdict << "\"} " << n << "\n";
    out << "# HELP dealcheck_reloads_total New revisions of a deal loaded and swapped in.\n"
           "# TYPE dealcheck_reloads_total counter\n";
    for (const auto& [deal, n] : reloads_)
        out << "dealcheck_reloads_total{deal=\"" << deal << "\"} " << n << "\n";
    out << "# HELP dealcheck_reload_failures_total Revisions refused: they did not check "
           "clean.\n"
           "# TYPE dealcheck_reload_failures_total counter\n";
    for (const auto& [deal, n] : reload_failures_)
        out << "dealcheck_reload_failures_total{deal=\"" << deal << "\"} " << n << "\n";
    out << "# HELP dealcheck_open_connections Connections open now.\n"
           "# TYPE dealcheck_open_connections gauge\n"
        << "dealcheck_open_connections " << open_.load() << "\n"
        << "# HELP dealcheck_refused_connections_total Connections refused over the limit.\n"
           "# TYPE dealcheck_refused_connections_total counter\n"
        << "dealcheck_refused_connections_total " << refused_.load() << "\n";
    return out.str();
}

} // namespace dealcheck::server
