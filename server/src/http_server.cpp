#include "http_server.hpp"

#include "errors.hpp"

// clang-format off
#include <utility> // before Asio: Boost 1.74's asio/awaitable.hpp uses std::exchange without it
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
// clang-format on

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <vector>

namespace dealcheck::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

class Session;

struct HttpServer::Impl {
    const Routes& routes;
    Metrics& metrics;
    Limits limits;
    asio::io_context io;
    // On a strand: the signal handler's close and the accept loop never run at once.
    tcp::acceptor acceptor{asio::make_strand(io)};
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;

    Impl(const Routes& r, Metrics& m, const Limits& l) : routes(r), metrics(m), limits(l) {}
    void accept();
    void stop();
};

// One connection: requests read and answered one after the other (HTTP/1.1 keep-alive),
// on a strand of its own.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, HttpServer::Impl& server, bool refuse)
        : stream_(std::move(socket)), server_(server), refuse_(refuse) {
        ++server_.metrics.open_connections();
    }
    ~Session() { --server_.metrics.open_connections(); }

    void start() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }
    // At shutdown: a connection waiting for its next request is closed; one whose
    // request is being answered finishes it first (and then closes).
    void close_if_idle() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->idle_) self->stream_.socket().close();
        });
    }

  private:
    // The header first: until it is in, the connection is idle and a shutdown closes
    // it; from then on the request is in flight and is answered.
    void read() {
        idle_ = true;
        parser_.emplace();
        parser_->body_limit(server_.limits.max_body_bytes);
        stream_.expires_after(server_.limits.request_time);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                self->idle_ = false;
                if (ec) return self->on_read(ec);
                http::async_read(self->stream_, self->buffer_, *self->parser_,
                                 [self](beast::error_code ec, std::size_t) { self->on_read(ec); });
            });
    }

    void on_read(beast::error_code ec) {
        start_ = Clock::now();
        keep_alive_ = false;
        if (ec == http::error::body_limit) {
            auto r = error_response(413,
                                    "the body is larger than " +
                                        std::to_string(server_.limits.max_body_bytes) + " bytes",
                                    "send less per request (batch: split the questions)");
            r.route = "too-large";
            return respond(std::move(r));
        }
        // The connection ended, timed out or was closed at shutdown: no one to answer.
        if (ec == http::error::end_of_stream ||
            (ec && ec.category() != beast::error_code(http::error::end_of_stream).category()))
            return close();
        if (ec) { // Beast could not parse the request
            auto r = error_response(400, "the request is not valid HTTP/1.1: " + ec.message());
            r.route = "bad-request";
            return respond(std::move(r));
        }
        auto& request = parser_->get();
        version_ = request.version();
        if (refuse_) {
            auto r =
                error_response(503, "too many connections",
                               "the limit is " + std::to_string(server_.limits.max_connections) +
                                   "; try again, or another replica");
            r.headers.emplace_back("Retry-After", "1");
            r.route = "refused";
            respond(std::move(r));
            return;
        }
        keep_alive_ = request.keep_alive() && !server_.stopping;
        Request mine{std::string(request.method_string()), std::string(request.target()),
                     std::string(request[http::field::content_type]), std::move(request.body())};
        respond(server_.routes.handle(mine));
    }

    template <class Message> void set_headers(Message& m) {
        m.set(http::field::server, "dealcheck");
        m.set(http::field::content_type, response_.content_type);
        for (const auto& [name, value] : response_.headers)
            m.set(name, value);
        m.keep_alive(keep_alive_);
    }

    void respond(Response response) {
        response_ = std::move(response);
        stream_.expires_after(server_.limits.request_time);
        auto status = static_cast<http::status>(response_.status);
        if (!response_.stream) {
            auto m = std::make_shared<http::response<http::string_body>>(status, version_);
            set_headers(*m);
            m->body() = std::move(response_.body);
            m->prepare_payload();
            http::async_write(stream_, *m,
                              [self = shared_from_this(), m](beast::error_code ec, std::size_t) {
                                  self->on_written(ec);
                              });
            return;
        }
        // Streamed: the header, then one chunk per part the route produces.
        auto m = std::make_shared<http::response<http::empty_body>>(status, version_);
        set_headers(*m);
        m->chunked(true);
        auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*m);
        http::async_write_header(
            stream_, *serializer,
            [self = shared_from_this(), m, serializer](beast::error_code ec, std::size_t) {
                if (ec) return self->on_written(ec);
                self->chunk_ = std::move(self->response_.body);
                self->next_chunk();
            });
    }

    void next_chunk() {
        bool more = true;
        while (chunk_.empty() && more)
            more = response_.stream(chunk_);
        if (chunk_.empty()) {
            asio::async_write(stream_, http::make_chunk_last(),
                              [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                  self->on_written(ec);
                              });
            return;
        }
        asio::async_write(stream_, http::make_chunk(asio::buffer(chunk_)),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->on_written(ec);
                              self->chunk_.clear();
                              self->next_chunk();
                          });
    }

    void on_written(beast::error_code ec) {
        server_.metrics.request(response_.route, response_.status,
                                std::chrono::duration<double>(Clock::now() - start_).count());
        response_ = {};
        if (ec || !keep_alive_ || server_.stopping) return close();
        read();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    HttpServer::Impl& server_;
    bool refuse_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    Response response_;
    std::string chunk_;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    bool idle_ = true;
    Clock::time_point start_ = Clock::now();
};

void HttpServer::Impl::accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (acceptor.is_open() && !stopping) accept(); // e.g. out of file descriptors
            return;
        }
        // A streamed answer is several small writes: without this, Nagle's algorithm holds
        // the last one back until the client's delayed ACK, 40 ms later.
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        bool refuse = metrics.open_connections() >= static_cast<long long>(limits.max_connections);
        if (refuse) metrics.connection_refused();
        auto session = std::make_shared<Session>(std::move(socket), *this, refuse);
        {
            std::lock_guard lock(sessions_mutex);
            std::erase_if(sessions, [](const auto& s) { return s.expired(); });
            sessions.push_back(session);
        }
        session->start();
        accept();
    });
}

void HttpServer::Impl::stop() {
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    std::lock_guard lock(sessions_mutex);
    for (auto& weak : sessions)
        if (auto s = weak.lock()) s->close_if_idle();
}

HttpServer::HttpServer(const Routes& routes, Metrics& metrics, const Limits& limits)
    : impl_(std::make_unique<Impl>(routes, metrics, limits)) {}

HttpServer::~HttpServer() = default;

bool HttpServer::bind(const std::string& host, unsigned short port, std::string& error) {
    beast::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) {
        error = "`" + host + "` is not an IP address";
        return false;
    }
    tcp::endpoint endpoint(address, port);
    auto& a = impl_->acceptor;
    a.open(endpoint.protocol(), ec);
    if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) error = ec.message();
    return !ec;
}

unsigned short HttpServer::port() const {
    return impl_->acceptor.local_endpoint().port();
}

void HttpServer::run(unsigned threads, std::ostream& log) {
    asio::signal_set signals(impl_->io, SIGINT, SIGTERM);
    signals.async_wait([this, &log](beast::error_code ec, int signal) {
        if (ec) return;
        log << "dealcheck serve: " << (signal == SIGTERM ? "SIGTERM" : "SIGINT")
            << ": finishing the requests in flight\n"
            << std::flush;
        asio::post(impl_->acceptor.get_executor(), [this] { impl_->stop(); });
    });
    impl_->accept();
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& t : pool)
        t.join();
}

} // namespace dealcheck::server
