// The HTTP side, on Boost.Beast (docs/server.md says why): asynchronous connections on
// an io_context run by the thread pool; HTTP/1.1 keep-alive; limits on body size,
// open connections and time per request; streamed (chunked) bodies for batch; and a
// graceful stop that lets requests in flight finish.
#pragma once

#include "dealcheck/server.hpp"
#include "metrics.hpp"
#include "routes.hpp"

#include <iosfwd>
#include <memory>
#include <string>

namespace dealcheck::server {

class HttpServer {
  public:
    HttpServer(const Routes& routes, Metrics& metrics, const Limits& limits);
    ~HttpServer();
    // Binds the address; false, with the reason in `error`, when it cannot.
    bool bind(const std::string& host, unsigned short port, std::string& error);
    unsigned short port() const; // the bound port (with port 0: the one chosen)
    // Serves on `threads` threads until SIGTERM or SIGINT, then stops accepting, closes
    // idle connections, and returns once every request in flight has been answered.
    void run(unsigned threads, std::ostream& log);

    struct Impl; // the io_context, acceptor and open sessions (http_server.cpp)

  private:
    std::unique_ptr<Impl> impl_;
};

} // namespace dealcheck::server
