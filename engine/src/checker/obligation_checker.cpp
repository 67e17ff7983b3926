#include "checker/obligation_checker.hpp"

#include "checker/anchored_date.hpp"
#include "checker/expr_checker.hpp"
#include "model/value_text.hpp"
#include "program/expr_eval.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>
#include <map>

namespace dealcheck::checker {

namespace {

using model::no_index;

class ObligationChecker {
  public:
    ObligationChecker(model::Deal& deal, ExprChecker& exprs, Diagnostics& diags)
        : deal_(deal), exprs_(exprs), strings_(exprs.strings()), diags_(diags) {}

    void run() {
        unique_ids();
        for (auto& o : deal_.obligations)
            obligation(o);
        for (auto& p : deal_.powers)
            power(p);
        terminated_by_agreements();
        cycles();
    }

  private:
    model::Deal& deal_;
    ExprChecker& exprs_;
    const std::vector<std::string>& strings_;
    Diagnostics& diags_;
    std::map<std::string, std::uint32_t> obligation_index_, power_index_;

    void report(DiagnosticCode code, Severity severity, const SourceLocation& where,
                std::string message, std::string hint, int span,
                std::vector<RelatedLocation> related = {}) {
        Diagnostic d(code);
        d.related = std::move(related);
        d.severity = severity;
        d.where = where;
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.span = std::max(span, 1);
        d.source_line = model::source_line(deal_, where.file, where.line);
        diags_.add(std::move(d));
    }
    void error(DiagnosticCode code, const SourceLocation& where, std::string message,
               std::string hint = {}, int span = 1, std::vector<RelatedLocation> related = {}) {
        report(code, Severity::Error, where, std::move(message), std::move(hint), span,
               std::move(related));
    }

    template <class Items>
    std::uint32_t find(DiagnosticCode code, const Items& items, const std::string& id,
                       const SourceLocation& where, const std::string& what) {
        if (id.empty()) return no_index; // already reported by the loader
        for (std::uint32_t i = 0; i < items.size(); ++i)
            if (items[i].id == id) return i;
        auto ids = model::ids_of(items);
        auto hint = util::did_you_mean(id, ids);
        error(code, where, "unknown " + what + " `" + id + "`",
              !hint.empty() ? hint
              : ids.empty() ? "the deal declares no " + what
                            : "the deal's " + what + "s are " + util::one_of(ids),
              static_cast<int>(id.size()));
        return no_index;
    }

    std::uint32_t find_in(const std::map<std::string, std::uint32_t>& index, const std::string& id,
                          const SourceLocation& where, const std::string& what) {
        if (id.empty()) return no_index;
        if (auto it = index.find(id); it != index.end()) return it->second;
        std::vector<std::string> ids;
        for (const auto& [k, v] : index)
            ids.push_back(k);
        auto hint = util::did_you_mean(id, ids);
        error(DiagnosticCode::unknown_clause, where, "unknown " + what + " `" + id + "`",
              !hint.empty() ? hint
              : ids.empty() ? "the deal declares no " + what
                            : "the deal's " + what + "s are " + util::one_of(ids),
              static_cast<int>(id.size()));
        return no_index;
    }

    void unique_ids() {
        std::map<std::string, SourceLocation> seen;
        for (const auto& c : deal_.clauses)
            seen.emplace(c.id, model::location(deal_, c.where));
        auto add = [&](const std::string& id, const SourceLocation& where, std::uint32_t i,
                       std::map<std::string, std::uint32_t>& index) {
            if (id.empty()) return;
            if (auto [it, fresh] = seen.emplace(id, where); !fresh) {
                error(DiagnosticCode::duplicate_id, where, "duplicate id `" + id + "`",
                      "a clause, obligation or power already has it; rename one",
                      static_cast<int>(id.size()),
                      {{it->second, "the first `" + id + "` is here"}});
                return;
            }
            index.emplace(id, i);
        };
        for (std::uint32_t i = 0; i < deal_.obligations.size(); ++i)
            add(deal_.obligations[i].id, deal_.obligations[i].where, i, obligation_index_);
        for (std::uint32_t i = 0; i < deal_.powers.size(); ++i)
            add(deal_.powers[i].id, deal_.powers[i].where, i, power_index_);
    }

    const model::Attribute* attribute(std::uint32_t action, const std::string& name) const {
        if (action == no_index) return nullptr;
        for (const auto& a : deal_.actions[action].attributes)
            if (a.id == name) return &a;
        return nullptr;
    }

    void obligation(model::Obligation& o) {
        o.party =
            find(DiagnosticCode::unknown_party, deal_.parties, o.party_id, o.party_where, "party");
        o.creditor = find(DiagnosticCode::unknown_party, deal_.parties, o.creditor_id,
                          o.creditor_where, "party");
        o.action = find(DiagnosticCode::unknown_action, deal_.actions, o.action_id, o.action_where,
                        "action kind");
        if (!o.amount_text.empty() && o.action != no_index) amount(o);
        trigger(o);
        deadline(o);
    }

    void amount(model::Obligation& o) {
        const auto* a = attribute(o.action, "amount");
        if (!a || a->type.kind != model::TypeKind::Money) {
            error(DiagnosticCode::invalid_amount, o.amount_where,
                  "obligation `" + o.id + "` owes an amount, but action `" + o.action_id +
                      "` has no money attribute `amount`",
                  "declare `amount: money` among the action's attributes: the amounts of its "
                  "events are what is paid",
                  static_cast<int>(o.amount_text.size()));
            return;
        }
        // A constant money expression, folded now: `48000 EUR`, or with the arithmetic of
        // expressions (`48000 EUR * 2%`) where the language has it.
        model::ExprSource src{o.amount_text,
                              model::no_index,
                              {o.amount_where.line, o.amount_where.column},
                              model::no_raw_offset};
        for (std::uint32_t f = 0; f < deal_.files.size(); ++f)
            if (deal_.files[f].path == o.amount_where.file) src.file = f;
        Scope scope;
        scope.attributes = false;
        scope.facts = false;
        scope.today = false;
        if (o.agreement < deal_.agreements.size())
            scope.effective = deal_.agreements[o.agreement].effective;
        scope.context = "the amount owed";
        auto program = exprs_.check(src, scope, model::TypeKind::Money);
        if (!program) return;
        auto value = evaluator::evaluate(*program, evaluator::Env{});
        if (value.kind != ValueKind::Money) return;
        o.amount = value.as_money();
        if (a->type.currency != 0 && o.amount.currency != a->type.currency) {
            error(DiagnosticCode::invalid_amount, o.amount_where,
                  "the amount owed is in " + format_currency(o.amount.currency) + ", but action `" +
                      o.action_id + "` pays in " + format_currency(a->type.currency),
                  "dealcheck never converts currencies; give the amount in " +
                      format_currency(a->type.currency),
                  static_cast<int>(o.amount_text.size()));
            return;
        }
        o.amount_attribute = a->global;
        if (o.amount.cents <= 0)
            error(DiagnosticCode::invalid_amount, o.amount_where,
                  "obligation `" + o.id + "` owes nothing", "an amount owed is more than zero",
                  static_cast<int>(o.amount_text.size()));
    }

    void trigger(model::Obligation& o) {
        auto& t = o.trigger;
        switch (t.kind) {
        case model::Trigger::Kind::Date:
            if (t.text == "effective") {
                if (o.agreement < deal_.agreements.size())
                    t.date = deal_.agreements[o.agreement].effective;
            } else if (auto d = parse_date(t.text)) {
                t.date = *d;
            } else if (!t.text.empty()) {
                error(DiagnosticCode::invalid_trigger, t.where,
                      "the trigger `" + t.text + "` is not a date",
                      "write a date (`2026-01-15`), `effective`, an event (`{party: seller, "
                      "action: deliver}`) or `{violated: <obligation>}`",
                      static_cast<int>(t.text.size()));
            }
            break;
        case model::Trigger::Kind::Event:
            t.party = find(DiagnosticCode::unknown_party, deal_.parties, t.party_id, t.party_where,
                           "party");
            t.action = find(DiagnosticCode::unknown_action, deal_.actions, t.action_id,
                            t.action_where, "action kind");
            break;
        case model::Trigger::Kind::Violated:
        case model::Trigger::Kind::Fulfilled:
            t.obligation =
                find_in(obligation_index_, t.obligation_id, t.obligation_where, "obligation");
            break;
        }
    }

    void deadline(model::Obligation& o) {
        auto& d = o.deadline;
        if (d.source.text.empty()) return;
        auto parsed = parse_anchored_date(deal_, d.source, strings_, diags_);
        if (!parsed || !anchor(o, parsed->anchor, parsed->anchor_where)) return;
        d.plus = parsed->plus;
        d.business_days = parsed->business_days;
    }

    bool anchor(model::Obligation& o, const std::string& name, const SourceLocation& where) {
        auto& d = o.deadline;
        int span = static_cast<int>(name.size());
        if (name == "trigger") {
            d.anchor = model::Deadline::Anchor::Trigger;
            return true;
        }
        if (name == "effective") {
            d.anchor = model::Deadline::Anchor::Date;
            if (o.agreement < deal_.agreements.size())
                d.date = deal_.agreements[o.agreement].effective;
            return true;
        }
        if (auto date = parse_date(name)) {
            d.anchor = model::Deadline::Anchor::Date;
            d.date = *date;
            return true;
        }
        if (const auto* a = attribute(o.trigger.action, name)) {
            if (a->type.kind != model::TypeKind::Date) {
                error(DiagnosticCode::invalid_deadline, where,
                      "attribute `" + name + "` has type `" + model::type_name(deal_, a->type) +
                          "`, not date, so a deadline cannot count from it",
                      "count from `trigger` (the day of the event) or from a date attribute", span);
                return false;
            }
            d.anchor = model::Deadline::Anchor::Attribute;
            d.index = a->global;
            return true;
        }
        for (std::uint32_t f = 0; f < deal_.facts.size(); ++f)
            if (deal_.facts[f].id == name) {
                if (deal_.facts[f].type.kind != model::TypeKind::Date) {
                    error(DiagnosticCode::invalid_deadline, where,
                          "fact `" + name + "` has type `" +
                              model::type_name(deal_, deal_.facts[f].type) +
                              "`, not date, so a deadline cannot count from it",
                          "count from `trigger`, a date, or a date fact", span);
                    return false;
                }
                d.anchor = model::Deadline::Anchor::Fact;
                d.index = f;
                return true;
            }
        std::vector<std::string> names = {"trigger", "effective"};
        if (o.trigger.action != no_index)
            for (const auto& a : deal_.actions[o.trigger.action].attributes)
                if (a.type.kind == model::TypeKind::Date) names.push_back(a.id);
        for (const auto& f : deal_.facts)
            if (f.type.kind == model::TypeKind::Date) names.push_back(f.id);
        auto hint = util::did_you_mean(name, names);
        error(DiagnosticCode::invalid_deadline, where,
              "a deadline cannot count from `" + name + "`",
              !hint.empty() ? hint
                            : "it counts from " + util::one_of(names) +
                                  ", or a date (a date attribute of the triggering event "
                                  "when the trigger is an event)",
              span);
        return false;
    }

    void power(model::Power& p) {
        p.party =
            find(DiagnosticCode::unknown_party, deal_.parties, p.party_id, p.party_where, "party");
        p.action = find(DiagnosticCode::unknown_action, deal_.actions, p.action_id, p.action_where,
                        "action kind");
        p.opened_by =
            p.opening == model::Power::Opening::Violated
                ? find_in(obligation_index_, p.opened_by_id, p.opened_by_where, "obligation")
                : find_in(power_index_, p.opened_by_id, p.opened_by_where, "power");
        for (std::size_t i = 0; i < p.target_ids.size(); ++i)
            p.targets.push_back(find_in(obligation_index_, p.target_ids[i],
                                        model::location(deal_, p.target_where[i]), "obligation"));
        bool pauses = p.effect != model::Power::Effect::Terminate;
        if (pauses && p.target_ids.empty())
            error(DiagnosticCode::invalid_power, p.effect_where,
                  "power `" + p.id + "` " + std::string(model::to_string(p.effect)) +
                      "s no obligation",
                  "list them: `obligations: [deliver-goods]`");
        if (!pauses && !p.target_ids.empty())
            error(DiagnosticCode::invalid_power, model::location(deal_, p.target_where.front()),
                  "a power that terminates discharges every obligation",
                  "remove `obligations`: termination ends the deal");
    }

    // A later agreement's `terminates` may name an obligation (the checker of clauses
    // leaves those ids to this one).
    void terminated_by_agreements() {
        for (std::uint32_t a = 0; a < deal_.agreements.size(); ++a) {
            const auto& agreement = deal_.agreements[a];
            for (std::size_t i = 0; i < agreement.terminates_ids.size(); ++i) {
                auto it = obligation_index_.find(agreement.terminates_ids[i]);
                if (it == obligation_index_.end()) continue;
                auto& o = deal_.obligations[it->second];
                if (o.agreement >= deal_.agreements.size()) continue;
                if (agreement.effective <= deal_.agreements[o.agreement].effective) {
                    error(DiagnosticCode::not_a_later_agreement, agreement.terminates_where[i],
                          "obligation `" + o.id + "` belongs to agreement `" +
                              deal_.agreements[o.agreement].id +
                              "`, which is not earlier than this one",
                          "only a later agreement can terminate an obligation",
                          static_cast<int>(o.id.size()));
                    continue;
                }
                if (!o.discharged_from || agreement.effective < *o.discharged_from) {
                    o.discharged_from = agreement.effective;
                    o.discharged_by = a;
                }
            }
        }
    }

    // An obligation triggered by a violation or fulfilment of another must not lead
    // back to itself: each instance would trigger the next for ever.
    void cycles() {
        std::vector<int> state(deal_.obligations.size(), 0); // 0 new, 1 on path, 2 done
        std::vector<std::uint32_t> path;
        auto next = [&](std::uint32_t i) -> std::uint32_t {
            const auto& t = deal_.obligations[i].trigger;
            bool chained = t.kind == model::Trigger::Kind::Violated ||
                           t.kind == model::Trigger::Kind::Fulfilled;
            return chained ? t.obligation : no_index;
        };
        for (std::uint32_t start = 0; start < deal_.obligations.size(); ++start) {
            std::uint32_t i = start;
            path.clear();
            while (i != no_index && state[i] == 0) {
                state[i] = 1;
                path.push_back(i);
                i = next(i);
            }
            if (i != no_index && state[i] == 1) {
                std::string chain;
                auto from = std::find(path.begin(), path.end(), i);
                for (auto it = from; it != path.end(); ++it)
                    chain += deal_.obligations[*it].id + " <- ";
                chain += deal_.obligations[i].id;
                const auto& o = deal_.obligations[i];
                error(DiagnosticCode::obligation_cycle, o.trigger.obligation_where,
                      "obligations trigger each other in a cycle: " + chain,
                      "an obligation triggered by another's violation or fulfilment must not "
                      "lead back to itself; trigger one of them by a date or an event",
                      static_cast<int>(o.trigger.obligation_id.size()));
            }
            for (auto p : path)
                state[p] = 2;
        }
    }
};

} // namespace

void check_obligations(model::Deal& deal, ExprChecker& exprs, Diagnostics& diags) {
    ObligationChecker(deal, exprs, diags).run();
}

} // namespace dealcheck::checker
