#include "question/json_line.hpp"

#include "dealcheck/value.hpp"
#include "util/fuzzy_match.hpp"

#include <array>
#include <bit>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace dealcheck::question {

namespace {

constexpr std::array<std::string_view, 9> keys = {
    "id", "question", "party", "action", "attributes", "date", "facts", "consents", "readings"};
constexpr std::array<JsonLine::Field, 9> key_fields = {
    JsonLine::Id,   JsonLine::Phrase, JsonLine::Party,    JsonLine::Action,  JsonLine::Attributes,
    JsonLine::Date, JsonLine::Facts,  JsonLine::Consents, JsonLine::Readings};

// Bytes of a UTF-8 sequence starting at s[i] (>= 0x80), or 0 when it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
    };
    auto cont = [](unsigned c) { return c >= 0x80 && c <= 0xbf; };
    unsigned c = at(0);
    if (c >= 0xc2 && c <= 0xdf) return cont(at(1)) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
        return at(1) >= lo && at(1) <= hi && cont(at(2)) ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
        return at(1) >= lo && at(1) <= hi && cont(at(2)) && cont(at(3)) ? 4 : 0;
    }
    return 0;
}

// Bytes a string scan must stop at: `"`, `\\`, control characters, non-ASCII.
constexpr std::array<bool, 256> special_bytes = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[static_cast<std::size_t>(c)] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
    return t;
}();

// The first byte at or after `j` that a string scan must stop at, or `n`. Sixteen
// bytes at a time where SSE2 is there (every x86-64): most strings are plain ASCII.
std::size_t skip_plain(std::string_view s, std::size_t j) {
    const std::size_t n = s.size();
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    for (; j + 16 <= n; j += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + j));
        // Signed, bytes >= 0x80 are below 0x20 too: control characters and non-ASCII.
        __m128i stop =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_cmplt_epi8(v, space));
        if (auto mask = static_cast<unsigned>(_mm_movemask_epi8(stop)))
            return j + static_cast<std::size_t>(std::countr_zero(mask));
    }
#endif
    while (j < n && !special_bytes[static_cast<unsigned char>(s[j])])
        ++j;
    return j;
}

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

class Reader {
  public:
    Reader(std::string_view s, std::string& scratch, JsonLineError& error)
        : s_(s), scratch_(scratch), error_(error) {}

    bool line(JsonLine& out) {
        ws();
        if (i_ == s_.size())
            return fail(0, "empty line",
                        "each line is one JSON object: {\"party\": ..., \"action\": ...}");
        if (s_[i_] != '{') return fail(i_, "a question is a JSON object: expected `{`");
        ++i_;
        ws();
        if (peek() != '}')
            for (;;) {
                if (!member(out)) return false;
                ws();
                if (peek() == ',') {
                    ++i_;
                    ws();
                    continue;
                }
                if (peek() == '}') break;
                return fail(i_, "expected `,` or `}` after a value");
            }
        ++i_;
        ws();
        if (i_ != s_.size()) return fail(i_, "unexpected text after the question's closing `}`");
        return complete(out);
    }

  private:
    std::string_view s_;
    std::size_t i_ = 0;
    std::string& scratch_;
    JsonLineError& error_;

    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    void ws() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n'))
            ++i_;
    }
    bool fail(std::size_t at, std::string message, std::string hint = {}) {
        error_.column = at + 1;
        error_.message = std::move(message);
        error_.hint = std::move(hint);
        return false;
    }
    // A problem with the question as a whole: no column.
    bool fail_here(std::string message, std::string hint = {}) {
        fail(0, std::move(message), std::move(hint));
        error_.column = 0;
        return false;
    }
    // A problem other than the JSON's or the value's shape: with its own code.
    bool fail_as(DiagnosticCode code, std::size_t at, std::string message, std::string hint = {}) {
        error_.code = code;
        return at == no_column ? fail_here(std::move(message), std::move(hint))
                               : fail(at, std::move(message), std::move(hint));
    }
    static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

    // Appends to the scratch buffer without ever reallocating it (views into it stay
    // valid); the caller reserved it to twice the line's length.
    bool append(std::string_view text) {
        if (scratch_.size() + text.size() > scratch_.capacity())
            return fail_as(DiagnosticCode::question_too_large, i_,
                           "the line is too complex to read");
        scratch_.append(text);
        return true;
    }
    bool append_code_point(std::uint32_t cp) {
        char buf[4];
        std::size_t n;
        if (cp < 0x80) {
            buf[0] = static_cast<char>(cp);
            n = 1;
        } else if (cp < 0x800) {
            buf[0] = static_cast<char>(0xc0 | (cp >> 6));
            buf[1] = static_cast<char>(0x80 | (cp & 0x3f));
            n = 2;
        } else if (cp < 0x10000) {
            buf[0] = static_cast<char>(0xe0 | (cp >> 12));
            buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            buf[2] = static_cast<char>(0x80 | (cp & 0x3f));
            n = 3;
        } else {
            buf[0] = static_cast<char>(0xf0 | (cp >> 18));
            buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
            buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            buf[3] = static_cast<char>(0x80 | (cp & 0x3f));
            n = 4;
        }
        return append({buf, n});
    }

    // A string at s_[i_] == '"'. Without escapes its view is into the line; with them,
    // or when `copy` is set, it is decoded onto the end of the scratch buffer.
    bool string(std::string_view& out, bool copy = false) {
        std::size_t start = i_ + 1, j = start;
        bool escaped = false;
        const std::size_t n = s_.size();
        while (j < n) {
            j = skip_plain(s_, j);
            if (j >= n || s_[j] == '"') break;
            auto c = static_cast<unsigned char>(s_[j]);
            if (c == '\\') {
                escaped = true;
                j += 2;
            } else if (c < 0x20) {
                return fail(j, "a control character inside a string",
                            "write it escaped, as in \\n or \\u0001");
            } else { // >= 0x80
                std::size_t len = utf8_length(s_, j);
                if (len == 0) return fail(j, "invalid UTF-8 in a string");
                j += len;
            }
        }
        if (j >= s_.size()) return fail(i_, "a string without its closing `\"`");
        if (!escaped && !copy) {
            out = s_.substr(start, j - start);
            i_ = j + 1;
            return true;
        }
        std::size_t from = scratch_.size();
        std::size_t k = start, run = start;
        while (k < j) {
            if (s_[k] != '\\') {
                ++k;
                continue;
            }
            if (!append(s_.substr(run, k - run))) return false;
            char e = s_[k + 1];
            std::size_t at = k;
            k += 2;
            switch (e) {
            case '"':
                if (!append("\"")) return false;
                break;
            case '\\':
                if (!append("\\")) return false;
                break;
            case '/':
                if (!append("/")) return false;
                break;
            case 'b':
                if (!append("\b")) return false;
                break;
            case 'f':
                if (!append("\f")) return false;
                break;
            case 'n':
                if (!append("\n")) return false;
                break;
            case 'r':
                if (!append("\r")) return false;
                break;
            case 't':
                if (!append("\t")) return false;
                break;
            case 'u': {
                auto unit = [&](std::size_t p, std::uint32_t& v) {
                    if (p + 4 > j) return false;
                    v = 0;
                    for (std::size_t q = p; q < p + 4; ++q) {
                        int h = hex(s_[q]);
                        if (h < 0) return false;
                        v = v * 16 + static_cast<std::uint32_t>(h);
                    }
                    return true;
                };
                std::uint32_t cp;
                if (!unit(k, cp)) return fail(at, "`\\u` takes four hex digits");
                k += 4;
                if (cp >= 0xdc00 && cp <= 0xdfff)
                    return fail(at, "a lone low surrogate in a `\\u` escape");
                if (cp >= 0xd800 && cp <= 0xdbff) {
                    std::uint32_t low;
                    if (k + 1 >= j || s_[k] != '\\' || s_[k + 1] != 'u' || !unit(k + 2, low) ||
                        low < 0xdc00 || low > 0xdfff)
                        return fail(at,
                                    "a high surrogate without its low surrogate in a `\\u` escape");
                    k += 6;
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                }
                if (!append_code_point(cp)) return false;
                break;
            }
            default:
                return fail(at, "unknown escape in a string",
                            "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }
            run = k;
        }
        if (!append(s_.substr(run, j - run))) return false;
        out = std::string_view(scratch_).substr(from);
        i_ = j + 1;
        return true;
    }

    bool number(std::string_view& out) {
        std::size_t start = i_, j = i_;
        auto digits = [&] {
            std::size_t d = j;
            while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9')
                ++j;
            return j > d;
        };
        if (j < s_.size() && s_[j] == '-') ++j;
        if (j < s_.size() && s_[j] == '0')
            ++j;
        else if (!digits())
            return fail(start, "expected a value");
        if (j < s_.size() && s_[j] == '.') {
            ++j;
            if (!digits()) return fail(j, "a number needs digits after `.`");
        }
        if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
            ++j;
            if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
            if (!digits()) return fail(j, "a number needs digits in its exponent");
        }
        out = s_.substr(start, j - start);
        i_ = j;
        return true;
    }

    bool literal(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) return fail(i_, "expected a value");
        i_ += word.size();
        return true;
    }

    // A list of strings: each is decoded onto the scratch buffer, joined by ", ".
    bool joined_list(std::string_view& out, const char* what) {
        ++i_; // [
        std::size_t from = scratch_.size(), items = 0;
        ws();
        if (peek() != ']')
            for (;;) {
                if (peek() != '"') return fail(i_, std::string(what) + " lists only strings");
                if (++items > max_json_items)
                    return fail(i_,
                                "more than " + std::to_string(max_json_items) + " items in a list");
                if (items > 1 && !append(", ")) return false;
                std::string_view ignored;
                if (!string(ignored, true)) return false;
                ws();
                if (peek() == ',') {
                    ++i_;
                    ws();
                    continue;
                }
                if (peek() == ']') break;
                return fail(i_, "expected `,` or `]` in a list");
            }
        ++i_;
        out = std::string_view(scratch_).substr(from);
        return true;
    }

    bool list(std::vector<std::string_view>& out, const char* what) {
        if (peek() == '"') {
            std::string_view v;
            if (!string(v)) return false;
            out.push_back(v);
            return true;
        }
        if (peek() != '[')
            return fail(i_, std::string(what) + " must be a string or a list of strings");
        ++i_;
        ws();
        if (peek() != ']')
            for (;;) {
                if (peek() != '"') return fail(i_, std::string(what) + " lists only strings");
                if (out.size() >= max_json_items)
                    return fail(i_,
                                "more than " + std::to_string(max_json_items) + " items in a list");
                std::string_view v;
                if (!string(v)) return false;
                out.push_back(v);
                ws();
                if (peek() == ',') {
                    ++i_;
                    ws();
                    continue;
                }
                if (peek() == ']') break;
                return fail(i_, "expected `,` or `]` in a list");
            }
        ++i_;
        return true;
    }

    // A value of an attribute or fact, as text.
    bool value(std::string_view& out) {
        switch (peek()) {
        case '"':
            return string(out);
        case 't':
            out = "true";
            return literal("true");
        case 'f':
            out = "false";
            return literal("false");
        case 'n':
            return fail(i_, "`null` is not a value",
                        "write \"unknown\" for a value that is not known");
        case '[':
            return joined_list(out, "a set value");
        case '{':
            return fail(i_, "a value cannot be an object",
                        "give text, a number, true/false or a list");
        default:
            return number(out);
        }
    }

    bool pairs(std::vector<JsonLine::Pair>& out, const char* what) {
        if (peek() != '{')
            return fail(i_, std::string(what) + " must be an object of names to values");
        ++i_;
        ws();
        if (peek() == '}') {
            ++i_;
            return true;
        }
        for (;;) {
            if (peek() != '"') return fail(i_, "expected a name in `\"`");
            std::size_t at = i_;
            JsonLine::Pair p;
            if (!string(p.name)) return false;
            for (const auto& q : out)
                if (q.name == p.name)
                    return fail(at, "duplicate key `" + std::string(p.name) + "` in " + what);
            if (out.size() >= max_json_items)
                return fail(at,
                            "more than " + std::to_string(max_json_items) + " entries in " + what);
            ws();
            if (peek() != ':') return fail(i_, "expected `:` after a name");
            ++i_;
            ws();
            if (!value(p.value)) return false;
            out.push_back(p);
            ws();
            if (peek() == ',') {
                ++i_;
                ws();
                continue;
            }
            if (peek() == '}') break;
            return fail(i_, "expected `,` or `}` after a value");
        }
        ++i_;
        return true;
    }

    bool text(std::string_view& out, const char* what) {
        if (peek() != '"') return fail(i_, std::string(what) + " must be a string");
        return string(out);
    }

    bool member(JsonLine& out) {
        if (peek() != '"') return fail(i_, "expected a key in `\"`");
        std::size_t at = i_;
        std::string_view key;
        if (!string(key)) return false;
        std::size_t k = 0;
        while (k < keys.size() && (keys[k].size() != key.size() || keys[k] != key))
            ++k;
        if (k == keys.size() && key == "period")
            return fail_as(DiagnosticCode::date_or_period, at,
                           "`batch` answers a question on one day, not over a period",
                           "give a `date`, or ask `dealcheck ask` about the period");
        if (k == keys.size()) {
            std::vector<std::string> allowed(keys.begin(), keys.end());
            auto hint = util::did_you_mean(key, allowed);
            return fail_as(DiagnosticCode::unknown_key, at,
                           "unknown key `" + std::string(key) + "` in a question",
                           hint.empty() ? "allowed keys: " + util::one_of(allowed) : hint);
        }
        if (out.has(key_fields[k]))
            return fail_as(DiagnosticCode::duplicate_key, at,
                           "duplicate key `" + std::string(key) + "` in a question");
        out.fields |= key_fields[k];
        ws();
        if (peek() != ':') return fail(i_, "expected `:` after a key");
        ++i_;
        ws();
        switch (key_fields[k]) {
        case JsonLine::Id: {
            std::size_t start = i_;
            std::string_view ignored;
            if (peek() == '"') {
                if (!string(ignored)) return false;
            } else if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
                if (!number(ignored)) return false;
            } else {
                return fail(i_, "`id` must be a string or a number");
            }
            out.id = s_.substr(start, i_ - start);
            return true;
        }
        case JsonLine::Phrase:
            return text(out.phrase, "`question`");
        case JsonLine::Party:
            return text(out.party, "`party`");
        case JsonLine::Action:
            return text(out.action, "`action`");
        case JsonLine::Date:
            return text(out.date, "`date`");
        case JsonLine::Attributes:
            return pairs(out.attributes, "`attributes`");
        case JsonLine::Facts:
            return pairs(out.facts, "`facts`");
        case JsonLine::Consents:
            return list(out.consents, "`consents`");
        case JsonLine::Readings:
            return list(out.readings, "`readings`");
        }
        return true;
    }

    bool complete(JsonLine& q) {
        if (q.has(JsonLine::Phrase)) {
            for (std::size_t k = 2; k < keys.size(); ++k)
                if (q.has(key_fields[k]))
                    return fail_here("`" + std::string(keys[k]) +
                                         "` cannot be used with `question`",
                                     "give the phrase alone, or the structured fields alone");
            return true;
        }
        if (!q.has(JsonLine::Party))
            return fail_as(DiagnosticCode::missing_key, no_column,
                           "missing required key `party` in a question");
        if (!q.has(JsonLine::Action))
            return fail_as(DiagnosticCode::missing_key, no_column,
                           "missing required key `action` in a question");
        if (!q.has(JsonLine::Date)) return true;
        if (auto d = parse_date(q.date)) {
            q.date_value = *d;
            return true;
        }
        bool shaped = q.date.size() == 10 && q.date[4] == '-' && q.date[7] == '-';
        std::string d(q.date);
        return shaped ? fail_as(DiagnosticCode::question_value, no_column,
                                "impossible date `" + d + "` in the date",
                                "check the month and the day: that day does not exist")
                      : fail_as(DiagnosticCode::question_value, no_column,
                                "the date must be a date YYYY-MM-DD, not `" + d + "`");
    }
};

} // namespace

bool read_json_line(std::string_view line, JsonLine& out, std::string& scratch,
                    JsonLineError& error) {
    out.clear();
    scratch.clear();
    if (scratch.capacity() < 2 * line.size() + 16) scratch.reserve(2 * line.size() + 16);
    error = {};
    return Reader(line, scratch, error).line(out);
}

Question to_question(const JsonLine& q) {
    Question out;
    out.party = q.party;
    out.action = q.action;
    for (const auto& [k, v] : q.attributes)
        out.attributes.emplace(std::string(k), std::string(v));
    for (const auto& [k, v] : q.facts)
        out.facts.emplace(std::string(k), std::string(v));
    for (auto c : q.consents)
        out.consents.emplace_back(c);
    for (auto r : q.readings)
        out.readings.emplace_back(r);
    if (q.has(JsonLine::Date)) out.date = parse_date(q.date);
    return out;
}

} // namespace dealcheck::question
