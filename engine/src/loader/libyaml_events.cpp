#include "loader/yaml_events.hpp"

#include <new>
#include <unordered_map>
#include <yaml.h>

namespace dealcheck::loader {

namespace {

// libyaml counts marks in characters; the loaders' marks are bytes (as yaml-cpp's).
// Start marks come in order, so a cursor walks to each from the one before; a mark
// behind it (an error's context) is walked to afresh from the start.
class Marks {
  public:
    // libyaml counts from after a byte-order mark, and a column does not count it.
    explicit Marks(const model::SourceFile& file)
        : file_(file), bytes_(has_bom(file.text) ? 3 : 0), line_start_(bytes_) {}

    yaml::Mark at(std::size_t char_index) {
        if (char_index < chars_) return Marks(file_).at(char_index);
        const auto& text = file_.text;
        while (chars_ < char_index && bytes_ < text.size()) {
            if (text[bytes_] == '\n') line_start_ = bytes_ + 1, ++line_;
            ++bytes_;
            while (bytes_ < text.size() && continuation(text[bytes_]))
                ++bytes_;
            ++chars_;
        }
        return {static_cast<int>(bytes_), static_cast<int>(line_),
                static_cast<int>(bytes_ - line_start_)};
    }

  private:
    const model::SourceFile& file_;
    std::size_t chars_ = 0, bytes_, line_ = 0, line_start_;

    static bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
};

// yaml-cpp's null: a plain scalar `~`, `null`, `Null`, `NULL` or nothing at all.
bool is_null(std::string_view plain) {
    return plain.empty() || plain == "~" || plain == "null" || plain == "Null" || plain == "NULL";
}

std::string_view text_of(const yaml_char_t* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

struct ParserHandle {
    yaml_parser_t parser;
    ParserHandle() {
        if (!yaml_parser_initialize(&parser)) throw std::bad_alloc();
    }
    ~ParserHandle() { yaml_parser_delete(&parser); }
    ParserHandle(const ParserHandle&) = delete;
    ParserHandle& operator=(const ParserHandle&) = delete;
};

struct EventHandle {
    yaml_event_t event;
    ~EventHandle() { yaml_event_delete(&event); }
};

} // namespace

void libyaml_events(const model::SourceFile& file, Builder& builder) {
    ParserHandle handle;
    auto& parser = handle.parser;
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(file.text.data()),
                                 file.text.size());
    Marks marks(file);
    auto mark = [&](const yaml_mark_t& m) { return marks.at(m.index); };
    std::unordered_map<std::string, Builder::Anchor> anchors;
    Builder::Anchor defined = 0;
    auto anchor = [&](const yaml_char_t* name) -> Builder::Anchor {
        if (!name) return 0;
        return anchors[std::string(text_of(name))] = ++defined;
    };
    for (;;) {
        EventHandle e;
        if (!yaml_parser_parse(&parser, &e.event)) {
            if (parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
            auto where = parser.error == YAML_READER_ERROR ? mark_at(file, parser.problem_offset)
                                                           : mark(parser.problem_mark);
            std::string message = parser.problem ? parser.problem : "cannot parse";
            // At the end of the file, the problem is best shown where what is left open
            // starts (a quoted string, a flow list).
            auto at_end = [&](const yaml::Mark& m) {
                return static_cast<std::size_t>(m.pos) >= file.text.size();
            };
            auto context = parser.context ? mark(parser.context_mark) : where;
            if (parser.context && parser.error != YAML_READER_ERROR && at_end(where) &&
                !at_end(context)) {
                where = context;
                message = std::string(parser.context) + " that starts here: " + message;
            } else if (parser.context) {
                message += std::string(" (") + parser.context + ")";
            }
            throw YamlSyntaxError{where, message};
        }
        const auto& ev = e.event;
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            builder.document_start(mark(ev.start_mark));
            break;
        case YAML_ALIAS_EVENT: {
            auto it = anchors.find(std::string(text_of(ev.data.alias.anchor)));
            if (it == anchors.end())
                throw YamlSyntaxError{mark(ev.start_mark),
                                      "the alias `*" + std::string(text_of(ev.data.alias.anchor)) +
                                          "` names no anchor defined before it"};
            builder.alias(mark(ev.start_mark), it->second);
            break;
        }
        case YAML_SCALAR_EVENT: {
            const auto& s = ev.data.scalar;
            std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
            bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
            if (plain && !s.tag && is_null(value))
                builder.null(mark(ev.start_mark), anchor(s.anchor));
            else
                builder.scalar(mark(ev.start_mark),
                               s.tag   ? text_of(s.tag)
                               : plain ? "?"
                                       : "!",
                               anchor(s.anchor), value);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
            builder.open(mark(ev.start_mark),
                         ev.data.sequence_start.tag ? text_of(ev.data.sequence_start.tag) : "?",
                         anchor(ev.data.sequence_start.anchor), yaml::Kind::List);
            break;
        case YAML_MAPPING_START_EVENT:
            builder.open(mark(ev.start_mark),
                         ev.data.mapping_start.tag ? text_of(ev.data.mapping_start.tag) : "?",
                         anchor(ev.data.mapping_start.anchor), yaml::Kind::Map);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            builder.close();
            break;
        case YAML_STREAM_END_EVENT:
            return;
        default: // stream start, document end
            break;
        }
    }
}

} // namespace dealcheck::loader
