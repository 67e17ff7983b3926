#include "loader/context.hpp"

namespace dealcheck::loader {

std::uint32_t Context::add_file(std::string path, std::string text) {
    model::SourceFile f{std::move(path), std::move(text), {0}};
    for (std::size_t i = 0; i < f.text.size(); ++i)
        if (f.text[i] == '\n') f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
    deal_.files.push_back(std::move(f));
    return static_cast<std::uint32_t>(deal_.files.size() - 1);
}

SourceLocation Context::at(std::uint32_t file, const yaml::Mark& mark) const {
    auto p = position(mark);
    return SourceLocation{deal_.files[file].path, p.line, p.column};
}

model::Position Context::position(const yaml::Mark& mark) {
    if (mark.line < 0 || mark.column < 0) return {}; // no position
    return {mark.line + 1, mark.column + 1};         // yaml-cpp marks are 0-based
}

std::string Context::over_limit_hint() const {
    if (limits_.large)
        return "this is the limit for one deal, even with `--large-deal` (docs/limits.md)";
    return "this is the limit for one deal (docs/limits.md); a generated portfolio may use "
           "the large limits: `--large-deal`";
}

void Context::error(DiagnosticCode code, const SourceLocation& where, std::string message,
                    std::string hint, int span, std::vector<RelatedLocation> related) {
    Diagnostic d(code);
    d.related = std::move(related);
    d.where = where;
    d.message = std::move(message);
    d.hint = std::move(hint);
    d.span = span < 1 ? 1 : span;
    if (where.line > 0) d.source_line = model::source_line(deal_, where.file, where.line);
    diags_.add(std::move(d));
}

} // namespace dealcheck::loader
