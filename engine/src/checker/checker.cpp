#include "checker/checker.hpp"

#include "checker/anchored_date.hpp"
#include "checker/expr_checker.hpp"
#include "checker/history_checker.hpp"
#include "checker/obligation_checker.hpp"
#include "model/value_text.hpp"
#include "program/expr_eval.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace dealcheck::checker {

using model::no_index;

namespace {

class Checker {
  public:
    Checker(model::Deal& deal, Diagnostics& diags) : deal_(deal), diags_(diags) {}

    CheckedDeal run() {
        unique_names();
        global_attributes();
        resolve_clause_names();
        apply_amendments();
        resolve_references();
        amendments_keep_precedence();
        ExprChecker exprs(deal_, diags_);
        known_values(exprs);
        check_history(deal_, exprs.strings(), diags_);
        check_obligations(deal_, exprs, diags_);
        standalone_definitions(exprs);
        CheckedDeal out;
        for (auto& c : deal_.clauses)
            out.conditions.push_back(condition(exprs, c));
        for (auto& c : deal_.clauses)
            windows(exprs, c);
        supersession();
        exception_cycles();
        out.strings = exprs.strings();
        return out;
    }

  private:
    model::Deal& deal_;
    Diagnostics& diags_;
    std::map<std::string, std::uint32_t> clause_index_;
    std::set<const model::Bound*> counted_from_events_; // bounds folded from the history

    void error(DiagnosticCode code, const SourceLocation& where, std::string message,
               std::string hint = {}, int span = 1, std::vector<RelatedLocation> related = {}) {
        Diagnostic d(code);
        d.related = std::move(related);
        d.where = where;
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.span = span;
        d.source_line = model::source_line(deal_, where.file, where.line);
        diags_.add(std::move(d));
    }
    // Where a place of the model is, for a diagnostic.
    SourceLocation at(model::Place p) const { return model::location(deal_, p); }
    SourceLocation at(const model::ExprSource& s) const {
        return at(model::Place{s.file, s.where});
    }
    const SourceLocation& at(const SourceLocation& where) const {
        return model::location(deal_, where);
    }

    void warning(DiagnosticCode code, const SourceLocation& where, std::string message,
                 std::string hint = {}) {
        Diagnostic d(code);
        d.severity = Severity::Warning;
        d.where = where;
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.source_line = model::source_line(deal_, where.file, where.line);
        diags_.add(std::move(d));
    }

    template <class Items> void unique(const Items& items, const std::string& what) {
        std::map<std::string_view, const typename Items::value_type*> seen;
        for (const auto& item : items) {
            if (item.id.empty()) continue;
            auto [it, fresh] = seen.emplace(item.id, &item);
            if (!fresh)
                error(DiagnosticCode::duplicate_id, at(item.where),
                      "duplicate " + what + " `" + item.id + "`", "ids must be unique; rename one",
                      static_cast<int>(item.id.size()),
                      {{at(it->second->where), "the first `" + item.id + "` is here"}});
        }
    }

    void unique_names() {
        unique(deal_.parties, "party id");
        unique(deal_.enums, "enum");
        unique(deal_.actions, "action kind");
        unique(deal_.facts, "fact");
        unique(deal_.definitions, "definition");
        unique(deal_.agreements, "agreement id");
        unique(deal_.clauses, "clause id");
        for (std::uint32_t i = 0; i < deal_.clauses.size(); ++i)
            clause_index_.emplace(deal_.clauses[i].id, i);
        // Names that expressions resolve must mean one thing.
        std::map<std::string, std::string> kinds;
        auto claim = [&](const std::string& id, const std::string& kind,
                         const SourceLocation& where) {
            if (id == "date" || id == "effective") {
                error(DiagnosticCode::reserved_name, where, "`" + id + "` is reserved",
                      "`date` is the question's date, `effective` an agreement's");
                return;
            }
            auto [it, fresh] = kinds.emplace(id, kind);
            if (!fresh && it->second != kind)
                error(DiagnosticCode::name_clash, where,
                      "`" + id + "` is already the name of a " + it->second,
                      "a name used in conditions must mean one thing; rename one of them");
        };
        for (const auto& f : deal_.facts)
            claim(f.id, "fact", f.where);
        for (const auto& d : deal_.definitions)
            claim(d.id, "definition", d.where);
        for (const auto& p : deal_.parties)
            claim(p.id, "party", p.where);
        for (const auto& a : deal_.actions)
            for (const auto& attr : a.attributes)
                claim(attr.id, "attribute", attr.where);
        if (deal_.parties.size() > 64)
            error(DiagnosticCode::deal_too_large, deal_.parties[64].where, "more than 64 parties",
                  "the limit is 64");
    }

    void global_attributes() {
        for (auto& action : deal_.actions) {
            std::map<std::string, bool> seen;
            for (auto& attr : action.attributes) {
                auto it = std::find_if(deal_.attributes.begin(), deal_.attributes.end(),
                                       [&](const auto& g) { return g.id == attr.id; });
                if (it == deal_.attributes.end()) {
                    deal_.attributes.push_back({attr.id, attr.type, attr.where});
                    attr.global = static_cast<std::uint32_t>(deal_.attributes.size() - 1);
                } else if (it->type != attr.type) {
                    error(DiagnosticCode::attribute_type_clash, attr.where,
                          "attribute `" + attr.id + "` is " + model::type_name(deal_, attr.type) +
                              " here but " + model::type_name(deal_, it->type) + " at " +
                              it->first_declared.file + ":" +
                              std::to_string(it->first_declared.line),
                          "an attribute name has one type in every action; rename one of them");
                } else {
                    attr.global = static_cast<std::uint32_t>(it - deal_.attributes.begin());
                }
            }
        }
    }

    std::optional<std::uint32_t> party(const std::string& id, const SourceLocation& where,
                                       bool allow_any) {
        if (allow_any && id == "any") return no_index;
        for (std::uint32_t i = 0; i < deal_.parties.size(); ++i)
            if (deal_.parties[i].id == id) return i;
        auto ids = model::ids_of(deal_.parties);
        auto hint = util::did_you_mean(id, ids);
        error(DiagnosticCode::unknown_party, where, "unknown party `" + id + "`",
              hint.empty()
                  ? "the deal's parties are " + util::one_of(ids) + (allow_any ? " (or `any`)" : "")
                  : hint,
              static_cast<int>(id.size()));
        return std::nullopt;
    }

    SourceLocation key_location(const model::Clause& c, const std::string& key) const {
        for (std::size_t i = 0; i < c.keys.size(); ++i)
            if (c.keys[i] == key) return at(model::Place{c.where.file, c.key_where[i]});
        return at(c.where);
    }

    // Where item `i` of a clause's `actions`, `exception_to` or `replaces` is written.
    SourceLocation item_location(const model::Clause& c, const std::string& key,
                                 const std::vector<model::Place>& where, std::size_t i) const {
        return i < where.size() ? at(where[i]) : key_location(c, key);
    }

    void resolve_clause_names() {
        for (const auto& a : deal_.agreements)
            for (std::size_t i = 0; i < a.terminates_ids.size(); ++i)
                if (!clause_index_.count(a.terminates_ids[i]) &&
                    std::none_of(
                        deal_.obligations.begin(), deal_.obligations.end(),
                        [&](const model::Obligation& o) { return o.id == a.terminates_ids[i]; }))
                    dangling(a.terminates_where[i], a.terminates_ids[i]);
    }

    void dangling(const SourceLocation& where, const std::string& id) {
        std::vector<std::string> ids;
        for (const auto& [k, v] : clause_index_)
            ids.push_back(k);
        error(DiagnosticCode::unknown_clause, where, "no clause has the id `" + id + "`",
              util::did_you_mean(id, ids), static_cast<int>(id.size()));
    }

    // An amending clause takes every field it does not write from the clause it amends,
    // after that clause has taken its own (amendments of amendments, in any file order).
    void apply_amendments() {
        std::vector<int> state(deal_.clauses.size(), 0); // 0 new, 1 in progress, 2 done
        for (std::uint32_t i = 0; i < deal_.clauses.size(); ++i)
            amend(i, state);
    }

    void amend(std::uint32_t i, std::vector<int>& state) {
        if (state[i] != 0) {
            if (state[i] == 1)
                error(DiagnosticCode::amendment_cycle, key_location(deal_.clauses[i], "amends"),
                      "clause `" + deal_.clauses[i].id +
                          "` amends itself through a chain of amendments");
            return;
        }
        state[i] = 1;
        auto& c = deal_.clauses[i];
        if (!c.amends_id.empty()) {
            auto it = clause_index_.find(c.amends_id);
            if (it == clause_index_.end()) {
                dangling(key_location(c, "amends"), c.amends_id);
            } else {
                amend(it->second, state);
                inherit(c, deal_.clauses[it->second]);
            }
        }
        state[i] = 2;
    }

    static void inherit(model::Clause& c, const model::Clause& base) {
        auto given = [&](const char* key) {
            return std::find(c.keys.begin(), c.keys.end(), key) != c.keys.end();
        };
        if (!given("title")) c.title = base.title;
        if (!given("quote")) c.quote = base.quote;
        if (!given("cite")) c.cite = base.cite;
        if (!given("tag")) c.tag = base.tag;
        if (!given("party")) c.party_id = base.party_id;
        if (!given("actions")) c.action_ids = base.action_ids, c.action_where = base.action_where;
        if (!given("when")) c.when = base.when;
        if (!given("until")) c.window.until = written_in(base, base.window.until);
        if (!given("effect")) c.effect = base.effect;
        if (!given("consent_of")) c.consent_of_id = base.consent_of_id;
        if (!given("consequence")) {
            c.consequence = base.consequence;
            if (c.consequence) c.consequence->until = written_in(base, base.consequence->until);
        }
        if (!given("exception_to"))
            c.exception_to_ids = base.exception_to_ids,
            c.exception_to_where = base.exception_to_where;
        // `from` is not inherited: amended terms start with the amending agreement.
    }

    // Bounds `base` wrote or inherited, as an amendment of it inherits them: `effective`
    // in them stays the date of the agreement that wrote them.
    static std::vector<model::Bound> written_in(const model::Clause& base,
                                                std::vector<model::Bound> bounds) {
        for (auto& b : bounds)
            if (b.written_in == no_index) b.written_in = base.agreement;
        return bounds;
    }

    void resolve_references() {
        for (auto& c : deal_.clauses) {
            if (!c.party_id.empty())
                if (auto p = party(c.party_id, key_location(c, "party"), true)) c.party = *p;
            for (std::size_t i = 0; i < c.action_ids.size(); ++i) {
                const auto& a = c.action_ids[i];
                auto it = std::find_if(deal_.actions.begin(), deal_.actions.end(),
                                       [&](const auto& x) { return x.id == a; });
                if (it != deal_.actions.end()) {
                    c.actions.push_back(static_cast<std::uint32_t>(it - deal_.actions.begin()));
                    continue;
                }
                auto ids = model::ids_of(deal_.actions);
                auto hint = util::did_you_mean(a, ids);
                error(
                    DiagnosticCode::unknown_action, item_location(c, "actions", c.action_where, i),
                    "unknown action kind `" + a + "`",
                    hint.empty() ? "the vocabulary's action kinds are " + util::one_of(ids) : hint,
                    static_cast<int>(a.size()));
            }
            if (c.effect == model::Effect::Consent) {
                if (c.consent_of_id.empty())
                    error(DiagnosticCode::effect_mismatch, key_location(c, "effect"),
                          "clause `" + c.id + "` requires consent but names no party",
                          "add `consent_of: <party>`");
                else if (auto p = party(c.consent_of_id, key_location(c, "consent_of"), false))
                    c.consent_of = *p;
            } else if (!c.consent_of_id.empty()) {
                error(DiagnosticCode::effect_mismatch, key_location(c, "consent_of"),
                      "`consent_of` is only for `effect: consent`");
            }
            bool needs_consequence =
                c.effect == model::Effect::Grant || c.effect == model::Effect::Oblige;
            if (needs_consequence && !c.consequence)
                error(DiagnosticCode::effect_mismatch, key_location(c, "effect"),
                      "a clause with `effect: " + std::string(model::to_string(c.effect)) +
                          "` needs a `consequence`",
                      "add `consequence: {party: ..., text: ...}`");
            if (!needs_consequence && c.consequence)
                error(DiagnosticCode::effect_mismatch, key_location(c, "consequence"),
                      "a `consequence` is only for `effect: grant` or `effect: oblige`");
            if (c.consequence && !c.consequence->party_id.empty())
                if (auto p = party(c.consequence->party_id, at(c.consequence->party_where), false))
                    c.consequence->party = *p;
            for (std::size_t i = 0; i < c.exception_to_ids.size(); ++i) {
                const auto& id = c.exception_to_ids[i];
                auto it = clause_index_.find(id);
                if (it == clause_index_.end())
                    dangling(item_location(c, "exception_to", c.exception_to_where, i), id);
                else if (it->second == static_cast<std::uint32_t>(&c - deal_.clauses.data()))
                    error(DiagnosticCode::exception_cycle,
                          item_location(c, "exception_to", c.exception_to_where, i),
                          "clause `" + c.id + "` cannot be an exception to itself");
                else
                    c.exception_to.push_back(it->second);
            }
            for (std::size_t i = 0; i < c.replaces_ids.size(); ++i)
                if (!clause_index_.count(c.replaces_ids[i]))
                    dangling(item_location(c, "replaces", c.replaces_where, i), c.replaces_ids[i]);
        }
    }

    // An amended clause keeps its place in precedence: an exception to B is also an
    // exception to every clause that amends B.
    void amendments_keep_precedence() {
        const auto n = static_cast<std::uint32_t>(deal_.clauses.size());
        std::vector<std::vector<std::uint32_t>> amended_by(n);
        for (std::uint32_t x = 0; x < n; ++x)
            if (auto it = clause_index_.find(deal_.clauses[x].amends_id);
                !deal_.clauses[x].amends_id.empty() && it != clause_index_.end())
                amended_by[it->second].push_back(x);
        // For each exception, everything that amends (transitively) what it overrides;
        // `seen[x] == e` marks what exception e already has or has queued.
        std::vector<std::uint32_t> seen(n, no_index), work;
        for (std::uint32_t e = 0; e < n; ++e) {
            auto& ex = deal_.clauses[e].exception_to;
            for (auto t : ex)
                seen[t] = e;
            work.assign(ex.begin(), ex.end());
            while (!work.empty()) {
                auto t = work.back();
                work.pop_back();
                for (auto x : amended_by[t]) {
                    if (x == e || seen[x] == e) continue;
                    seen[x] = e;
                    ex.push_back(x);
                    work.push_back(x);
                }
            }
        }
    }

    void known_values(ExprChecker& exprs) {
        for (auto& action : deal_.actions)
            for (auto& a : action.attributes) {
                if (!a.default_text) continue;
                auto v = model::parse_value(deal_, a.type, *a.default_text, exprs.strings());
                if (!v.value)
                    error(DiagnosticCode::wrong_value_type, a.default_where,
                          v.error + " (attribute `" + a.id + "` is " +
                              model::type_name(deal_, a.type) + ")",
                          v.hint);
                else
                    a.default_value = *v.value;
            }
        for (auto& f : deal_.facts)
            for (auto& k : f.known) {
                auto v = model::parse_value(deal_, f.type, k.text, exprs.strings());
                if (!v.value)
                    error(DiagnosticCode::wrong_value_type, k.where,
                          v.error + " (fact `" + f.id + "` is " + model::type_name(deal_, f.type) +
                              ")",
                          v.hint);
                else
                    k.value = *v.value;
                if (k.through < k.from)
                    error(DiagnosticCode::ends_before_start, k.where,
                          "this known value ends before it starts");
            }
    }

    void standalone_definitions(ExprChecker& exprs) {
        // Check each definition on its own so that an unused one still gets its errors.
        for (const auto& d : deal_.definitions) {
            Scope scope;
            scope.context = "definition `" + d.id + "`";
            exprs.check(d.source, scope, model::TypeKind::Error);
        }
    }

    std::optional<compiler::Program> condition(ExprChecker& exprs, const model::Clause& c) {
        if (!c.when) return compiler::Program{};
        if (c.actions.size() != c.action_ids.size()) return std::nullopt; // already reported
        Scope scope;
        scope.actions = c.actions;
        scope.context = "the condition of clause `" + c.id + "`";
        return exprs.check(*c.when, scope, model::TypeKind::Bool);
    }

    // Resolves a bound: a bool fact is an event; anything else is a constant date.
    // `effective` is that of the clause's agreement, unless the bound was inherited.
    bool bound(ExprChecker& exprs, model::Bound& b, Date effective, bool starts) {
        if (names_an_event(b.source.text) ||
            b.source.text.find("business_day") != std::string::npos)
            return counted_bound(exprs, b, effective);
        for (std::uint32_t i = 0; i < deal_.facts.size(); ++i)
            if (deal_.facts[i].id == b.source.text) {
                if (deal_.facts[i].type.kind != model::TypeKind::Bool) {
                    if (starts)
                        error(DiagnosticCode::invalid_window, at(b.source),
                              "fact `" + b.source.text +
                                  "` cannot start a window: `from` is a date fixed in the "
                                  "rules, not a fact",
                              "write a date or a date expression, such as `2026-01-01` or "
                              "`effective + 6mo`");
                    else
                        error(DiagnosticCode::invalid_window, at(b.source),
                              "fact `" + b.source.text +
                                  "` is not a bool, so it cannot end a window",
                              "an event is a bool fact that becomes true");
                    return false;
                }
                b.kind = model::Bound::Kind::Event;
                b.fact = i;
                return true;
            }
        Scope scope;
        scope.attributes = false;
        scope.facts = false;
        scope.today = false;
        scope.effective =
            b.written_in == no_index ? effective : deal_.agreements[b.written_in].effective;
        scope.context = "the bound";
        auto program = exprs.check(b.source, scope, model::TypeKind::Date);
        if (!program) return false;
        // A constant: fold it now, with nothing known.
        b.kind = model::Bound::Kind::Date;
        b.date = evaluator::evaluate(*program, evaluator::Env{}).as_date();
        return true;
    }

    // A bound counted from a history event, `party.action [+ offset]`, or in business
    // days from `effective` or a date. An event bound is the first such event on or
    // after the agreement's effective date; the history is known when the deal loads,
    // so the bound folds to a date like any constant. Until the event happens a `from`
    // has not come (9999-12-31) and an `until` has not either (open-ended): as of any
    // day before the event, that is what the window is.
    bool counted_bound(ExprChecker& exprs, model::Bound& b, Date effective) {
        auto parsed = parse_anchored_date(deal_, b.source, exprs.strings(), diags_);
        if (!parsed) return false;
        Date since =
            b.written_in == no_index ? effective : deal_.agreements[b.written_in].effective;
        b.kind = model::Bound::Kind::Date;
        if (parsed->anchor == "effective") {
            b.date = offset(deal_, *parsed, since);
            return true;
        }
        if (auto d = parse_date(parsed->anchor)) {
            b.date = offset(deal_, *parsed, *d);
            return true;
        }
        auto dot = parsed->anchor.find('.');
        if (dot == std::string::npos) {
            error(DiagnosticCode::invalid_window, parsed->anchor_where,
                  "a window counted in business days counts from `effective`, a date or an "
                  "event (`party.action`), not `" +
                      parsed->anchor + "`",
                  "for example `until: effective + 10 business_days` or `from: buyer.notify + "
                  "30d`",
                  static_cast<int>(parsed->anchor.size()));
            return false;
        }
        auto party_id = parsed->anchor.substr(0, dot), action_id = parsed->anchor.substr(dot + 1);
        auto party = named(DiagnosticCode::unknown_party, deal_.parties, party_id,
                           parsed->anchor_where, "party");
        auto action_where = parsed->anchor_where;
        action_where.column += static_cast<int>(dot + 1);
        auto action = named(DiagnosticCode::unknown_action, deal_.actions, action_id, action_where,
                            "action kind");
        if (party == no_index || action == no_index) return false;
        b.date = Date{2932896}; // 9999-12-31: not before the event
        for (std::uint32_t e = 0; e < deal_.events.size(); ++e) {
            const auto& ev = deal_.events[e];
            if (ev.party == party && ev.action == action && ev.date >= since) {
                b.date = offset(deal_, *parsed, ev.date);
                break;
            }
        }
        counted_from_events_.insert(&b);
        return true;
    }

    template <class Items>
    std::uint32_t named(DiagnosticCode code, const Items& items, const std::string& id,
                        const SourceLocation& where, const std::string& what) {
        for (std::uint32_t i = 0; i < items.size(); ++i)
            if (items[i].id == id) return i;
        auto ids = model::ids_of(items);
        auto hint = util::did_you_mean(id, ids);
        error(code, where, "unknown " + what + " `" + id + "` in a window counted from an event",
              hint.empty() ? "an event is written `party.action`, with the deal's " + what +
                                 "s: " + util::one_of(ids)
                           : hint,
              static_cast<int>(id.size()));
        return no_index;
    }

    void windows(ExprChecker& exprs, model::Clause& c) {
        if (c.agreement >= deal_.agreements.size()) return;
        Date effective = deal_.agreements[c.agreement].effective;
        c.in_force_from = effective;
        Date from = effective;
        if (c.window.from) {
            if (bound(exprs, *c.window.from, effective, true)) {
                if (c.window.from->kind == model::Bound::Kind::Event)
                    error(DiagnosticCode::invalid_window, at(c.window.from->source),
                          "`from` must be a date, not an event");
                else
                    from = c.window.from->date;
            }
        }
        for (auto& u : c.window.until) {
            if (!bound(exprs, u, effective, false) || u.kind != model::Bound::Kind::Date) continue;
            // A window counted from an event that has not happened is empty, not wrong.
            if (u.date < from && !counted_from_events_.count(&u) &&
                !(c.window.from && counted_from_events_.count(&*c.window.from)))
                error(DiagnosticCode::ends_before_start, at(u.source),
                      "clause `" + c.id + "` ends on " + format_date(u.date) +
                          ", before it starts on " + format_date(from),
                      c.window.from ? "check `from` and `until`"
                                    : "a window starts at its agreement's effective date unless "
                                      "`from` says otherwise",
                      static_cast<int>(u.source.text.size()));
        }
        if (c.consequence)
            for (auto& u : c.consequence->until)
                bound(exprs, u, effective, false);
    }

    // A clause stops being in force on the effective date of the first later agreement
    // that replaces, amends or terminates it.
    void supersession() {
        auto displace = [&](std::uint32_t target, std::uint32_t by_agreement,
                            const SourceLocation& where) {
            auto& t = deal_.clauses[target];
            if (t.agreement == no_index || by_agreement == no_index) return;
            Date when = deal_.agreements[by_agreement].effective;
            if (when <= deal_.agreements[t.agreement].effective) {
                error(DiagnosticCode::not_a_later_agreement, where,
                      "clause `" + t.id + "` belongs to agreement `" +
                          deal_.agreements[t.agreement].id + "`, effective " +
                          format_date(deal_.agreements[t.agreement].effective) +
                          ", which is not earlier than this one",
                      "only a later agreement can replace, amend or terminate a clause", 1,
                      {{at(t.where), "clause `" + t.id + "` is here"}});
                return;
            }
            if (!t.superseded_from || when < *t.superseded_from) {
                t.superseded_from = when;
                t.superseded_by = by_agreement;
            }
        };
        for (auto& c : deal_.clauses) {
            for (const auto& id : c.replaces_ids)
                if (auto it = clause_index_.find(id); it != clause_index_.end())
                    displace(it->second, c.agreement, key_location(c, "replaces"));
            if (!c.amends_id.empty())
                if (auto it = clause_index_.find(c.amends_id); it != clause_index_.end())
                    displace(it->second, c.agreement, key_location(c, "amends"));
        }
        for (std::uint32_t a = 0; a < deal_.agreements.size(); ++a)
            for (std::size_t i = 0; i < deal_.agreements[a].terminates_ids.size(); ++i)
                if (auto it = clause_index_.find(deal_.agreements[a].terminates_ids[i]);
                    it != clause_index_.end())
                    displace(it->second, a, deal_.agreements[a].terminates_where[i]);
    }

    void exception_cycles() {
        // Depth-first search; a back edge is a cycle of exceptions.
        std::vector<int> state(deal_.clauses.size(), 0);
        std::vector<std::uint32_t> stack;
        for (std::uint32_t start = 0; start < deal_.clauses.size(); ++start) {
            if (state[start] != 0) continue;
            std::vector<std::pair<std::uint32_t, std::size_t>> work{{start, 0}};
            state[start] = 1;
            while (!work.empty()) {
                auto& [node, next] = work.back();
                const auto& edges = deal_.clauses[node].exception_to;
                if (next < edges.size()) {
                    auto to = edges[next++];
                    if (state[to] == 1) {
                        error(DiagnosticCode::exception_cycle, at(deal_.clauses[node].where),
                              "exceptions form a cycle: `" + deal_.clauses[node].id + "` and `" +
                                  deal_.clauses[to].id +
                                  "` are each, directly or not, an exception to the other",
                              "an exception must be more specific than the clause it overrides", 1,
                              {{at(deal_.clauses[to].where),
                                "`" + deal_.clauses[to].id + "` is here"}});
                    } else if (state[to] == 0) {
                        state[to] = 1;
                        work.emplace_back(to, 0);
                    }
                } else {
                    state[node] = 2;
                    work.pop_back();
                }
            }
        }
    }
};

} // namespace

CheckedDeal check(model::Deal& deal, Diagnostics& diags) {
    util::HintBudget hints(util::default_hint_cells);
    return Checker(deal, diags).run();
}

} // namespace dealcheck::checker
