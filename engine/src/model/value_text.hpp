// Reading and writing a value of a declared type as text: the form values take in
// questions (`--set price=3B USD`), question files and `known` fact values.
#pragma once

#include "model/deal.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace dealcheck::model {

struct ValueText {
    std::optional<Value> value; // none: an error, described below
    std::string error, hint;
};

// `strings` interns string values (index = symbol); unknown strings get a hashed id
// that equals no interned string.
ValueText parse_value(const model::Deal& deal, const model::Type& type, std::string_view text,
                      const std::vector<std::string>& strings);

// The canonical text of a value: enum and party ids, `3B USD`, `2030-12-31`, `7y`.
std::string format_value(const model::Deal& deal, const Value& v,
                         const std::vector<std::string>& strings);

// Finds a party by id, name or alias (ASCII case-insensitive).
std::optional<std::uint32_t> find_party(const model::Deal& deal, std::string_view text);

} // namespace dealcheck::model
