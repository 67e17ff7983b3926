#include "image/sources.hpp"

#include "image/format.hpp"
#include "image/stream.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace dealcheck::image {

namespace fs = std::filesystem;

namespace {

// As loader/load.cpp spells them: the manifest as given, the others joined to the folder.
fs::path manifest_of(const std::string& deal_path) {
    fs::path manifest = deal_path;
    std::error_code ec;
    if (fs::is_directory(manifest, ec)) manifest /= "deal.yaml";
    return manifest;
}
std::string join(const std::string& root, const std::string& relative) {
    return (fs::path(root) / relative).lexically_normal().string();
}

std::optional<std::string> read_all(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    auto size = fs::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) return std::nullopt;
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size || in.peek() != EOF) return std::nullopt;
    return text;
}

std::string options_text(bool large, bool own_history, const std::vector<std::string>& history) {
    std::string s = large ? "--large-deal" : "";
    if (!own_history) s += std::string(s.empty() ? "" : " ") + "--no-history";
    for (const auto& h : history)
        s += std::string(s.empty() ? "" : " ") + "--history " + h;
    return s.empty() ? "no load options" : s;
}

} // namespace

Spelling spell(const Sources& sources, const std::string& deal_path) {
    Spelling s;
    auto manifest = manifest_of(deal_path);
    s.root = manifest.parent_path().string();
    for (const auto& f : sources.files)
        s.paths.push_back(f.kind == SourceEntry::Kind::manifest  ? manifest.string()
                          : f.kind == SourceEntry::Kind::in_deal ? join(s.root, f.name)
                                                                 : f.name);
    return s;
}

Sources sources_of(const model::Deal& deal, const std::string& deal_path,
                   const LoadOptions& options) {
    Sources s;
    s.deal_path = deal_path;
    s.large = options.large;
    s.own_history = options.own_history;
    s.history = options.history;
    auto manifest = manifest_of(deal_path).string();
    auto root = fs::path(deal.root).lexically_normal();
    for (const auto& file : deal.files) {
        SourceEntry e;
        e.size = file.text.size();
        e.hash = checksum(file.text);
        e.name = file.path;
        if (file.path == manifest) {
            e.kind = SourceEntry::Kind::manifest;
        } else {
            // A file of the folder is named relative to it, if that spells it back.
            auto relative = fs::path(file.path).lexically_relative(root).string();
            bool given = std::find(options.history.begin(), options.history.end(), file.path) !=
                         options.history.end();
            if (!given && !relative.empty() && join(deal.root, relative) == file.path)
                e.name = relative;
            else
                e.kind = SourceEntry::Kind::given;
        }
        s.files.push_back(std::move(e));
    }
    return s;
}

std::uint64_t key_of(const Sources& sources) {
    Writer w({});
    w(sources.large, sources.own_history, sources.history);
    for (const auto& f : sources.files)
        w(f.kind, f.name, f.size, f.hash);
    return checksum(w.bytes);
}

std::optional<Staleness> staleness(const Sources& sources, const Spelling& spelling,
                                   const LoadOptions& options) {
    if (sources.large != options.large || sources.own_history != options.own_history ||
        sources.history != options.history)
        return Staleness{DiagnosticCode::image_options,
                         "the image was compiled with " +
                             options_text(sources.large, sources.own_history, sources.history) +
                             ", not with " +
                             options_text(options.large, options.own_history, options.history),
                         "give the same options, or compile the image again with these"};
    for (std::size_t i = 0; i < sources.files.size(); ++i) {
        const auto& path = spelling.paths[i];
        std::error_code ec;
        auto size = fs::file_size(path, ec);
        if (!ec && size != sources.files[i].size) // changed, and not read to find out
            return Staleness{DiagnosticCode::image_stale,
                             "the image is stale: " + path + " changed since it was compiled", ""};
        auto text = read_all(path);
        if (!text)
            return Staleness{
                DiagnosticCode::image_stale,
                "the image is stale: " + path + " is gone or unreadable since it was compiled", ""};
        if (text->size() != sources.files[i].size || checksum(*text) != sources.files[i].hash)
            return Staleness{DiagnosticCode::image_stale,
                             "the image is stale: " + path + " changed since it was compiled", ""};
    }
    return std::nullopt;
}

} // namespace dealcheck::image
