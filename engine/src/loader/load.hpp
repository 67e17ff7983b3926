// Reads a deal folder into the model: the manifest, its vocabulary files and every
// agreement file, reporting all problems found.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"
#include "model/limits.hpp"

#include <set>
#include <string>

namespace dealcheck::loader {

// Which history a deal is read with: its own files (deal.yaml's `history`) unless
// `own` is false, then `extra` files (paths as given, for "as if this had happened").
struct HistoryFiles {
    bool own = true;
    std::vector<std::string> extra;
};

// What a load with errors left incomplete. The checker still checks the rest, so that
// one run reports every error; what follows from a gap is not reported as an error of
// its own (checker/cascade.hpp).
struct Gaps {
    bool names = false;          // the manifest or a vocabulary file: parties, actions, facts...
    bool clauses = false;        // an agreement file: clauses, obligations, powers
    bool truncated = false;      // a deal-wide limit stopped the load
    std::set<std::string> files; // the files with errors (paths as in diagnostics)
};

struct Loaded {
    model::Deal deal;
    Gaps gaps;
};

// `path` is a deal folder (holding deal.yaml) or a manifest file.
Loaded load_model(const std::string& path, Diagnostics& diags,
                  const limits::DealLimits& limits = limits::standard,
                  const HistoryFiles& history = {});

} // namespace dealcheck::loader
