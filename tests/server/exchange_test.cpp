// Request targets as the routes read them: the path percent-decoded, the query's
// parameters.
#include "exchange.hpp"

#include <catch2/catch.hpp>

using dealcheck::server::target_path;
using dealcheck::server::target_query;

TEST_CASE("a target's path is decoded and cut at the query") {
    CHECK(target_path("/v1/deals/micro%73oft-openai/ask?x=1") == "/v1/deals/microsoft-openai/ask");
    CHECK(target_path("/a+b") == "/a+b"); // `+` is a space in queries only
}

TEST_CASE("a path with a bad escape or a NUL does not decode") {
    CHECK_FALSE(target_path("/v1/deals/%zz"));
    CHECK_FALSE(target_path("/v1/deals/%4"));
    CHECK_FALSE(target_path("/v1/deals/%"));
    CHECK_FALSE(target_path("/v1/%00"));
}

TEST_CASE("query parameters are decoded, and malformed ones dropped") {
    auto q = target_query("/ask?explain=true&today=2025%2D06%2D01&format=text+x&bad=%zz&&=v&flag");
    CHECK(q.at("explain") == "true");
    CHECK(q.at("today") == "2025-06-01");
    CHECK(q.at("format") == "text x");
    CHECK(q.at("flag").empty());
    CHECK(q.count("bad") == 0);
    CHECK(q.size() == 4);
    CHECK(target_query("/ask").empty());
}
