// The obligation and power changes a timeline reports are those of the obligations and
// powers related to its question, and say what `status --as-of` says of those on every
// day: the day of each change and the days either side of it, and the day of each
// generated question. "Related" is computed here from the deal as written
// (docs/cli.md, "dealcheck timeline"), not by the engine's evaluator/related.cpp.
#include "differences.hpp"
#include "lifecycle_states.hpp"

#include <map>
#include <memory>
#include <set>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using ChangesOf = std::function<std::vector<ObligationChange>(const Case&, const Question&)>;

std::vector<ObligationChange> real_changes(const Case& c, const Question& q) {
    auto t = c.deal.timeline(q);
    return t.timeline ? t.timeline->obligations : std::vector<ObligationChange>{};
}

struct Relation {
    std::set<std::string> obligations, powers;
};

// What a question by `party` about `action` is related to: the obligations `party` owes
// that `action` performs, those an event of `action` by `party` triggers, the powers
// `party` holds over `action`, and what opens those powers (an obligation's violation,
// or another power's exercise, and what opens that one).
Relation related_in(const DealSpec& spec, const std::string& party, const std::string& action) {
    Relation r;
    std::map<std::string, const PowerSpec*> powers;
    std::vector<std::string> todo;
    for (const auto& a : spec.agreements) {
        for (const auto& o : a.obligations)
            if ((o.party == party && o.action == action) ||
                (o.trigger.kind == "event" && o.trigger.party == party &&
                 o.trigger.action == action))
                r.obligations.insert(o.id);
        for (const auto& w : a.powers) {
            powers[w.id] = &w;
            if (w.party == party && w.action == action) todo.push_back(w.id);
        }
    }
    while (!todo.empty()) {
        auto id = todo.back();
        todo.pop_back();
        auto w = powers.find(id);
        if (w == powers.end() || !r.powers.insert(id).second) continue;
        if (w->second->opened_by_kind == "violated")
            r.obligations.insert(w->second->opened_by);
        else
            todo.push_back(w->second->opened_by);
    }
    return r;
}

// Every action the deal's obligations and powers name, and the question's own: each
// is asked by the question's party, so that every relation gets asked about.
std::set<std::string> asked_actions(const Case& c) {
    std::set<std::string> out{c.question.action};
    for (const auto& a : c.spec.agreements) {
        for (const auto& o : a.obligations) {
            out.insert(o.action);
            if (o.trigger.kind == "event") out.insert(o.trigger.action);
        }
        for (const auto& w : a.powers)
            out.insert(w.action);
    }
    return out;
}

// Each instance's and related power's state word on `day`, as the changes up to it
// leave it; powers with no change yet are dormant.
std::vector<std::string> from_changes(const std::vector<ObligationChange>& changes,
                                      const Relation& related, Date day) {
    std::map<std::string, std::string> state;
    for (const auto& p : related.powers)
        state[p] = "dormant";
    for (const auto& c : changes)
        if (c.date <= day)
            state[c.power ? c.id : c.id + "#" + std::to_string(c.instance)] = c.state;
    std::vector<std::string> out;
    for (const auto& [key, words] : state)
        out.push_back(key + " " + words);
    return out;
}

// The status of the related obligations' instances and powers.
std::vector<std::string> from_status(const DealStatus& s, const Relation& related) {
    std::vector<std::string> out;
    for (const auto& o : s.obligations)
        if (related.obligations.count(o.id))
            out.push_back(instance_key(o) + " " + std::string(to_string(o.state)));
    for (const auto& p : s.powers)
        if (related.powers.count(p.id)) out.push_back(p.id + " " + std::string(to_string(p.state)));
    return out;
}

// `related_changes`, when given, counts the questions whose timeline has related changes
// to compare: the property must not hold only because nothing is related.
Property timeline_says_status(ChangesOf changes_of,
                              std::shared_ptr<std::size_t> related_changes = nullptr) {
    return [changes_of, related_changes](const Case& c) -> std::string {
        std::map<std::int32_t, DealStatus> status; // by day, read once for every action
        for (const auto& action : asked_actions(c)) {
            Question q = c.question;
            q.action = action;
            q.attributes.clear(); // the question's fit its own action only
            auto related = related_in(c.spec, q.party, action);
            auto changes = changes_of(c, q);
            if (related_changes && !changes.empty()) ++*related_changes;
            std::vector<Date> days{day_of(c)};
            for (const auto& change : changes)
                for (int k = -1; k <= 1; ++k)
                    days.push_back(Date{change.date.days + k});
            for (auto day : days) {
                auto it = status.find(day.days);
                if (it == status.end()) it = status.emplace(day.days, c.deal.status(day)).first;
                auto why = differing(from_changes(changes, related, day),
                                     from_status(it->second, related));
                if (!why.empty())
                    return "asking " + q.party + " " + action + ": on " + format_date(day) +
                           " the timeline's changes (-) and the status of what is related (+) " +
                           "differ:\n" + why;
            }
        }
        return {};
    };
}

} // namespace

TEST_CASE("a timeline's obligation and power changes say what status says of those related to "
          "its question on each day",
          "[semantics][lifecycle][timeline]") {
    auto o = lifecycle_options(deal_count(40), 2);
    auto related_changes = std::make_shared<std::size_t>(0);
    require_holds(run(timeline_says_status(real_changes, related_changes), o),
                  o.deals * o.questions_per_deal);
    // Most deals have an obligation or power related to some action of theirs.
    CHECK(*related_changes >= o.deals);
}

TEST_CASE("negative control: a timeline with an obligation change a day late is caught",
          "[semantics][lifecycle][timeline][negative]") {
    auto late = [](const Case& c, const Question& q) {
        auto changes = real_changes(c, q);
        if (!changes.empty()) changes.back().date.days += 1;
        return changes;
    };
    require_caught(run(timeline_says_status(late), control_options(2)));
}

TEST_CASE("negative control: a timeline showing every obligation, related or not, is caught",
          "[semantics][lifecycle][timeline][negative]") {
    auto every = [](const Case& c, const Question& q) {
        TimelineOptions options;
        options.all_obligations = true;
        auto t = c.deal.timeline(q, options);
        return t.timeline ? t.timeline->obligations : std::vector<ObligationChange>{};
    };
    require_caught(run(timeline_says_status(every), control_options(2)));
}

TEST_CASE("negative control: a timeline hiding a related obligation is caught",
          "[semantics][lifecycle][timeline][negative]") {
    auto hiding = [](const Case& c, const Question& q) {
        auto changes = real_changes(c, q);
        if (!changes.empty()) {
            auto first = changes.front().id;
            std::erase_if(changes, [&](const ObligationChange& x) { return x.id == first; });
        }
        return changes;
    };
    require_caught(run(timeline_says_status(hiding), control_options(2)));
}
