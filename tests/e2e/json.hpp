// A small JSON reader for checking dealcheck's --json output in tests.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::e2e {

class Json {
  public:
    enum class Kind { Null, Bool, Number, String, Array, Object };

    // Parses one JSON value (surrounding whitespace allowed); throws
    // std::invalid_argument with the offset on malformed input.
    static Json parse(std::string_view text);

    Kind kind() const { return kind_; }
    bool is_null() const { return kind_ == Kind::Null; }
    bool boolean() const;
    double number() const;
    const std::string& string() const;
    std::size_t size() const; // of an array or object
    // Array element / object member; throws std::out_of_range when absent.
    const Json& operator[](std::size_t index) const;
    const Json& operator[](const std::string& key) const;
    bool has(const std::string& key) const;
    const std::vector<Json>& items() const;

  private:
    struct Parser;
    Kind kind_ = Kind::Null;
    bool bool_ = false;
    double number_ = 0;
    std::string string_;
    std::vector<Json> array_;
    std::map<std::string, Json> object_;
};

// The strings of an array of strings, or of one member of each object of an array
// (`deciding` -> "id": the ids of the deciding clauses).
std::vector<std::string> strings(const Json& array);
std::vector<std::string> strings(const Json& array, const std::string& member);

} // namespace dealcheck::e2e
