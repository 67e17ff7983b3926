// Fuzz target: the expression parser (syntax::parse_expression). Any input must give
// a tree or a located syntax error, never a crash; a tree must be well formed.
#include "syntax/grammar.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dealcheck::syntax;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = parse_expression(text);
    if (auto* error = std::get_if<SyntaxError>(&parsed)) {
        if (error->offset > text.size() || error->message.empty()) std::abort();
        return 0;
    }
    const auto& tree = std::get<ExprTree>(parsed);
    if (tree.nodes.empty() || tree.root >= tree.nodes.size()) std::abort();
    for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
        const auto& n = tree.nodes[i];
        if (std::size_t(n.offset) + n.length > text.size()) std::abort();
        for (auto c : n.children)
            if (c >= i) std::abort(); // children are built before their parent
    }
    return 0;
}
