// The decision log: one JSON line per decision, rotated to FILE.1 by size.
#include "decision_log.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using dealcheck::server::Decision;
using dealcheck::server::DecisionLog;

namespace {

std::vector<std::string> lines_of(const fs::path& file) {
    std::vector<std::string> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

struct ScratchDir {
    fs::path path = fs::temp_directory_path() / ("dealcheck-log-" + std::to_string(::getpid()));
    ScratchDir() { fs::create_directories(path); }
    ~ScratchDir() { fs::remove_all(path); }
};

} // namespace

TEST_CASE("a decision is one JSON line with what OPA's decision logs carry") {
    ScratchDir dir;
    auto file = dir.path / "decisions.jsonl";
    DecisionLog log(file.string(), 1 << 20);
    REQUIRE(log.open());
    log.write({"microsoft-openai",
               "0123456789abcdef",
               "OpenAI acquires \"Windsurf\"\n",
               "permitted",
               {"acquired-ip-2025"},
               0.0001});
    auto lines = lines_of(file);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find(R"("deal":"microsoft-openai","revision":"0123456789abcdef",)") !=
          std::string::npos);
    CHECK(lines[0].find(R"("question":"OpenAI acquires \"Windsurf\"\u000a")") != std::string::npos);
    CHECK(lines[0].find(R"("verdict":"permitted","deciding":["acquired-ip-2025"])") !=
          std::string::npos);
    CHECK(lines[0].find(R"("time":")") != std::string::npos);
    CHECK(lines[0].find(R"("latency_seconds":)") != std::string::npos);
}

TEST_CASE("the decision log is rotated to FILE.1 when it would grow past its size") {
    ScratchDir dir;
    auto file = dir.path / "decisions.jsonl";
    DecisionLog log(file.string(), 1000);
    REQUIRE(log.open());
    Decision d{"deal", "0123456789abcdef", std::string(200, 'q'), "forbidden", {}, 0};
    for (int i = 0; i < 12; ++i)
        log.write(d);
    auto current = lines_of(file), previous = lines_of(file.string() + ".1");
    CHECK(fs::file_size(file) <= 1000);
    CHECK(fs::file_size(file.string() + ".1") <= 1000);
    CHECK(!previous.empty());
    // Only FILE and FILE.1 are kept: the oldest decisions go, the newest are all there.
    CHECK(current.size() + previous.size() < 12);
    CHECK(!current.empty());
    CHECK(current.size() <= previous.size());
}

TEST_CASE("a log reopened appends, and counts what the file already holds") {
    ScratchDir dir;
    auto file = dir.path / "decisions.jsonl";
    Decision d{"deal", "0123456789abcdef", std::string(300, 'q'), "permitted", {}, 0};
    {
        DecisionLog log(file.string(), 1000);
        REQUIRE(log.open());
        log.write(d);
        log.write(d);
    }
    DecisionLog log(file.string(), 1000);
    REQUIRE(log.open());
    log.write(d); // the third line would pass 1000 bytes: rotated first
    CHECK(lines_of(file).size() == 1);
    CHECK(lines_of(file.string() + ".1").size() == 2);
}
