// The deal as written: the AST the loader builds from the YAML files. Names are
// resolved to indexes by the checker; the compiler turns it into an indexed,
// immutable form for evaluation.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "dealcheck/value.hpp"
#include "model/types.hpp"
#include "syntax/expr_tree.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::model {

inline constexpr std::uint32_t no_index = 0xffffffffu;

// The ids of named things (parties, actions, clauses, enum values...), in order: what
// a summary lists and what a "did you mean" hint chooses from.
template <class Named> std::vector<std::string> ids_of(const std::vector<Named>& items) {
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const auto& item : items)
        ids.push_back(item.id);
    return ids;
}

// A line and column (1-based) in a file that its holder records once: what a clause
// records for each of its keys, without repeating the file's path.
struct Position {
    int line = 0, column = 0;
};

// A place in one of Deal::files: a SourceLocation without its own copy of the path (a
// portfolio holds up to 100k clauses, each with several places). location() makes the
// SourceLocation where a diagnostic or an answer needs one.
struct Place {
    std::uint32_t file = no_index;
    Position at;
};

// Where an expression string sits in its YAML file, so that an error at byte k of
// the expression can be reported at the exact line and column.
struct ExprSource {
    std::string text;
    std::uint32_t file = no_index;
    Position where; // first character of the scalar's contents
    // Byte offset of the contents in the file; no_raw_offset for text that is not an
    // expression scalar of its own (an obligation's amount), whose columns count from `where`.
    std::size_t raw_offset = 0;
};
inline constexpr std::size_t no_raw_offset = static_cast<std::size_t>(-1);

struct Party {
    std::string id, name;
    std::vector<std::string> aliases;
    // Declared under the vocabulary's `actors`: acts under the deal's terms (a buyer in
    // a change-of-control clause) without being a party to it.
    bool actor = false;
    SourceLocation where;
};

struct EnumValue {
    std::string id;
    std::string label;
    std::vector<std::string> aliases;
    SourceLocation where;
};

struct Enum {
    std::string id;
    std::vector<EnumValue> values;
    SourceLocation where;
};

enum class Effect : std::uint8_t { Permit, Forbid, Consent, Oblige, Grant };
enum class DefaultVerdict : std::uint8_t { Permitted, Forbidden };

struct Attribute {
    std::string id;
    Type type;
    std::string description;
    std::vector<std::string> words;          // marker words before a value: "for" 3B USD
    std::vector<std::string> phrases;        // bool: phrases that set it true
    std::vector<std::string> units;          // number: unit words after a value ("FLOP", "%")
    std::optional<std::string> default_text; // used when a question omits it
    Value default_value;                     // typed by the checker
    SourceLocation default_where;
    std::uint32_t global = no_index; // index in Deal::attributes
    SourceLocation where;
};

struct ActionKind {
    std::string id;
    std::string description;
    std::vector<std::string> verbs;
    std::vector<std::string> nouns; // object nouns a question may add: "trains a model"
    std::vector<Attribute> attributes;
    std::optional<DefaultVerdict> default_verdict;
    // `covered: true`: every question of this kind must be decided by some clause;
    // `dealcheck analyze` reports the questions none decides (gaps).
    bool covered = false;
    SourceLocation where;
};

// One attribute name across all action kinds: a name has one type everywhere, so a
// question stores attribute values in one array whatever the action.
struct GlobalAttribute {
    std::string id;
    Type type;
    SourceLocation first_declared;
};

struct KnownValue {
    std::string text; // as written; typed by the checker into `value`
    Value value;
    Date from{}, through{};
    SourceLocation where;
    std::uint32_t event = no_index; // the history event it comes from, if any
};

struct Fact {
    std::string id;
    Type type;
    std::string description;
    // A reading: an enum fact naming how uncertain text is read. It defaults to the
    // deal's default reading; answers also say what the other readings give.
    bool is_reading = false;
    std::vector<KnownValue> known; // what the rule authors know, by date
    SourceLocation where;
};

struct Definition {
    std::string id;
    ExprSource source;
    syntax::ExprTree tree;
    SourceLocation where;
};

// A validity bound, written as a date, a date expression (`effective + 7y`), or the
// name of a bool fact (an event). `until` bounds are inclusive last days; an event
// ends the window as soon as its fact is true.
struct Bound {
    ExprSource source;
    enum class Kind : std::uint8_t { Date, Event } kind = Kind::Date; // set by the checker
    Date date{};
    std::uint32_t fact = no_index;
    // The agreement whose `effective` the bound means when a clause inherited it through
    // `amends` (no_index: the clause's own): a bound keeps the meaning it had where it
    // was written.
    std::uint32_t written_in = no_index;
};

struct Window {
    std::optional<Bound> from; // default: the agreement's effective date
    std::vector<Bound> until;  // the earliest of these; empty: open-ended
};

enum class Tag : std::uint8_t { Official, Reported, Unverified };

struct Consequence {
    std::string party_id;
    std::uint32_t party = no_index; // who gains the right or carries the duty
    std::string text;
    std::vector<Bound> until;
    Place where;
    Place party_where; // the `party:` value
};

// Names as written are kept beside the indexes the checker resolves them to, so that
// errors can quote them and `amends` can inherit what was not rewritten.
struct Clause {
    std::string id, title;
    std::string quote, cite;
    Tag tag = Tag::Official;
    std::uint32_t agreement = no_index;
    std::string party_id;           // the party whose action it governs; "any" for every party
    std::uint32_t party = no_index; // no_index = any
    std::vector<std::string> action_ids;
    std::vector<std::uint32_t> actions;
    std::optional<ExprSource> when;
    Window window;
    Effect effect = Effect::Permit;
    std::string consent_of_id;
    std::uint32_t consent_of = no_index;
    std::optional<Consequence> consequence;
    std::vector<std::string> exception_to_ids;
    std::vector<std::uint32_t> exception_to;
    std::vector<std::string> replaces_ids;
    std::string amends_id;
    // Keys written in the file (for `amends`): views of the loader's static key names,
    // not a copy of each per clause. The checker's alone: the compiled deal drops them.
    std::vector<std::string_view> keys;
    // Where each item of `actions`, `exception_to` and `replaces` is written, parallel
    // to the ids, so that an unknown name is reported at its own column. Places, not
    // positions in the clause's file: an amendment inherits them from the clause it amends.
    std::vector<Place> action_where, exception_to_where, replaces_where;
    // Computed by the checker: the first day the clause is in force, and the first day
    // a later agreement replaced, amended or terminated it.
    Date in_force_from{};
    std::optional<Date> superseded_from;
    std::uint32_t superseded_by = no_index; // agreement index
    Place where;                            // its `id`, in the file its keys are in
    std::vector<Position> key_where;        // parallel to `keys`
};

struct Agreement {
    std::string id, title;
    Date effective{};
    std::optional<Date> signed_on;
    std::string file;
    std::vector<std::string> terminates_ids;
    std::vector<SourceLocation> terminates_where;
    SourceLocation where;
};

// Something that happened under the deal, from a history file: an action a party
// took (a payment, an investment), or a fact that became true or false on a date (the
// panel verifies AGI). Read as text; the checker resolves and types it.
struct Event {
    Date date{};
    std::uint32_t file = no_index; // in Deal::files: the file every position below is in
    std::string party_text, action_text, fact_text; // ids as written
    std::uint32_t party = no_index, action = no_index, fact = no_index;
    struct AttributeText {
        std::string name, text;
        Position key_at, at; // the name's, the value's
    };
    std::vector<AttributeText> attribute_text;
    std::vector<std::pair<std::uint32_t, Value>> attributes; // global attribute, value
    std::string value_text;                                  // a fact event's value as written
    Value value;                                             // typed by the checker
    Tag tag = Tag::Official;
    std::string title, source;
    // Positions, not full locations: a history holds up to 100k events, and a location
    // would repeat the file's path for each.
    Position at, party_at, action_at, fact_at, value_at;
};

// Which days count as business days: not a weekend day, not a listed holiday.
// Declared by the deal manifest's `calendar`; by default Saturday and Sunday are the
// weekend and there are no holidays.
struct Calendar {
    std::array<bool, 7> weekend = {true, false, false, false, false, false, true}; // Sun..Sat
    std::vector<Date> holidays; // sorted once checked
    SourceLocation where;
};

// What starts an obligation instance: a date, each matching history event, or each
// violation or fulfilment of an instance of another obligation.
struct Trigger {
    enum class Kind : std::uint8_t { Date, Event, Violated, Fulfilled } kind = Kind::Date;
    std::string text;                // a date (or `effective`) for Kind::Date
    Date date{};                     // Kind::Date, set by the checker
    std::string party_id, action_id; // Kind::Event
    std::uint32_t party = no_index, action = no_index;
    std::string obligation_id; // Kind::Violated, Kind::Fulfilled
    std::uint32_t obligation = no_index;
    SourceLocation where, party_where, action_where, obligation_where;
};

// When an instance falls due: an anchor plus calendar time or business days, written
// `trigger + 30d`, `received_on + 10 business_days`, `2026-03-31` or `effective + 8w`.
struct Deadline {
    ExprSource source; // empty: the agreement states no deadline (an open-ended commitment)
    // Trigger: the date the instance was triggered. Attribute: a date attribute of the
    // triggering event. Fact: a date fact's value on the trigger date. Date: a constant.
    enum class Anchor : std::uint8_t { Trigger, Attribute, Fact, Date } anchor = Anchor::Trigger;
    Date date{};
    std::uint32_t index = no_index; // the global attribute or the fact
    Duration plus{};
    std::int32_t business_days = 0;
};

// An `obligations:` entry of an agreement: who owes what to whom, what triggers each
// instance, by when, and what fulfils it (events of `action` by `party`, whose
// `amount` attributes add up to `amount` when one is owed).
struct Obligation {
    std::string id, title, quote, cite;
    Tag tag = Tag::Official;
    std::uint32_t agreement = no_index;
    std::string party_id, creditor_id, action_id;
    std::uint32_t party = no_index, creditor = no_index, action = no_index;
    std::string amount_text;                   // empty: the action itself is owed
    Money amount{};                            // typed by the checker
    std::uint32_t amount_attribute = no_index; // global index of the action's `amount`
    Trigger trigger;
    Deadline deadline;
    // A later agreement that `terminates` it discharges what is pending on its
    // effective date, and nothing triggers it after (set by the checker).
    std::optional<Date> discharged_from;
    std::uint32_t discharged_by = no_index; // agreement index
    SourceLocation where, party_where, creditor_where, action_where, amount_where;
};

// A `powers:` entry: a right `party` gains when `opened_by` happens (an instance of an
// obligation is violated, another power is exercised) and exercises by an event of
// `action`: it suspends or resumes obligations (their deadlines pause), or terminates
// the deal (what remains pending is discharged).
struct Power {
    std::string id, title, quote, cite;
    Tag tag = Tag::Official;
    std::uint32_t agreement = no_index;
    std::string party_id, action_id;
    std::uint32_t party = no_index, action = no_index;
    enum class Effect : std::uint8_t { Suspend, Resume, Terminate } effect = Effect::Terminate;
    enum class Opening : std::uint8_t { Violated, Exercised } opening = Opening::Violated;
    std::string opened_by_id;
    std::uint32_t opened_by = no_index; // an obligation (Violated) or a power (Exercised)
    std::vector<std::string> target_ids;
    std::vector<std::uint32_t> targets; // obligations suspended or resumed
    std::vector<Place> target_where;
    SourceLocation where, party_where, action_where, opened_by_where, effect_where;
};

struct SourceFile {
    std::string path;
    std::string text;
    // Offset of the first byte of each line (line 1 at index 0), so that quoting a
    // line in a diagnostic does not rescan the file.
    std::vector<std::uint32_t> line_starts;
};

struct Deal {
    std::string id, title;
    std::string root; // the deal's folder
    DefaultVerdict default_verdict = DefaultVerdict::Permitted;
    std::vector<Party> parties;
    std::vector<Enum> enums;
    std::vector<ActionKind> actions;
    std::vector<GlobalAttribute> attributes;
    std::vector<Fact> facts;
    std::vector<Definition> definitions;
    std::vector<Agreement> agreements;
    std::vector<Clause> clauses;
    std::vector<Event> events; // the history, by date once checked
    std::vector<Obligation> obligations;
    std::vector<Power> powers;
    Calendar calendar;
    std::vector<SourceFile> files;
};

// The text of a 1-based line of one of the deal's files, for quoting in diagnostics.
// Longer lines are cut to their first max_quoted_line bytes.
std::string source_line(const Deal& deal, const std::string& file, int line);
inline constexpr std::size_t max_quoted_line = 1000;

// Where a place is, with its file's path.
SourceLocation location(const Deal& deal, Place p);
// The same for what records its location whole (parties, obligations...), so that code
// over both kinds of provision reads one way.
inline const SourceLocation& location(const Deal&, const SourceLocation& where) {
    return where;
}

// Where an event, or the key at `p` of it, is written.
SourceLocation event_where(const Deal& deal, const Event& e, Position p);
inline SourceLocation event_where(const Deal& deal, const Event& e) {
    return event_where(deal, e, e.at);
}

// "2027-03-01: the panel verifies AGI (history.yaml:12)": a history event, for answers.
std::string describe_event(const Deal& deal, std::uint32_t event);

std::string_view to_string(Effect e);
std::string_view to_string(Power::Effect e);
std::string_view to_string(Tag t);
std::string type_name(const Deal& deal, const Type& t);

} // namespace dealcheck::model
