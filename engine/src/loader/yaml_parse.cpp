#include "loader/yaml_parse.hpp"

#include "loader/yaml_builder.hpp"
#include "loader/yaml_events.hpp"

#include <algorithm>
#include <cstdio>

namespace dealcheck::loader {

yaml::Mark mark_at(const model::SourceFile& f, std::size_t offset) {
    auto next = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
    std::size_t line = next == f.line_starts.begin() ? 0 : next - f.line_starts.begin() - 1;
    std::size_t start = f.line_starts.empty() ? 0 : f.line_starts[line];
    yaml::Mark m;
    m.pos = static_cast<int>(offset);
    m.line = static_cast<int>(line);
    m.column = static_cast<int>(offset - start);
    return m;
}

namespace {

struct TextProblem {
    std::size_t offset;
    DiagnosticCode code;
    std::string message, hint;
};

// Rule files are UTF-8 text: no NUL, no invalid UTF-8, no control characters but tab,
// line feed and carriage return (YAML forbids them, and they would reach the terminal).
std::optional<TextProblem> text_problem(std::string_view t) {
    auto starts = [&](std::string_view bom) { return t.substr(0, bom.size()) == bom; };
    if (starts("\xFF\xFE") || starts("\xFE\xFF") || starts(std::string_view("\0\0\xFE\xFF", 4)))
        return TextProblem{0, DiagnosticCode::not_text, "the file is UTF-16 or UTF-32, not UTF-8",
                           "save it as UTF-8: rule files are UTF-8 text"};
    if (auto nul = t.find('\0'); nul != std::string_view::npos)
        return TextProblem{nul, DiagnosticCode::not_text, "the file contains a NUL byte",
                           "rule files are UTF-8 text; is this a binary file?"};
    for (std::size_t i = 0; i < t.size();) {
        auto c = static_cast<unsigned char>(t[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                char code[8];
                std::snprintf(code, sizeof code, "U+%04X", c);
                return TextProblem{i, DiagnosticCode::not_text,
                                   std::string("the file contains the control character ") + code,
                                   "rule files are plain text; remove it"};
            }
            ++i;
            continue;
        }
        // The length of the sequence and the smallest code point it may encode
        // (overlong forms and surrogates are invalid).
        std::size_t n = c >= 0xF0 && c <= 0xF4   ? 4
                        : c >= 0xE0 && c <= 0xEF ? 3
                        : c >= 0xC2 && c <= 0xDF ? 2
                                                 : 0;
        std::uint32_t cp = n == 4 ? c & 0x07u : n == 3 ? c & 0x0Fu : c & 0x1Fu;
        bool ok = n != 0 && i + n <= t.size();
        for (std::size_t k = 1; ok && k < n; ++k) {
            auto cc = static_cast<unsigned char>(t[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if (ok)
            ok = !(n == 3 && cp < 0x800) && !(n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
                 !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!ok) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", c);
            return TextProblem{i, DiagnosticCode::not_text,
                               std::string("the file is not valid UTF-8 (byte ") + byte + ")",
                               "save the file as UTF-8; is it Latin-1 or Windows-1252?"};
        }
        if (cp >= 0x80 && cp <= 0x9F && cp != 0x85) {
            char code[8];
            std::snprintf(code, sizeof code, "U+%04X", cp);
            return TextProblem{i, DiagnosticCode::not_text,
                               std::string("the file contains the control character ") + code,
                               "rule files are plain text; remove it"};
        }
        i += n;
    }
    return std::nullopt;
}

} // namespace

ParsedYaml parse_yaml_apart(const Context& ctx, std::uint32_t file, YamlParser parser) {
    const auto& source = ctx.file(file);
    const std::string& text = source.text;
    ParsedYaml out;
    auto fail = [&](DiagnosticCode code, yaml::Mark mark, std::string message,
                    std::string hint = {}) {
        out.error = ParsedYaml::Error{code, mark, std::move(message), std::move(hint)};
        return std::move(out);
    };
    if (auto problem = text_problem(text))
        return fail(problem->code, mark_at(source, problem->offset), problem->message,
                    problem->hint);
    Builder builder(ctx, text, {ctx.budget().yaml_nodes, ctx.budget().yaml_text});
    try {
        if (parser == YamlParser::LibYaml)
            libyaml_events(source, builder);
        else
            yaml_cpp_events(source, builder);
        out.nodes = builder.used().nodes;
        out.text = builder.used().text;
        if (builder.documents() == 0 || builder.empty())
            return fail(DiagnosticCode::empty_file, {}, "the file is empty");
        out.document = builder.document();
        return out;
    } catch (const Builder::Stop& stop) {
        out.nodes = builder.used().nodes;
        out.text = builder.used().text;
        out.over_budget = stop.over_budget;
        return fail(stop.code, stop.mark, stop.message, stop.hint);
    } catch (const YamlSyntaxError& e) {
        return fail(DiagnosticCode::yaml_syntax, e.mark, "YAML syntax error: " + e.message);
    } catch (const std::exception& e) {
        return fail(DiagnosticCode::yaml_syntax, {}, std::string("cannot read YAML: ") + e.what());
    }
}

bool fits_budget(const Context& ctx, const ParsedYaml& parsed) {
    const auto& budget = ctx.budget();
    return !parsed.over_budget && parsed.nodes <= budget.yaml_nodes &&
           parsed.text <= budget.yaml_text;
}

yaml::Document take_parsed(Context& ctx, std::uint32_t file, ParsedYaml parsed) {
    auto& budget = ctx.budget();
    budget.yaml_nodes -= std::min(parsed.nodes, budget.yaml_nodes);
    budget.yaml_text -= std::min(parsed.text, budget.yaml_text);
    if (parsed.over_budget) budget.exceeded = true;
    if (parsed.error) {
        auto& e = *parsed.error;
        if (e.mark.line < 0) // about the file as a whole
            ctx.error(e.code, SourceLocation{ctx.file(file).path, 1, 1}, e.message, e.hint);
        else
            ctx.error(e.code, file, e.mark, e.message, e.hint);
        return {};
    }
    return std::move(parsed.document);
}

yaml::Document parse_yaml(Context& ctx, std::uint32_t file, YamlParser parser) {
    if (ctx.budget().exceeded) return {}; // said already
    return take_parsed(ctx, file, parse_yaml_apart(ctx, file, parser));
}

} // namespace dealcheck::loader
