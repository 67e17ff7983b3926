// What one (action kind, party) bucket of a deal means, as a 128-bit hash: two buckets
// with the same fingerprint answer every question of theirs alike, and `analyze` finds
// the same in them. `diff` skips the buckets two versions share; the result cache
// (analysis/result_cache.hpp) is keyed by it.
//
// It covers what a bucket's answers read: its candidate clauses (ids, effects, windows,
// events, exceptions among them, conditions as compiled), the days the deal's history
// opens a power over it, the action kind's vocabulary, the deal's parties, enums,
// attributes, facts with their records and strings, and the events of the history its
// sums and counts range over. Not where clauses are written nor their titles: moving a
// clause changes no answer.
#pragma once

#include "compiler/compiled_deal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dealcheck::analysis {

struct Fingerprint {
    std::uint64_t hi = 0, lo = 0;
    friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
    std::string hex() const;
};

// A running hash of bytes and numbers.
class Hasher {
  public:
    Hasher& bytes(std::string_view s);
    Hasher& number(std::int64_t n);
    Hasher& text(std::string_view s) {
        return number(static_cast<std::int64_t>(s.size())).bytes(s);
    }
    Fingerprint done() const { return {hi_, lo_}; }

  private:
    std::uint64_t hi_ = 0xcbf29ce484222325ull, lo_ = 0x84222325cbf29ce4ull;
};

class Fingerprinter {
  public:
    // Hashes the deal-wide part once.
    explicit Fingerprinter(const CompiledDeal& cd);
    Fingerprint bucket(std::uint32_t action, std::uint32_t party) const;
    // One clause of that bucket, with what it reads of the deal: a clause with the same
    // fingerprint in two versions takes effect on the same questions in both.
    Fingerprint clause(std::uint32_t action, std::uint32_t party, std::uint32_t clause) const;
    // What the bucket reads besides its clauses: the deal-wide part, the action kind's
    // attributes and default, the open powers.
    Fingerprint context(std::uint32_t action, std::uint32_t party) const;

  private:
    void action_part(Hasher& h, std::uint32_t action, std::uint32_t party) const;
    void clause_part(Hasher& h, std::uint32_t clause) const;
    const CompiledDeal& cd_;
    Fingerprint deal_;
};

} // namespace dealcheck::analysis
