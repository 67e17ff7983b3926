// What an image was compiled from: each source file of the deal with its hash, and the
// load options that change the compiled deal. An image is fresh when the files read
// now hash the same and the options are the same (docs/image.md).
#pragma once

#include "dealcheck/deal.hpp"
#include "model/deal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dealcheck::image {

struct SourceEntry {
    // Manifest: the deal.yaml; in_deal: a path relative to the deal's folder; given: a
    // path as given on the command line (`--history FILE`).
    enum class Kind : std::uint8_t { manifest, in_deal, given } kind = Kind::in_deal;
    std::string name;
    std::uint64_t size = 0, hash = 0;
};

struct Sources {
    std::string deal_path; // as given when it was compiled: where an image loaded by name
                           // finds its files
    bool large = false, own_history = true;
    std::vector<std::string> history; // LoadOptions::history
    std::vector<SourceEntry> files;   // parallel to model::Deal::files
};

template <class V> void fields(V& v, SourceEntry& x) {
    v(x.kind, x.name, x.size, x.hash);
}
template <class V> void fields(V& v, Sources& x) {
    v(x.deal_path, x.large, x.own_history, x.history, x.files);
}

// The deal's folder and each file's path as Deal::load(deal_path) spells them.
struct Spelling {
    std::string root;
    std::vector<std::string> paths;
};
Spelling spell(const Sources& sources, const std::string& deal_path);

// The source table of a deal loaded from `deal_path` with `options`.
Sources sources_of(const model::Deal& deal, const std::string& deal_path,
                   const LoadOptions& options);

// The key of an image: its sources' hashes and options, in one number.
std::uint64_t key_of(const Sources& sources);

// Why the image is not fresh for these files and options, or nullopt when it is.
struct Staleness {
    DiagnosticCode code;
    std::string message, hint;
};
std::optional<Staleness> staleness(const Sources& sources, const Spelling& spelling,
                                   const LoadOptions& options);

} // namespace dealcheck::image
