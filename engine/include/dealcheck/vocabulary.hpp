// What questions about a deal can say, as plain data: its parties and other actors, its
// actions with their verbs, nouns and attributes (marker words, flag phrases, units, enum
// values and aliases), its
// facts and readings, and example questions made from them, each one checked to parse
// and to be answered. `dealcheck vocab` prints it (render_vocabulary_text/json).
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/value.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

// An enum value as questions may name it: its id, its label, or any alias.
struct VocabularyValue {
    std::string id;
    std::string label; // may be empty; for a reading's value, what that reading says
    std::vector<std::string> aliases;
};

struct VocabularyAttribute {
    std::string id;
    std::string type; // "company", "money", "money<USD>", "bool", "set<cloud>", ...
    std::string description;
    std::vector<std::string> words;           // marker words before the value: "for" 3B USD
    std::vector<std::string> phrases;         // bool: the phrases that set it true
    std::vector<std::string> units;           // number: unit words after the value: "FLOP"
    std::optional<std::string> default_value; // used when a question leaves it out
    std::vector<VocabularyValue> values;      // an enum or a set: the values, in order
};

struct VocabularyAction {
    std::string id;
    std::string description;
    std::vector<std::string> verbs;
    std::vector<std::string> nouns; // object nouns a question may add: "trains a model"
    std::vector<VocabularyAttribute> attributes;
    // "permitted" or "forbidden" when the action has its own default; else the deal's.
    std::optional<std::string> default_verdict;
    bool covered = false;
};

struct VocabularyParty {
    std::string id, name;
    std::vector<std::string> aliases;
};

// A `known` record of a fact: its value from one day through another (either open).
struct VocabularyKnown {
    std::string value;
    std::optional<Date> from, through;
};

struct VocabularyFact {
    std::string id;
    std::string type;
    std::string description;
    std::vector<VocabularyValue> values; // an enum fact: its values
    std::vector<VocabularyKnown> known;
};

struct VocabularyReading {
    std::string id;
    std::string description;
    std::vector<VocabularyValue> values; // label: what the reading says
    std::string default_value;
};

// A question written in the deal's words; the engine parsed and answered it.
struct VocabularyExample {
    std::string phrase;
    std::string action; // the action kind it asks about
    VerdictKind verdict = VerdictKind::NotCovered;
};

struct Vocabulary {
    std::string id, title;
    std::string default_verdict; // the deal's: "permitted" or "forbidden"
    std::vector<VocabularyParty> parties;
    // Who may act besides the parties (the vocabulary's `actors`: a buyer in a
    // change-of-control clause); a question names one as it names a party.
    std::vector<VocabularyParty> actors;
    std::vector<VocabularyAction> actions;
    std::vector<VocabularyFact> facts; // readings are listed apart
    std::vector<VocabularyReading> readings;
    std::vector<VocabularyExample> examples;
};

} // namespace dealcheck
