// Types of the rule language, as declared in the vocabulary.
#pragma once

#include "dealcheck/value.hpp"

#include <cstdint>
#include <string>

namespace dealcheck::model {

enum class TypeKind : std::uint8_t {
    Bool,
    Number,
    Money,
    Date,
    Duration,
    String,
    Party,
    Enum,
    Set,
    List, // only for list literals on the right of `in`
    Error // a sub-expression that already failed to type-check
};

struct Type {
    TypeKind kind = TypeKind::Error;
    std::uint32_t enum_index = 0;       // Enum, Set, and the element of a List of enums
    Currency currency = 0;              // Money (0: any currency)
    TypeKind element = TypeKind::Error; // List

    friend bool operator==(const Type&, const Type&) = default;
    bool is_error() const { return kind == TypeKind::Error; }
};

} // namespace dealcheck::model
