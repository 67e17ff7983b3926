// The loaders of a deal's files, one per kind of file. Each reads its YAML into the
// model and reports problems to the context; none stops at the first error.
#pragma once

#include "loader/context.hpp"

#include <string>
#include <vector>

namespace dealcheck::loader {

// Reads a file of the deal into the context; reports a located error if it cannot.
std::optional<std::uint32_t> read_file(Context& ctx, const std::string& path,
                                       const SourceLocation& referenced_from);

// deal.yaml: the deal's id and title, parties, default verdict, vocabulary files,
// agreements and history files. Returns the files to load, with where each was named.
struct FileRef {
    std::string path;
    SourceLocation where;
};
struct ManifestFiles {
    std::vector<FileRef> vocabulary, history;
};
ManifestFiles load_manifest(Context& ctx, std::uint32_t file);

// A party entry {id, name, aliases}: in deal.yaml's `parties`, and in a vocabulary's
// `actors` (who may act besides the parties).
std::optional<model::Party> read_party(Context& ctx, std::uint32_t file, const yaml::Node& node);

// The vocabulary files: enums, action kinds with attributes, facts, definitions. The
// enums of all files are read before the rest, so no file depends on the order.
void load_vocabularies(Context& ctx, const std::vector<std::uint32_t>& files);

// A history file: the events that happened under the deal, each dated.
// `document` is the file parsed (with libyaml: load.cpp parses histories at once).
void load_history(Context& ctx, std::uint32_t file, const yaml::Document& document);

// An agreement file: its clauses, and the earlier clauses it terminates.
// `document` is the file parsed (with yaml-cpp: load.cpp parses agreements at once).
void load_agreement(Context& ctx, std::uint32_t file, std::uint32_t agreement,
                    const yaml::Document& document);

// An agreement's `obligations:` and `powers:` entries.
void load_obligation(Context& ctx, std::uint32_t file, std::uint32_t agreement,
                     const yaml::Node& node);
void load_power(Context& ctx, std::uint32_t file, std::uint32_t agreement, const yaml::Node& node);

// Parses a type name: bool, number, money, money<EUR>, date, duration, string, party,
// an enum id, or set<enum id>. Enums must already be loaded.
std::optional<model::Type> parse_type(const model::Deal& deal, std::string_view text,
                                      std::string& hint);

} // namespace dealcheck::loader
