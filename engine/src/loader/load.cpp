#include "loader/load.hpp"

#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <tuple>
#include <utility>

namespace dealcheck::loader {

namespace fs = std::filesystem;

std::optional<std::uint32_t> read_file(Context& ctx, const std::string& path,
                                       const SourceLocation& referenced_from) {
    // A problem with a file as a whole is reported where the file is named, else at
    // its first line (or at its bare path when there is no such file).
    auto fail = [&](DiagnosticCode code, std::string message, std::string hint = {},
                    bool exists = true) {
        SourceLocation where = referenced_from;
        if (where.line <= 0) where = SourceLocation{path, exists ? 1 : 0, exists ? 1 : 0};
        ctx.error(code, where, std::move(message), std::move(hint));
        return std::nullopt;
    };
    auto& budget = ctx.budget();
    if (budget.exceeded) return std::nullopt;
    if (budget.files == 0) {
        budget.exceeded = true;
        return fail(DiagnosticCode::deal_too_large,
                    "the deal has more than " + std::to_string(ctx.limits().files) + " files",
                    ctx.over_limit_hint());
    }
    --budget.files;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return fail(DiagnosticCode::file_not_found, "cannot find `" + path + "`", {}, false);
    if (ec == std::errc::too_many_symbolic_link_levels)
        return fail(DiagnosticCode::file_unreadable, "`" + path + "` is a symbolic link that loops",
                    "point the link at a file", false);
    if (ec)
        return fail(DiagnosticCode::file_unreadable, "cannot read `" + path + "`: " + ec.message(),
                    {}, false);
    if (fs::is_directory(status))
        return fail(DiagnosticCode::file_unreadable, "`" + path + "` is a folder, not a file", {},
                    false);
    if (!fs::is_regular_file(status))
        return fail(DiagnosticCode::file_unreadable, "`" + path + "` is not a regular file",
                    "rule files are plain files", false);
    auto size = fs::file_size(path, ec);
    if (ec)
        return fail(DiagnosticCode::file_unreadable, "cannot read `" + path + "`: " + ec.message(),
                    {}, false);
    if (size > limits::max_file_bytes)
        return fail(DiagnosticCode::file_too_large,
                    "`" + path + "` is " + std::to_string(size) +
                        " bytes; the limit for a file is " +
                        std::to_string(limits::max_file_bytes >> 20) + " MiB",
                    "split it into several files (agreements, vocabularies and histories may each "
                    "be several)");
    if (size > budget.bytes) {
        budget.exceeded = true;
        return fail(DiagnosticCode::deal_too_large,
                    "the deal's files are more than " + std::to_string(ctx.limits().bytes >> 20) +
                        " MiB together",
                    ctx.over_limit_hint());
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(DiagnosticCode::file_unreadable, "cannot open `" + path + "`");
    // Read no more than was measured, should the file grow meanwhile.
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    budget.bytes -= text.size();
    return ctx.add_file(path, std::move(text));
}

// Parses files on several threads: a large deal's agreements are several files of
// clauses, and its history a log that grows to 100k events in many files, and parsing
// is most of their load. Each file is parsed apart and taken in file order, so what
// loads is what parsing them one by one gives (a file that no longer fits what the
// budgets have left is parsed again then: see take_in_order).
static std::vector<ParsedYaml>
parse_at_once(const Context& ctx, const std::vector<std::uint32_t>& files, YamlParser parser) {
    std::vector<ParsedYaml> parsed(files.size());
    std::size_t bytes = 0;
    for (auto f : files)
        bytes += ctx.file(f).text.size();
    std::atomic<std::size_t> next = 0;
    auto work = [&] {
        for (auto i = next++; i < files.size(); i = next++)
            parsed[i] = parse_yaml_apart(ctx, files[i], parser);
    };
    // Threads pay for themselves from about a megabyte of YAML.
    auto threads =
        bytes < (1u << 20)
            ? 0
            : std::min<std::size_t>(files.size() - 1,
                                    std::max(1u, std::thread::hardware_concurrency()) - 1);
    std::vector<std::thread> helpers;
    for (std::size_t t = 0; t < threads; ++t)
        helpers.emplace_back(work);
    work();
    for (auto& t : helpers)
        t.join();
    return parsed;
}

// The document of files[i] from parse_at_once(), charged to the budgets now.
static yaml::Document take_in_order(Context& ctx, std::uint32_t file, ParsedYaml& parsed,
                                    YamlParser parser) {
    return fits_budget(ctx, parsed) ? take_parsed(ctx, file, std::move(parsed))
                                    : parse_yaml(ctx, file, parser);
}

static std::string join(const fs::path& root, const std::string& relative) {
    return (root / relative).lexically_normal().string();
}

Loaded load_model(const std::string& path, Diagnostics& diags, const limits::DealLimits& limits,
                  const HistoryFiles& history) {
    util::HintBudget hints(util::default_hint_cells);
    Loaded out;
    auto& deal = out.deal;
    auto& gaps = out.gaps;
    Context ctx(deal, diags, limits);
    // Whether reading a file (or finding it) added errors: then what it defines is
    // incomplete. `names` is the gap it leaves: the manifest's and vocabularies'.
    std::size_t errors = 0;
    auto read = [&](const std::string& file, bool& gap) {
        if (diags.error_count() <= errors) return;
        errors = diags.error_count();
        gap = true;
        gaps.files.insert(file);
    };
    bool history_gap = false;
    std::error_code ec;
    fs::path manifest = path;
    if (fs::is_directory(manifest, ec)) manifest /= "deal.yaml";
    deal.root = manifest.parent_path().string();
    auto file = read_file(ctx, manifest.string(), {});
    if (!file) {
        gaps.names = gaps.clauses = true;
        return out;
    }
    auto manifest_files = load_manifest(ctx, *file);
    read(manifest.string(), gaps.names);
    gaps.clauses = gaps.names;
    auto& vocabulary = manifest_files.vocabulary;
    // Files load in a canonical order, so that the output does not depend on the order
    // the manifest lists them in: vocabulary files by name, agreements by date.
    std::stable_sort(vocabulary.begin(), vocabulary.end(),
                     [](const FileRef& a, const FileRef& b) { return a.path < b.path; });
    std::stable_sort(
        deal.agreements.begin(), deal.agreements.end(), [](const auto& a, const auto& b) {
            return std::tie(a.effective, a.id, a.file) < std::tie(b.effective, b.id, b.file);
        });
    fs::path root = deal.root;
    std::vector<std::uint32_t> vocabulary_files;
    for (const auto& v : vocabulary) {
        if (auto f = read_file(ctx, join(root, v.path), v.where)) vocabulary_files.push_back(*f);
        read(join(root, v.path), gaps.names);
    }
    // The vocabularies load together (a file may use another's enums): their errors
    // are told apart by where they are.
    load_vocabularies(ctx, vocabulary_files);
    if (diags.error_count() > errors) {
        for (const auto& d : diags.items())
            for (auto f : vocabulary_files)
                if (d.severity == Severity::Error && d.where.file == ctx.file(f).path)
                    gaps.files.insert(d.where.file);
        errors = diags.error_count();
        gaps.names = true;
    }
    // Agreement files are all read first, then parsed at once and loaded in order.
    std::vector<std::uint32_t> agreement_files, agreement_of;
    std::vector<std::string> agreement_paths;
    for (std::uint32_t i = 0; i < deal.agreements.size(); ++i) {
        if (deal.agreements[i].file.empty()) continue;
        auto path = join(root, deal.agreements[i].file);
        if (auto f = read_file(ctx, path, deal.agreements[i].where)) {
            agreement_files.push_back(*f);
            agreement_of.push_back(i);
            agreement_paths.push_back(path);
        }
        read(path, gaps.clauses);
    }
    auto parsed_agreements = parse_at_once(ctx, agreement_files, YamlParser::YamlCpp);
    // A file the budgets had no room for was said where it is named; those read before
    // it load as they did when each was loaded as soon as it was read.
    bool read_over = std::exchange(ctx.budget().exceeded, false);
    for (std::size_t i = 0; i < agreement_files.size(); ++i) {
        if (ctx.budget().exceeded) break; // said already: the files after it are skipped
        auto file = agreement_files[i];
        auto document = take_in_order(ctx, file, parsed_agreements[i], YamlParser::YamlCpp);
        load_agreement(ctx, file, agreement_of[i], document);
        read(agreement_paths[i], gaps.clauses);
    }
    ctx.budget().exceeded |= read_over;
    parsed_agreements.clear();
    std::vector<std::uint32_t> histories;
    std::vector<std::string> history_paths;
    auto read_history = [&](const std::string& path, const SourceLocation& where) {
        if (auto f = read_file(ctx, path, where)) {
            histories.push_back(*f);
            history_paths.push_back(path);
        }
        read(path, history_gap);
    };
    if (history.own)
        for (const auto& h : manifest_files.history)
            read_history(join(root, h.path), h.where);
    for (const auto& h : history.extra)
        read_history(h, {});
    auto parsed = parse_at_once(ctx, histories, YamlParser::LibYaml);
    for (std::size_t i = 0; i < histories.size(); ++i) {
        if (ctx.budget().exceeded) break; // said already: the files after it are skipped
        auto document = take_in_order(ctx, histories[i], parsed[i], YamlParser::LibYaml);
        load_history(ctx, histories[i], document);
        read(history_paths[i], history_gap);
    }
    gaps.truncated = ctx.budget().exceeded;
    deal.clauses.shrink_to_fit(); // kept for the life of the compiled deal
    return out;
}

} // namespace dealcheck::loader
