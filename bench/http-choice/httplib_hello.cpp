// The smallest cpp-httplib server that answers like `POST /v1/deals/{deal}/ask`: a
// fixed JSON body, a thread pool of argv[2] threads. For the library measurement of
// docs/server.md only.
#include <cstdlib>
#include <httplib.h>

int main(int argc, char** argv) {
    int port = argc > 1 ? std::atoi(argv[1]) : 18080;
    unsigned threads = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2;
    httplib::Server server;
    server.set_tcp_nodelay(true); // else Nagle and delayed ACKs cost ~40 ms a request
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.Post("/ask", [](const httplib::Request& request, httplib::Response& response) {
        response.set_content(
            "{\"verdict\":\"permitted\",\"bytes\":" + std::to_string(request.body.size()) + "}",
            "application/json");
    });
    server.listen("127.0.0.1", port);
}
