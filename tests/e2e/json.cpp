#include "json.hpp"

#include <cstdlib>
#include <stdexcept>

namespace dealcheck::e2e {

struct Json::Parser {
    std::string_view text;
    std::size_t pos = 0;
    int depth = 0;

    [[noreturn]] void fail(const std::string& what) const {
        throw std::invalid_argument("JSON: " + what + " at offset " + std::to_string(pos));
    }
    void skip_spaces() {
        while (pos < text.size() &&
               (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t'))
            ++pos;
    }
    bool eat(char c) {
        skip_spaces();
        if (pos < text.size() && text[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail(std::string("expected `") + c + "`");
    }
    bool word(std::string_view w) {
        if (text.substr(pos, w.size()) != w) return false;
        pos += w.size();
        return true;
    }

    std::string string_body() {
        expect('"');
        std::string out;
        while (pos < text.size() && text[pos] != '"') {
            char c = text[pos++];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos >= text.size()) fail("unterminated escape");
            char e = text[pos++];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case 'r':
                out += '\r';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                if (pos + 4 > text.size()) fail("short \\u escape");
                unsigned code = static_cast<unsigned>(
                    std::strtoul(std::string(text.substr(pos, 4)).c_str(), nullptr, 16));
                pos += 4;
                // Enough for tests: the basic multilingual plane as UTF-8.
                if (code < 0x80) {
                    out += static_cast<char>(code);
                } else if (code < 0x800) {
                    out += static_cast<char>(0xc0 | (code >> 6));
                    out += static_cast<char>(0x80 | (code & 0x3f));
                } else {
                    out += static_cast<char>(0xe0 | (code >> 12));
                    out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
                    out += static_cast<char>(0x80 | (code & 0x3f));
                }
                break;
            }
            default:
                out += e; // \" \\ \/
            }
        }
        if (pos >= text.size()) fail("unterminated string");
        ++pos;
        return out;
    }

    Json value() {
        if (++depth > 200) fail("nesting too deep");
        skip_spaces();
        if (pos >= text.size()) fail("expected a value");
        Json j;
        char c = text[pos];
        if (c == '{') {
            j.kind_ = Kind::Object;
            ++pos;
            if (!eat('}')) {
                do {
                    skip_spaces();
                    std::string key = string_body();
                    expect(':');
                    j.object_[key] = value();
                } while (eat(','));
                expect('}');
            }
        } else if (c == '[') {
            j.kind_ = Kind::Array;
            ++pos;
            if (!eat(']')) {
                do
                    j.array_.push_back(value());
                while (eat(','));
                expect(']');
            }
        } else if (c == '"') {
            j.kind_ = Kind::String;
            j.string_ = string_body();
        } else if (word("true")) {
            j.kind_ = Kind::Bool;
            j.bool_ = true;
        } else if (word("false")) {
            j.kind_ = Kind::Bool;
        } else if (word("null")) {
            j.kind_ = Kind::Null;
        } else {
            std::string digits(text.substr(pos, 64));
            char* end = nullptr;
            j.number_ = std::strtod(digits.c_str(), &end);
            if (end == digits.c_str()) fail("expected a value");
            pos += static_cast<std::size_t>(end - digits.c_str());
            j.kind_ = Kind::Number;
        }
        --depth;
        return j;
    }
};

Json Json::parse(std::string_view text) {
    Parser p{text};
    Json j = p.value();
    p.skip_spaces();
    if (p.pos != text.size()) p.fail("text after the value");
    return j;
}

bool Json::boolean() const {
    if (kind_ != Kind::Bool) throw std::invalid_argument("JSON: not a bool");
    return bool_;
}

double Json::number() const {
    if (kind_ != Kind::Number) throw std::invalid_argument("JSON: not a number");
    return number_;
}

const std::string& Json::string() const {
    if (kind_ != Kind::String) throw std::invalid_argument("JSON: not a string");
    return string_;
}

std::size_t Json::size() const {
    if (kind_ == Kind::Array) return array_.size();
    if (kind_ == Kind::Object) return object_.size();
    throw std::invalid_argument("JSON: not an array or object");
}

const Json& Json::operator[](std::size_t index) const {
    return items().at(index);
}

const Json& Json::operator[](const std::string& key) const {
    if (kind_ != Kind::Object) throw std::invalid_argument("JSON: not an object");
    auto it = object_.find(key);
    if (it == object_.end()) throw std::out_of_range("JSON: no member `" + key + "`");
    return it->second;
}

bool Json::has(const std::string& key) const {
    return kind_ == Kind::Object && object_.count(key) != 0;
}

const std::vector<Json>& Json::items() const {
    if (kind_ != Kind::Array) throw std::invalid_argument("JSON: not an array");
    return array_;
}

std::vector<std::string> strings(const Json& array) {
    std::vector<std::string> out;
    for (const auto& item : array.items())
        out.push_back(item.string());
    return out;
}

std::vector<std::string> strings(const Json& array, const std::string& member) {
    std::vector<std::string> out;
    for (const auto& item : array.items())
        out.push_back(item[member].string());
    return out;
}

} // namespace dealcheck::e2e
