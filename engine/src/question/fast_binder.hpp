// Binding a JSON Lines question straight to a BoundQuestion, without building the
// Question value: hash tables of the vocabulary's names, values parsed in place, the
// BoundQuestion's vectors reused. It accepts only what binder.cpp's bind() accepts,
// with the same values; whatever it does not handle itself (an error, a reading, a
// value form it does not parse) it declines, and the caller binds the slow way, which
// also words the errors.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "evaluator/authorizer.hpp"
#include "question/json_line.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::question {

// Open-addressing map from names to indexes; lookups allocate nothing.
class NameTable {
  public:
    // The first value added for a key wins (as the binder's linear searches do).
    void add(std::string_view key, std::uint32_t value);
    std::optional<std::uint32_t> find(std::string_view key) const;

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t offset = 0, length = 0, value = 0;
        bool used = false;
    };
    std::vector<Slot> slots_;
    std::string keys_;
    std::size_t count_ = 0;
    void grow();
};

class FastBinder {
  public:
    explicit FastBinder(const CompiledDeal& deal);

    // Fills `out`, reusing its vectors. False: not bound here (bind the slow way).
    bool bind(const JsonLine& q, Date today, evaluator::BoundQuestion& out) const;

  private:
    // An action's attribute, kept beside the others (the model's are far apart).
    struct Attribute {
        std::string id;
        std::uint32_t global;
        model::Type type;
        bool has_default;
        Value default_value;
    };
    const CompiledDeal& deal_;
    NameTable parties_;            // lower-case ids, names, aliases
    NameTable actions_;            // ids
    NameTable facts_;              // ids
    std::vector<NameTable> enums_; // lower-case ids, labels, aliases of each enum's values
    std::vector<std::vector<Attribute>> attributes_; // per action
    std::vector<model::Type> fact_types_;

    std::optional<std::uint32_t> party(std::string_view text) const;
    bool value(const model::Type& type, std::string_view text, Value& out) const;
};

// Lower-cases ASCII letters of `text` (spaces and tabs around it trimmed) into `buf`;
// false when it does not fit.
bool fold(std::string_view text, char* buf, std::size_t size, std::string_view& out);

} // namespace dealcheck::question
