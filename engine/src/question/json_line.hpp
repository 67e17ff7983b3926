// One question of a JSON Lines batch, read strictly and without allocating:
//
//   {"party": "openai", "action": "acquire", "attributes": {"target": "windsurf",
//    "price": "3B USD"}, "date": "2025-06-01", "facts": {"agi_verified": false},
//    "consents": ["microsoft"], "readings": [...], "id": "q1"}
//   {"question": "OpenAI acquires Windsurf on 2025-06-01", "id": 2}
//
// The same fields as a question file (question_file.hpp), plus `id`, any JSON string
// or number, echoed in the answer line; but no `period`: a batch line asks about one
// day, and `period` is an error that says so. Strict JSON: one object, UTF-8, no duplicate
// or unknown keys, nothing after the object. Values of attributes and facts are
// strings, numbers, true/false, or lists of strings (a set: ["aws", "gcp"]); they are
// kept as text for the binder, as a question file's are.
#pragma once

#include "dealcheck/diagnostic_code.hpp"
#include "dealcheck/question.hpp"
#include "dealcheck/value.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::question {

struct JsonLine {
    struct Pair {
        std::string_view name, value;
    };
    enum Field : std::uint32_t {
        Id = 1,
        Phrase = 2,
        Party = 4,
        Action = 8,
        Attributes = 16,
        Date = 32,
        Facts = 64,
        Consents = 128,
        Readings = 256,
    };
    std::uint32_t fields = 0; // which keys the line has
    std::string_view id;      // the raw JSON text of `id`
    std::string_view phrase, party, action, date;
    dealcheck::Date date_value{}; // `date`, read
    std::vector<Pair> attributes, facts;
    std::vector<std::string_view> consents, readings;

    bool has(Field f) const { return (fields & f) != 0; }
    void clear() {
        fields = 0;
        id = phrase = party = action = date = {};
        date_value = {};
        attributes.clear();
        facts.clear();
        consents.clear();
        readings.clear();
    }
};

struct JsonLineError {
    DiagnosticCode code = DiagnosticCode::question_json; // not JSON, or not a question's
    std::size_t column = 0; // 1-based byte column; 0 when the problem has no position
    std::string message, hint;
};

// Limits that keep a hostile line from costing more than its length.
inline constexpr std::size_t max_json_items = 256; // entries of one object or list

// Reads one line (without its newline) into `out`, whose views point into `line` or
// into `scratch` (unescaped strings, joined lists); `scratch` is reused and must not
// change while `out` is used. Returns false and fills `error` on bad input.
bool read_json_line(std::string_view line, JsonLine& out, std::string& scratch,
                    JsonLineError& error);

// The Question a JSON line asks, for the full binder (the fast one reads the line).
Question to_question(const JsonLine& q);

} // namespace dealcheck::question
