// The decision log (in the spirit of OPA's): one JSON line per question answered, with
// time, deal, revision, question, verdict, deciding clauses and latency. Rotated by
// size: FILE becomes FILE.1 (replacing the previous one) and a new FILE is started.
#pragma once

#include <cstddef>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

namespace dealcheck::server {

struct Decision {
    std::string deal, revision;
    std::string question; // as asked: the phrase, question file or batch line
    std::string verdict;  // "permitted", ...; "error" for a question not answered
    std::vector<std::string> deciding;
    double seconds = 0;
};

class DecisionLog {
  public:
    // An empty path: a log that writes nothing.
    DecisionLog(std::string path, std::size_t max_bytes);
    bool enabled() const { return !path_.empty(); }
    // false when the file cannot be opened (the service goes on without it).
    bool open();
    void write(const Decision& decision);

  private:
    void rotate();
    std::string path_;
    std::size_t max_bytes_;
    std::mutex mutex_;
    std::ofstream out_;
    std::size_t written_ = 0;
};

} // namespace dealcheck::server
