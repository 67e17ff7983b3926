// Type-checks one expression against the vocabulary and lowers it to a Program.
// Errors point at the exact column of the offending sub-expression in its YAML file.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "model/deal.hpp"
#include "program/program.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dealcheck::checker {

// What names an expression may use.
struct Scope {
    // The clause's action kinds: attributes must exist in each. Empty: any attribute of
    // the vocabulary (a definition checked on its own).
    std::vector<std::uint32_t> actions;
    bool attributes = true;
    bool facts = true;
    bool today = true;             // `date`: the question's date
    std::optional<Date> effective; // `effective`: the agreement's effective date
    bool aggregates = true;        // `sum(...)` and `count(...)`: in conditions only
    std::string context;           // "the condition of clause `x`", for messages
    std::string restriction;       // why facts cannot be used here, for the hint
};

// Where byte `offset` of an expression lies in its file.
SourceLocation locate(const model::Deal& deal, const model::ExprSource& src, std::uint32_t offset);

class ExprChecker {
  public:
    // Parses every definition of the deal once, reporting syntax errors in them.
    ExprChecker(const model::Deal& deal, Diagnostics& diags);

    // Parses and checks `src`, expecting `expected` (Bool for conditions). Returns the
    // program, or nullopt after reporting errors.
    std::optional<compiler::Program> check(const model::ExprSource& src, const Scope& scope,
                                           model::TypeKind expected);
    std::optional<compiler::Program> check_tree(const model::ExprSource& src,
                                                const syntax::ExprTree& tree, const Scope& scope,
                                                model::TypeKind expected);

    // String literals seen, interned: a string value is its index here.
    const std::vector<std::string>& strings() const { return strings_; }

  private:
    struct State;
    const model::Deal& deal_;
    Diagnostics& diags_;
    std::vector<syntax::ExprTree> definition_trees_;
    std::vector<bool> definition_ok_;
    std::vector<std::string> strings_;
    std::unordered_map<std::string, std::uint32_t> string_index_; // into strings_
    // Name look-ups, built once: a vocabulary may declare thousands of names.
    struct Names {
        std::unordered_map<std::string, std::uint32_t> attributes, facts, definitions, parties,
            enums;
        std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::uint32_t>>>
            enum_values;
        std::vector<std::string> all; // every name, for "did you mean"
    };
    Names names_;
    friend struct State;
};

} // namespace dealcheck::checker
