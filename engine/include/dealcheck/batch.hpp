// Many questions, fast: JSON Lines in, one JSON verdict line out per input line.
//
//     auto loaded = dealcheck::Deal::load("rules/microsoft-openai");
//     dealcheck::BatchOptions options;
//     options.threads = 2;
//     auto stats = dealcheck::run_batch(*loaded.deal, std::cin, std::cout, options);
//
// Input lines are JSON objects with the fields of a question file ({party, action,
// attributes, date, facts, consents, readings} or {question: "<phrase>"}) and an
// optional `id` echoed back. Output lines, in input order (docs/performance.md):
//
//     {"verdict":"permitted","deciding":["acquired-ip-2025"]}
//     {"verdict":"needs-consent","consent_of":["microsoft"],"deciding":["compute-rofr-2025"]}
//     {"verdict":"not-covered","default":"permitted","deciding":[]}
//     {"verdict":"depends","depends_on":["agi_verified"],"deciding":["api-exclusivity-2025-10"]}
//     {"line":7,"column":12,"error":"expected `:` after a key"}
//
// Verdicts are those of Deal::ask, without the explanation: only the deciding clause
// ids (and, for DEPENDS, the unknowns it hinges on).
#pragma once

#include "dealcheck/deal.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace dealcheck {

// Answers one line at a time. Not thread-safe: use one per thread (the Deal they
// share is immutable). After the first lines it allocates nothing per line.
class BatchAnswerer {
  public:
    // `today`: the date of questions that give none.
    explicit BatchAnswerer(const Deal& deal, Date today);
    ~BatchAnswerer();
    BatchAnswerer(BatchAnswerer&&) noexcept;
    BatchAnswerer& operator=(BatchAnswerer&&) noexcept;

    // Answers `line` (one JSON object, no newline) and appends its JSON answer, without
    // a newline, to `out`. A bad line gets an error object naming `line_number`; the
    // return value says whether the line was answered.
    bool answer(std::string_view line, std::uint64_t line_number, std::string& out);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct BatchOptions {
    unsigned threads = 1;                 // answering threads (reading and writing are extra)
    std::size_t chunk_bytes = 1 << 20;    // input handed to a thread at a time
    std::size_t max_line_bytes = 1 << 20; // longer lines are answered with an error
    Date today = dealcheck::today();      // for questions without a date
    // Called after each chunk is written, from the calling thread: lines answered and
    // input bytes read so far (for a progress line).
    std::function<void(std::uint64_t lines, std::uint64_t bytes)> on_progress;
};

struct BatchStats {
    std::uint64_t lines = 0;  // lines read, = lines written
    std::uint64_t errors = 0; // lines answered with an error object
    bool read_failed = false; // the input stream failed (not at its end)
};

// Reads JSON Lines from `in` until its end and writes one line to `out` for each, in
// input order. Memory is bounded by threads and chunk size, whatever the input's
// length; a bad line gets an error object and the run goes on.
BatchStats run_batch(const Deal& deal, std::istream& in, std::ostream& out,
                     const BatchOptions& options = {});

} // namespace dealcheck
