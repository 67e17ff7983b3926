// `analyze --cache FILE`: the results of each bucket's checks, keyed by what the bucket
// means (analysis/fingerprint.hpp), so that a run after an edit checks again only the
// buckets the edited clauses are in. Examples are stored as questions; the analyzer asks
// the evaluator again for their answers and phrases, and locates clauses afresh.
//
// The file is a cache, never trusted beyond that: one that cannot be read, is of another
// version or is corrupt counts as empty and is rewritten. Only complete results are
// stored (no check cut short), and each run keeps only the entries it used.
#pragma once

#include "analysis/bucket_checks.hpp"
#include "analysis/fingerprint.hpp"

#include <map>
#include <string>
#include <utility>

namespace dealcheck::analysis {

class ResultCache {
  public:
    // An empty cache when the file is missing or unusable.
    static ResultCache load(const std::string& path);
    // The key of a bucket's results: its fingerprint, its plan and the options that
    // change what the checks find.
    static Fingerprint key(const Fingerprint& bucket, const CompiledDeal& cd,
                           const BucketPlan& plan, const AnalysisOptions& options);

    const BucketResult* find(const Fingerprint& key);
    void put(const Fingerprint& key, BucketResult result);
    // Writes the entries found or put since loading (to FILE.tmp, then renamed), creating
    // the folder if needed. False when it cannot be written.
    bool save(const std::string& path) const;

  private:
    struct Entry {
        BucketResult result;
        bool used = false;
    };
    std::map<std::pair<std::uint64_t, std::uint64_t>, Entry> entries_;
};

} // namespace dealcheck::analysis
