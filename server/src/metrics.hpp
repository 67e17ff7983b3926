// Counters for GET /metrics, in the Prometheus text format: requests by route and
// status, latencies as histograms, decisions by verdict, reloads and their failures.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace dealcheck::server {

class Metrics {
  public:
    // `route` is the route's pattern ("/v1/deals/{deal}/ask"), never the raw path: the
    // label set stays bounded whatever clients send.
    void request(const std::string& route, int status, double seconds);
    void decision(const std::string& verdict); // "permitted", "forbidden", ...
    void reload(const std::string& deal, bool ok);
    void connection_refused() { ++refused_; }
    std::atomic<long long>& open_connections() { return open_; }
    std::string render() const;

  private:
    static constexpr std::array<double, 12> bounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    2.5};
    struct Histogram {
        std::array<long long, bounds.size()> buckets{}; // not cumulative; render() sums
        long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, long long> requests_;
    std::map<std::string, Histogram> latency_;
    std::map<std::string, long long> decisions_;
    std::map<std::string, long long> reloads_, reload_failures_;
    std::atomic<long long> open_{0}, refused_{0};
};

} // namespace dealcheck::server
