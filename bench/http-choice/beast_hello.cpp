// The same server with Boost.Beast: asynchronous sessions on one io_context run by
// argv[2] threads. For the library measurement of docs/server.md only.
// clang-format off
#include <utility> // before Asio: Boost 1.74's awaitable.hpp uses std::exchange without it
#include <boost/asio.hpp>
#include <boost/beast.hpp>
// clang-format on

#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
  public:
    explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}
    void read() {
        request_ = {};
        http::async_read(stream_, buffer_, request_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (!ec) self->answer();
                         });
    }

  private:
    void answer() {
        auto response = std::make_shared<http::response<http::string_body>>(http::status::ok,
                                                                            request_.version());
        response->set(http::field::content_type, "application/json");
        response->body() =
            "{\"verdict\":\"permitted\",\"bytes\":" + std::to_string(request_.body().size()) + "}";
        response->keep_alive(request_.keep_alive());
        response->prepare_payload();
        http::async_write(stream_, *response,
                          [self = shared_from_this(), response](beast::error_code ec, std::size_t) {
                              if (!ec && response->keep_alive()) self->read();
                          });
    }
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
};

void accept(tcp::acceptor& acceptor) {
    acceptor.async_accept([&acceptor](beast::error_code ec, tcp::socket socket) {
        if (!ec) std::make_shared<Session>(std::move(socket))->read();
        accept(acceptor);
    });
}

int main(int argc, char** argv) {
    auto port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 18081);
    int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    asio::io_context io(threads);
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
    accept(acceptor);
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i)
        pool.emplace_back([&io] { io.run(); });
    io.run();
}
