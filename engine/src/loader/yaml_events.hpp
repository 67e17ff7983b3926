// The YAML parsers that feed a Builder (loader/yaml_builder.hpp). Rule files are read
// with yaml-cpp. Histories are read with libyaml, the YAML reference parser's C
// library: a history is a log that grows to 100k events, and libyaml reads it about
// eight times faster (docs/performance.md). tests/loader/yaml_parsers_test.cpp holds
// the two to the same documents, node for node and mark for mark.
#pragma once

#include "loader/yaml_builder.hpp"
#include "model/deal.hpp"

#include <string>
#include <string_view>

namespace dealcheck::loader {

// What a parser says of text that is not YAML, and where.
struct YamlSyntaxError {
    yaml::Mark mark;
    std::string message;
};

// Whether text starts with a UTF-8 byte-order mark, which both parsers skip.
inline bool has_bom(std::string_view text) {
    return text.starts_with("\xEF\xBB\xBF");
}

// A byte offset of a file as a mark (0-based line and byte column).
yaml::Mark mark_at(const model::SourceFile& file, std::size_t offset);

// Each feeds `builder` the events of the file's YAML stream. They throw
// YamlSyntaxError on a syntax error, and pass on the Builder's Stop.
void yaml_cpp_events(const model::SourceFile& file, Builder& builder);
void libyaml_events(const model::SourceFile& file, Builder& builder);

} // namespace dealcheck::loader
