// The two grammars of dealcheck, both implemented with Boost.Spirit X3 in
// grammar.cpp (one translation unit: X3 is slow to compile). Spirit stays out of
// every header.
#pragma once

#include "dealcheck/diagnostic_code.hpp"
#include "syntax/expr_tree.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
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
    // What kind of problem: a syntax error, a literal that cannot be, a limit.
    DiagnosticCode code = DiagnosticCode::expression_syntax;
};

// ---- Expressions -------------------------------------------------------------
//
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := sum (("==" | "!=" | "<=" | ">=" | "<" | ">" | "not" "in" | "in") sum)?
//   sum     := product (("+" | "-") product)*
//   product := primary (("*" | "/") primary)*
//   primary := "(" expr ")" | list | aggregate | call | literal | name
//   list    := "[" (expr ("," expr)*)? "]"
//   call    := ("min" | "max") "(" expr ("," expr)* ")"
//   aggregate := ("sum" | "count") "(" name ["by" name] ["where" expr] ["," window] ")"
//   window  := ("during" | "within" | "since") sum   ("during term", "within 1y", "since
//   2026-04-27") literal := date | money | duration | percent | number | string | "true" | "false"
//   percent := digits ["." digits] "%"   (a number: 2% is 0.02)
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
// vocabulary (party names and aliases, action verbs and their forms, enum value
// aliases, marker words, flag phrases, units, nouns, and the question's frame words).
// Matching is ASCII case-insensitive, longest entry first, and an entry must end at
// a word boundary. What the items mean together is the phrase reader's business
// (question/phrase.cpp); docs/questions.md gives the whole grammar.
//
//   phrase  := item* ("?" | "." | "!")* eoi
//   item    := when                                  -> ItemKind::When
//            | "given" assign ("," assign)*          -> one ItemKind::Given per assign
//            | "with" ["the"] "consent of" word      -> ItemKind::Consent (word = a party)
//            | "with" word ("'s" | "s'") "consent"   -> ItemKind::Consent
//            | money | date | percent | duration | number | string -> ItemKind::Literal
//            | lexicon entry                         -> ItemKind::Word
//            | ","                                   (read as nothing)
//   when    := ("on" | "in" | "at" | "during" | "as of") time
//            | "between" time "and" time | "from" time ("to" | "until" | "through") time
//            | "today" | "now" | month-name date | month
//   time    := date | month-name date | month | year | "today" | "now"
//   month-name date := Month day [st|nd|rd|th] [","] year | day [st|nd|rd|th] ["of"] Month [","]
//   year
//            | ("mid" | "mid-") Month year (the 15th)
//   month   := YYYY-MM | Month [","] year   (a period: every day of the month)
//   year    := YYYY                          (a period after a preposition; bare, a number)
//   money   := ("$" | "US$" | "€" | "£") amount [scale] [currency word]
//            | CUR amount [scale] | amount [scale] (CUR | currency word)
//              (CUR before an amount: a common code, any case; after it, also any 3 capitals)
//   amount  := digits with "," thousands | decimal [exponent];  scale := K M B T k m bn mn tn
//              attached, or " thousand" " million" " billion" " trillion"
//   percent := number "%"                    (a number with unit "%")
//   assign  := ident "=" ("true" | "false" | "unknown" | literal | ident)
//
// Em and en dashes read as "-". An unrecognised word is a PhraseError whose `word` is
// the offending word (for "did you mean"); the items before it come with it, so the
// reader can say what was expected at that place.

struct LexiconEntry {
    std::string phrase;     // lower-case, single spaces: "stateless api"
    std::uint32_t kind = 0; // opaque to the grammar, returned in PhraseItem
    std::uint32_t id = 0;   // opaque to the grammar
};

enum class ItemKind : std::uint8_t { Word, Literal, When, Given, Consent };

// A time in a phrase: one day, or a period (a month, a year, a range), or today.
struct When {
    enum class Kind : std::uint8_t { Day, Period, Today } kind = Kind::Day;
    bool introduced = false; // after a preposition ("on", "in", "between" ...)
    Date from, until;        // Day: from == until
};

struct PhraseItem {
    ItemKind kind = ItemKind::Word;
    std::uint32_t offset = 0, length = 0;
    const LexiconEntry* entry = nullptr; // Word, Consent: the first of its meanings
    Literal literal;                     // Literal, Given value
    When when;                           // When
    std::string unit;                    // Literal number: "%" written after it
    std::string name;                    // Given: the fact name
    enum class GivenValue : std::uint8_t { Literal, Unknown, Ident } given = GivenValue::Literal;
    std::string ident; // Given with an identifier value (enum value)
};

struct PhraseError {
    std::uint32_t offset = 0, length = 1;
    std::string message;
    std::string word; // the unrecognised word, if any
    std::string hint; // a literal's own hint ("numbers are exact up to ...")
    // A phrase that does not parse, an unknown word, or a literal that cannot be.
    DiagnosticCode code = DiagnosticCode::phrase_syntax;
};

struct PhraseParse {
    std::vector<PhraseItem> items;    // all of them, or those before the error
    std::optional<PhraseError> error; // none: the whole phrase was read
};

class Lexicon {
  public:
    explicit Lexicon(std::vector<LexiconEntry> entries);
    ~Lexicon();
    Lexicon(const Lexicon&) = delete;
    Lexicon& operator=(const Lexicon&) = delete;
    const std::vector<LexiconEntry>& entries() const { return entries_; }
    // Every meaning of an entry's phrase ("Helios" the actor and the cloud), the entry
    // first. Entries with the same phrase are adjacent.
    std::span<const LexiconEntry> meanings(const LexiconEntry* entry) const;
    PhraseParse parse(std::string_view phrase) const;

  private:
    std::vector<LexiconEntry> entries_;
    struct Impl;
    std::unique_ptr<Impl> impl_; // X3 symbol table, built once
};

} // namespace dealcheck::syntax
