// Reads a deal folder into the model: the manifest, its vocabulary files and every
// agreement file, reporting all problems found.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"
#include "model/limits.hpp"

#include <string>

namespace dealcheck::loader {

// Which history a deal is read with: its own files (deal.yaml's `history`) unless
// `own` is false, then `extra` files (paths as given, for "as if this had happened").
struct HistoryFiles {
    bool own = true;
    std::vector<std::string> extra;
};

// `path` is a deal folder (holding deal.yaml) or a manifest file.
model::Deal load_model(const std::string& path, Diagnostics& diags,
                       const limits::DealLimits& limits = limits::standard,
                       const HistoryFiles& history = {});

} // namespace dealcheck::loader
