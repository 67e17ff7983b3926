// The layout of a deal image (docs/image.md): for each type it holds, the list of its
// fields, in order. The writer and the reader both walk these lists, so the layout is
// defined once. A field added to a struct and not here is not in the image: the
// image tests, which compare every answer from an image with the YAML's, catch it.
//
// `v(a, b, ...)` visits each field; see image/stream.hpp for how each kind of field
// (number, enum, string, vector, optional) is written and read back.
#pragma once

#include "compiler/compiled_deal.hpp"

namespace dealcheck::image {

// Values and dates.
template <class V> void fields(V& v, Date& x) {
    v(x.days);
}
template <class V> void fields(V& v, Duration& x) {
    v(x.months, x.days);
}
template <class V> void fields(V& v, Money& x) {
    v(x.cents, x.currency);
}
template <class V> void fields(V& v, Number& x) {
    v(x.mantissa, x.exponent);
}
template <class V> void fields(V& v, Value& x) {
    v(x.kind, x.aux, x.payload);
}

template <class V> void fields(V& v, RelatedLocation& x) {
    v(x.where, x.message);
}

// Expressions as written.
template <class V> void fields(V& v, syntax::Literal& x) {
    v(x.kind, x.boolean, x.number, x.money, x.date, x.duration, x.string, x.percent);
}
template <class V> void fields(V& v, syntax::Node& x) {
    v(x.kind, x.op, x.offset, x.length, x.literal, x.text, x.children);
}
template <class V> void fields(V& v, syntax::ExprTree& x) {
    v(x.nodes, x.root);
}
template <class V> void fields(V& v, syntax::LexiconEntry& x) {
    v(x.phrase, x.kind, x.id);
}

// The model (model/deal.hpp). Clause::keys and key_where are the checker's (for
// `amends`) and are not kept.
template <class V> void fields(V& v, model::Type& x) {
    v(x.kind, x.enum_index, x.currency, x.element);
}
template <class V> void fields(V& v, model::Position& x) {
    v(x.line, x.column);
}
template <class V> void fields(V& v, model::Place& x) {
    v(x.file, x.at);
}
template <class V> void fields(V& v, model::ExprSource& x) {
    v(x.text, x.file, x.where, x.raw_offset);
}
template <class V> void fields(V& v, model::Party& x) {
    v(x.id, x.name, x.aliases, x.actor, x.where);
}
template <class V> void fields(V& v, model::EnumValue& x) {
    v(x.id, x.label, x.aliases, x.where);
}
template <class V> void fields(V& v, model::Enum& x) {
    v(x.id, x.values, x.where);
}
template <class V> void fields(V& v, model::Attribute& x) {
    v(x.id, x.type, x.description, x.words, x.phrases, x.units, x.default_text, x.default_value,
      x.default_where, x.global, x.where);
}
template <class V> void fields(V& v, model::ActionKind& x) {
    v(x.id, x.description, x.verbs, x.nouns, x.attributes, x.default_verdict, x.covered, x.where);
}
template <class V> void fields(V& v, model::GlobalAttribute& x) {
    v(x.id, x.type, x.first_declared);
}
template <class V> void fields(V& v, model::KnownValue& x) {
    v(x.text, x.value, x.from, x.through, x.where, x.event);
}
template <class V> void fields(V& v, model::Fact& x) {
    v(x.id, x.type, x.description, x.is_reading, x.known, x.where);
}
template <class V> void fields(V& v, model::Definition& x) {
    v(x.id, x.source, x.tree, x.where);
}
template <class V> void fields(V& v, model::Bound& x) {
    v(x.source, x.kind, x.date, x.fact, x.written_in);
}
template <class V> void fields(V& v, model::Window& x) {
    v(x.from, x.until);
}
template <class V> void fields(V& v, model::Consequence& x) {
    v(x.party_id, x.party, x.text, x.until, x.where, x.party_where);
}
template <class V> void fields(V& v, model::Clause& x) {
    v(x.id, x.title, x.quote, x.cite, x.tag, x.agreement, x.party_id, x.party, x.action_ids,
      x.actions, x.when, x.window, x.effect, x.consent_of_id, x.consent_of, x.consequence,
      x.exception_to_ids, x.exception_to, x.replaces_ids, x.amends_id, x.action_where,
      x.exception_to_where, x.replaces_where, x.in_force_from, x.superseded_from, x.superseded_by,
      x.where);
}
template <class V> void fields(V& v, model::Agreement& x) {
    v(x.id, x.title, x.effective, x.signed_on, x.file, x.terminates_ids, x.terminates_where,
      x.where);
}
template <class V> void fields(V& v, model::Event::AttributeText& x) {
    v(x.name, x.text, x.key_at, x.at);
}
template <class V> void fields(V& v, model::Event& x) {
    v(x.date, x.file, x.party_text, x.action_text, x.fact_text, x.party, x.action, x.fact,
      x.attribute_text, x.attributes, x.value_text, x.value, x.tag, x.title, x.source, x.at,
      x.party_at, x.action_at, x.fact_at, x.value_at);
}
template <class V> void fields(V& v, model::Calendar& x) {
    v(x.weekend, x.holidays, x.where);
}
template <class V> void fields(V& v, model::Trigger& x) {
    v(x.kind, x.text, x.date, x.party_id, x.action_id, x.party, x.action, x.obligation_id,
      x.obligation, x.where, x.party_where, x.action_where, x.obligation_where);
}
template <class V> void fields(V& v, model::Deadline& x) {
    v(x.source, x.anchor, x.date, x.index, x.plus, x.business_days);
}
template <class V> void fields(V& v, model::Obligation& x) {
    v(x.id, x.title, x.quote, x.cite, x.tag, x.agreement, x.party_id, x.creditor_id, x.action_id,
      x.party, x.creditor, x.action, x.amount_text, x.amount, x.amount_attribute, x.trigger,
      x.deadline, x.discharged_from, x.discharged_by, x.where, x.party_where, x.creditor_where,
      x.action_where, x.amount_where);
}
template <class V> void fields(V& v, model::Power& x) {
    v(x.id, x.title, x.quote, x.cite, x.tag, x.agreement, x.party_id, x.action_id, x.party,
      x.action, x.effect, x.opening, x.opened_by_id, x.opened_by, x.target_ids, x.targets,
      x.target_where, x.where, x.party_where, x.action_where, x.opened_by_where, x.effect_where);
}
// The files' paths are the image's source table (image/image.cpp): only their text here.
template <class V> void fields(V& v, model::SourceFile& x) {
    v(x.text, x.line_starts);
}
template <class V> void fields(V& v, model::Deal& x) {
    v(x.id, x.title, x.default_verdict, x.parties, x.enums, x.actions, x.attributes, x.facts,
      x.definitions, x.agreements, x.clauses, x.events, x.obligations, x.powers, x.calendar,
      x.files);
}

// The compiled form.
template <class V> void fields(V& v, compiler::Instr& x) {
    v(x.op, x.negate, x.type, x.a, x.b, x.constant, x.slot, x.source, x.offset, x.length);
}
template <class V> void fields(V& v, compiler::Program& x) {
    v(x.code, x.args, x.root, x.facts, x.attributes, x.aggregates);
}
template <class V> void fields(V& v, compiler::Aggregate& x) {
    v(x.count, x.action, x.attribute, x.party, x.zero, x.filter, x.window, x.within, x.since,
      x.table);
}
template <class V> void fields(V& v, compiler::AggregateTable& x) {
    v(x.dates, x.events, x.values, x.totals, x.unknowns);
}
template <class V> void fields(V& v, compiler::History& x) {
    v(x.tables);
}
template <class V> void fields(V& v, compiler::InstanceChange& x) {
    v(x.date, x.state, x.suspended, x.late, x.deadline, x.paid, x.event, x.text);
}
template <class V> void fields(V& v, compiler::Instance& x) {
    v(x.obligation, x.number, x.triggered, x.changes);
}
template <class V> void fields(V& v, compiler::PowerChange& x) {
    v(x.date, x.state, x.event, x.text);
}
template <class V> void fields(V& v, compiler::EventNote& x) {
    v(x.event, x.code, x.message, x.hint);
}
template <class V> void fields(V& v, compiler::Lifecycle& x) {
    v(x.instances, x.powers, x.terminated, x.notes);
}
template <class V> void fields(V& v, compiler::PowerSpan& x) {
    v(x.power, x.action, x.party, x.from, x.until);
}
template <class V> void fields(V& v, compiler::KnownRange& x) {
    v(x.from, x.through, x.value);
}
template <class V> void fields(V& v, compiler::DecisionIndex& x) {
    v(x.code, x.block_of, x.event_facts, x.beaters_at, x.beaters, x.table, x.records,
      x.action_default, x.known_at, x.known, x.parties);
}
template <class V> void fields(V& v, ClauseCode& x) {
    v(x.when, x.from, x.until, x.until_events, x.in_force_from, x.superseded_from, x.beats, x.facts,
      x.attributes, x.consequence_until, x.consequence_events);
}
template <class V> void fields(V& v, EnumRef& x) {
    v(x.enum_index, x.value_index);
}
// The candidates index is rebuilt (CompiledDeal::build_index): it is cheap and derived.
template <class V> void fields(V& v, CompiledDeal& x) {
    v(x.model, x.clauses, x.strings, x.verb_actions, x.value_words, x.marker_words, x.flag_phrases,
      x.noun_actions, x.unit_words, x.lexicon, x.history, x.lifecycle, x.power_open, x.decisions);
}

} // namespace dealcheck::image
