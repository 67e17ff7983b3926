// A small streaming JSON writer: enough for answers and diagnostics, no dependency.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::util {

std::string json_escape(std::string_view s);

class JsonWriter {
  public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(long long n);
    JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
    JsonWriter& null();
    // A number with `decimals` digits after the point (durations, percentages).
    JsonWriter& fixed(double n, int decimals);
    // A value already in JSON (e.g. a rendered answer), written as it is.
    JsonWriter& raw(std::string_view json);
    const std::string& str() const { return out_; }

  private:
    void separate();
    std::string out_;
    std::vector<bool> first_; // per open container: no element written yet
    bool after_key_ = false;
};

} // namespace dealcheck::util
