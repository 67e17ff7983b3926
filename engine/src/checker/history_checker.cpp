#include "checker/history_checker.hpp"

#include "model/value_text.hpp"
#include "util/fuzzy_match.hpp"

#include <algorithm>

namespace dealcheck::checker {

namespace {

using model::no_index;

class HistoryChecker {
  public:
    HistoryChecker(model::Deal& deal, const std::vector<std::string>& strings, Diagnostics& diags)
        : deal_(deal), strings_(strings), diags_(diags) {}

    void run() {
        Date start = deal_.agreements.empty() ? Date{} : deal_.agreements.front().effective;
        for (const auto& a : deal_.agreements)
            start = std::min(start, a.effective);
        for (auto& e : deal_.events) {
            if (!deal_.agreements.empty() && e.date < start)
                error(DiagnosticCode::event_before_deal, model::event_where(deal_, e),
                      "the event is dated " + format_date(e.date) +
                          ", before the deal's first agreement (" + format_date(start) + ")",
                      "a history lists what happened under the deal");
            if (!e.action_text.empty())
                action_event(e);
            else if (!e.fact_text.empty())
                fact_event(e);
        }
        by_date();
        facts_from_events();
    }

  private:
    model::Deal& deal_;
    const std::vector<std::string>& strings_;
    Diagnostics& diags_;

    void error(DiagnosticCode code, const SourceLocation& where, std::string message,
               std::string hint = {}, int span = 1) {
        Diagnostic d(code);
        d.where = where;
        d.message = std::move(message);
        d.hint = std::move(hint);
        d.span = span;
        d.source_line = model::source_line(deal_, where.file, where.line);
        diags_.add(std::move(d));
    }

    template <class Items>
    std::uint32_t find(DiagnosticCode code, const Items& items, const std::string& id,
                       const SourceLocation& where, const std::string& what) {
        for (std::uint32_t i = 0; i < items.size(); ++i)
            if (items[i].id == id) return i;
        auto ids = model::ids_of(items);
        auto hint = util::did_you_mean(id, ids);
        error(code, where, "unknown " + what + " `" + id + "`",
              hint.empty() ? "the deal's " + what + "s are " + util::one_of(ids) : hint,
              static_cast<int>(id.size()));
        return no_index;
    }

    void action_event(model::Event& e) {
        e.action = find(DiagnosticCode::unknown_action, deal_.actions, e.action_text,
                        model::event_where(deal_, e, e.action_at), "action kind");
        if (!e.party_text.empty())
            e.party = find(DiagnosticCode::unknown_party, deal_.parties, e.party_text,
                           model::event_where(deal_, e, e.party_at), "party");
        if (e.action == no_index) return;
        const auto& action = deal_.actions[e.action];
        for (const auto& a : e.attribute_text) {
            auto it = std::find_if(action.attributes.begin(), action.attributes.end(),
                                   [&](const model::Attribute& x) { return x.id == a.name; });
            if (it == action.attributes.end()) {
                auto ids = model::ids_of(action.attributes);
                auto hint = util::did_you_mean(a.name, ids);
                error(DiagnosticCode::unknown_attribute, model::event_where(deal_, e, a.key_at),
                      "action `" + action.id + "` has no attribute `" + a.name + "`",
                      !hint.empty() ? hint
                      : ids.empty() ? "it takes no attributes"
                                    : "its attributes are " + util::all_of(ids));
                continue;
            }
            auto v = model::parse_value(deal_, it->type, a.text, strings_);
            if (!v.value) {
                error(DiagnosticCode::wrong_value_type, model::event_where(deal_, e, a.at),
                      v.error + " (attribute `" + a.name + "` is " +
                          model::type_name(deal_, it->type) + ")",
                      v.hint);
                continue;
            }
            e.attributes.emplace_back(it->global, *v.value);
        }
    }

    void fact_event(model::Event& e) {
        e.fact = find(DiagnosticCode::unknown_fact, deal_.facts, e.fact_text,
                      model::event_where(deal_, e, e.fact_at), "fact");
        if (e.fact == no_index) return;
        const auto& fact = deal_.facts[e.fact];
        if (fact.is_reading) {
            error(DiagnosticCode::reading_in_history, model::event_where(deal_, e, e.fact_at),
                  "`" + fact.id + "` is a reading, not a fact that can change",
                  "questions choose a reading with `--reading`");
            e.fact = no_index;
            return;
        }
        auto v = model::parse_value(deal_, fact.type, e.value_text, strings_);
        if (!v.value) {
            error(DiagnosticCode::wrong_value_type, model::event_where(deal_, e, e.value_at),
                  v.error + " (fact `" + fact.id + "` is " + model::type_name(deal_, fact.type) +
                      ")",
                  v.hint);
            e.fact = no_index;
            return;
        }
        e.value = *v.value;
    }

    // Orders the events by date, those of a day as written. Sorting indexes and moving
    // each event once: an event is large, and a history may hold 100k of them.
    void by_date() {
        auto& events = deal_.events;
        std::vector<std::uint32_t> order(events.size());
        for (std::uint32_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return events[a].date < events[b].date;
        });
        if (std::is_sorted(order.begin(), order.end())) return;
        std::vector<model::Event> sorted;
        sorted.reserve(events.size());
        for (auto i : order)
            sorted.push_back(std::move(events[i]));
        events = std::move(sorted);
    }

    // A fact's events replace what the rules record as known from the first event on:
    // each event's value holds from its date until the next event of the same fact.
    void facts_from_events() {
        // Each fact's events, in date order, from one pass over the history.
        std::vector<std::vector<std::uint32_t>> by_fact(deal_.facts.size());
        for (std::uint32_t i = 0; i < deal_.events.size(); ++i)
            if (deal_.events[i].fact != no_index) by_fact[deal_.events[i].fact].push_back(i);
        for (std::uint32_t f = 0; f < deal_.facts.size(); ++f) {
            const auto& events = by_fact[f];
            if (events.empty()) continue;
            auto& known = deal_.facts[f].known;
            Date first = deal_.events[events[0]].date;
            std::erase_if(known, [&](const model::KnownValue& k) { return k.from >= first; });
            for (auto& k : known)
                k.through = std::min(k.through, Date{first.days - 1});
            for (std::size_t k = 0; k < events.size(); ++k) {
                const auto& e = deal_.events[events[k]];
                if (k + 1 < events.size() && deal_.events[events[k + 1]].date == e.date) {
                    error(DiagnosticCode::fact_changes_twice,
                          model::event_where(deal_, deal_.events[events[k + 1]]),
                          "fact `" + deal_.facts[f].id + "` changes twice on " +
                              format_date(e.date),
                          "an event on line " + std::to_string(e.at.line) +
                              " already sets it that day");
                    continue;
                }
                model::KnownValue v;
                v.text = e.value_text;
                v.value = e.value;
                v.from = e.date;
                v.through = k + 1 < events.size() ? Date{deal_.events[events[k + 1]].date.days - 1}
                                                  : Date{2932896}; // 9999-12-31
                v.where = model::event_where(deal_, e);
                v.event = events[k];
                known.push_back(std::move(v));
            }
        }
    }
};

} // namespace

void check_history(model::Deal& deal, const std::vector<std::string>& strings, Diagnostics& diags) {
    HistoryChecker(deal, strings, diags).run();
}

} // namespace dealcheck::checker
