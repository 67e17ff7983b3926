#include "loader/load.hpp"

#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dealcheck::loader {

namespace fs = std::filesystem;

std::optional<std::uint32_t> read_file(Context& ctx, const std::string& path,
                                       const SourceLocation& referenced_from) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    auto fail = [&](std::string message, std::string hint = {}) {
        if (referenced_from.line > 0)
            ctx.error(referenced_from, std::move(message), std::move(hint));
        else
            ctx.error(SourceLocation{path, 0, 0}, std::move(message), std::move(hint));
        return std::nullopt;
    };
    if (ec || !fs::exists(status)) return fail("cannot find `" + path + "`");
    if (fs::is_directory(status)) return fail("`" + path + "` is a folder, not a file");
    if (!fs::is_regular_file(status)) return fail("`" + path + "` is not a regular file");
    auto size = fs::file_size(path, ec);
    if (ec) return fail("cannot read `" + path + "`: " + ec.message());
    if (size > max_file_bytes)
        return fail("`" + path + "` is " + std::to_string(size) + " bytes; the limit is " +
                        std::to_string(max_file_bytes),
                    "split the deal into several agreement files");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot open `" + path + "`");
    std::ostringstream text;
    text << in.rdbuf();
    return ctx.add_file(path, text.str());
}

static std::string join(const fs::path& root, const std::string& relative) {
    return (root / relative).lexically_normal().string();
}

model::Deal load_model(const std::string& path, Diagnostics& diags) {
    model::Deal deal;
    Context ctx(deal, diags);
    std::error_code ec;
    fs::path manifest = path;
    if (fs::is_directory(manifest, ec)) manifest /= "deal.yaml";
    deal.root = manifest.parent_path().string();
    auto file = read_file(ctx, manifest.string(), {});
    if (!file) return deal;
    auto vocabulary = load_manifest(ctx, *file);
    fs::path root = deal.root;
    for (const auto& v : vocabulary)
        if (auto f = read_file(ctx, join(root, v.path), v.where)) load_vocabulary(ctx, *f);
    for (std::uint32_t i = 0; i < deal.agreements.size(); ++i) {
        if (deal.agreements[i].file.empty()) continue;
        if (auto f = read_file(ctx, join(root, deal.agreements[i].file), deal.agreements[i].where))
            load_agreement(ctx, *f, i);
    }
    return deal;
}

} // namespace dealcheck::loader
