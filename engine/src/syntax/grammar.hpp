// The two grammars of dealcheck, both implemented with Boost.Spirit X3 in
// grammar.cpp (one translation unit: X3 is slow to compile). Spirit stays out of
// every header.
#pragma once

#include "syntax/expr_tree.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace dealcheck::syntax {

// Limits that keep hostile input from exhausting the stack or memory.
inline constexpr std::size_t max_expression_length = 4096; // bytes
inline constexpr int max_nesting_depth = 64;               // ( [ and call nesting

struct SyntaxError {
    std::uint32_t offset = 0; // byte offset in the parsed text where the problem is
    std::uint32_t length = 1;
    std::string message; // e.g. "expected an expression", "impossible date 2030-02-30"
    std::string hint;    // optional
};

// ---- Expressions -------------------------------------------------------------
//
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := sum (("==" | "!=" | "<=" | ">=" | "<" | ">" | "not" "in" | "in") sum)?
//   sum     := primary (("+" | "-") primary)*
//   primary := "(" expr ")" | list | call | literal | name
//   list    := "[" (expr ("," expr)*)? "]"
//   call    := ("min" | "max") "(" expr ("," expr)* ")"
//   literal := date | money | duration | number | string | "true" | "false"
//   date    := YYYY-MM-DD            (validated: 2030-02-30 is an error at its offset)
//   money   := number [K|M|B|T] CUR  ("3B USD", "1.5M EUR", "250000 USD"; CUR = 3 capitals)
//   duration:= integer ("y" | "mo" | "w" | "d")   ("7y", "18mo", "2w", "30d")
//   number  := digits ["." digits]   (no nan/inf, no exponent)
//   name    := ident ("." ident)*,  ident := [A-Za-z_][A-Za-z0-9_]*, not a keyword
//
// Keywords: and or not in true false min max. Whitespace: space, tab, CR, LF.
// Binary operators are left-associative. Longer than max_expression_length, or
// nested deeper than max_nesting_depth, gives a SyntaxError (never a stack overflow).
std::variant<ExprTree, SyntaxError> parse_expression(std::string_view text);

// ---- Question phrases --------------------------------------------------------
//
// A phrase is a sequence of items; words come from a lexicon built from the deal's
// vocabulary (party names and aliases, action verbs, enum value aliases, attribute
// marker words, flag phrases). Matching is ASCII case-insensitive, longest entry
// first, and an entry must end at a word boundary.
//
//   phrase  := item* eoi
//   item    := "on" date | "as of" date             -> ItemKind::AsOf
//            | "given" assign ("," assign)*          -> one ItemKind::Given per assign
//            | "with consent of" word                -> ItemKind::Consent (word = a Party entry)
//            | "with" word "'s consent"              -> ItemKind::Consent
//            | money | date | duration | number     -> ItemKind::Literal
//            | "\"" chars "\""                       -> ItemKind::Literal (string)
//            | lexicon entry                         -> ItemKind::Word
//   assign  := ident "=" ("true" | "false" | "unknown" | literal | ident)
//
// Punctuation "," and "." between items and parenthesised asides are not allowed
// except where shown. An unrecognised word is a PhraseError whose `expected` lists
// what could come there and whose `word` is the offending word (for "did you mean").

struct LexiconEntry {
    std::string phrase;     // lower-case, single spaces: "stateless api"
    std::uint32_t kind = 0; // opaque to the grammar, returned in PhraseItem
    std::uint32_t id = 0;   // opaque to the grammar
};

enum class ItemKind : std::uint8_t { Word, Literal, AsOf, Given, Consent };

struct PhraseItem {
    ItemKind kind = ItemKind::Word;
    std::uint32_t offset = 0, length = 0;
    const LexiconEntry* entry = nullptr; // Word, Consent
    Literal literal;                     // Literal, AsOf (a Date literal), Given value
    std::string name;                    // Given: the fact name
    enum class GivenValue : std::uint8_t { Literal, Unknown, Ident } given = GivenValue::Literal;
    std::string ident; // Given with an identifier value (enum value)
};

struct PhraseError {
    std::uint32_t offset = 0, length = 1;
    std::string message;
    std::string word; // the unrecognised word, if any
    std::string hint; // a literal's own hint ("numbers are exact up to ...")
};

class Lexicon {
  public:
    explicit Lexicon(std::vector<LexiconEntry> entries);
    ~Lexicon();
    Lexicon(const Lexicon&) = delete;
    Lexicon& operator=(const Lexicon&) = delete;
    const std::vector<LexiconEntry>& entries() const { return entries_; }
    std::variant<std::vector<PhraseItem>, PhraseError> parse(std::string_view phrase) const;

  private:
    std::vector<LexiconEntry> entries_;
    struct Impl;
    std::unique_ptr<Impl> impl_; // X3 symbol table, built once
};

} // namespace dealcheck::syntax
