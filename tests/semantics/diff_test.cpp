// `diff` against the evaluator: after one clause of a generated deal is edited (its
// effect turned around), every generated question whose answer changed has its kind
// of change (action, party, old verdict, new verdict) among the changes the report
// shows, unless the report says the search for that action was cut short; and every
// change shown is one the evaluator gives. The deals are those whose formulas the
// solver follows exactly, where diff's search is narrowed most (docs/analysis.md);
// with calendar arithmetic and history sums the search takes minutes per deal.
#include "dealcheck/analysis.hpp"
#include "differences.hpp"

#include <algorithm>
#include <set>
#include <tuple>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using Differ = std::function<DiffReport(const Deal&, const Deal&)>;

DiffReport real_diff(const Deal& old_deal, const Deal& new_deal, unsigned jobs = 0) {
    DiffOptions o;
    o.timeout_ms = 5000;
    o.hypothetical = true; // the generated questions give facts freely
    o.jobs = jobs;
    return diff(old_deal, new_deal, o);
}

// The deal with one permit, forbid or consent clause (picked by `seed`) turned around.
DealSpec edited(DealSpec spec, std::size_t seed) {
    std::vector<ClauseSpec*> clauses;
    for (auto& a : spec.agreements)
        for (auto& c : a.clauses)
            if (c.effect == "permit" || c.effect == "forbid" || c.effect == "consent")
                clauses.push_back(&c);
    if (clauses.empty()) return spec;
    ClauseSpec& c = *clauses[seed % clauses.size()];
    c.effect = c.effect == "permit" ? "forbid" : "permit";
    c.consent_of.clear();
    if (!c.amends.empty() &&
        std::find(c.writes.begin(), c.writes.end(), "effect") == c.writes.end())
        c.writes.push_back("effect");
    return spec;
}

std::set<std::string> sorted(const std::vector<std::string>& v) {
    return {v.begin(), v.end()};
}

bool same_answer(const Answer& a, const Answer& b) {
    if (a.verdict != b.verdict) return false;
    if (a.verdict == VerdictKind::NeedsConsent) return sorted(a.consent_of) == sorted(b.consent_of);
    if (a.verdict == VerdictKind::NotCovered) return a.default_verdict == b.default_verdict;
    return true;
}

std::optional<Answer> asked(const Deal& deal, const Question& q) {
    return deal.ask(q, fixed_today).answer;
}

bool states_unknown(const Question& q) {
    auto unknown = [](const auto& m) {
        return std::any_of(m.begin(), m.end(),
                           [](const auto& kv) { return kv.second == "unknown"; });
    };
    return unknown(q.attributes) || unknown(q.facts);
}

// The case's deal with one clause turned around, the clause picked from its shape; none
// when the loader refuses the edit.
std::optional<Deal> revision(const DealSpec& spec) {
    std::size_t clauses = 0;
    for (const auto& a : spec.agreements)
        clauses += a.clauses.size();
    return load_deal(edited(spec, clauses * 7 + spec.agreements.size()));
}

Property changes_shown(Differ differ) {
    return [differ](const Case& c) -> std::string {
        auto revised = revision(c.spec);
        if (!revised) return {}; // an edit the loader refuses: nothing to compare
        auto r = differ(c.deal, *revised);
        std::set<std::tuple<std::string, std::string, VerdictKind, VerdictKind>> shown;
        for (const auto& ch : r.changes) {
            auto ao = asked(c.deal, ch.old_question), an = asked(*revised, ch.new_question);
            if (!ao || !an) return "a change shown does not bind: " + ch.old_phrase;
            if (same_answer(*ao, *an))
                return "a change shown is no change: " + question_text(ch.old_question);
            if (ch.source == "rules") shown.insert({ch.action, ch.party, ao->verdict, an->verdict});
        }
        std::optional<Date> start; // diff asks from the first agreement on
        for (const auto& a : c.spec.agreements)
            if (auto d = parse_date(a.effective); d && (!start || *d < *start)) start = d;
        for (const auto& q : generate_questions(c.spec, 7, 300)) {
            if (states_unknown(q) || (start && q.date.value_or(fixed_today) < *start)) continue;
            auto ao = asked(c.deal, q), an = asked(*revised, q);
            if (!ao || !an || same_answer(*ao, *an)) continue;
            bool cut_short =
                std::any_of(r.incomplete.begin(), r.incomplete.end(), [&](const std::string& s) {
                    return s.find("`" + q.action + "`") != std::string::npos;
                });
            if (cut_short || shown.count({q.action, q.party, ao->verdict, an->verdict})) continue;
            return "diff does not show " + q.action + " by " + q.party + ": " +
                   std::string(to_string(ao->verdict)) + " -> " +
                   std::string(to_string(an->verdict)) + ", as in\n" + question_text(q);
        }
        return {};
    };
}

// What a report says, without its timing.
std::string said(const DiffReport& r) {
    std::string out;
    for (const auto& c : r.changes)
        out += c.source + " " + c.old_phrase + " | " + c.new_phrase + "\n";
    for (const auto& s : r.incomplete)
        out += "incomplete: " + s + "\n";
    for (const auto& s : r.notes)
        out += "note: " + s + "\n";
    return out;
}

// The same edit diffed on one thread and on `parallel`'s threads says the same.
Property same_on_threads(Differ parallel) {
    return [parallel](const Case& c) -> std::string {
        auto revised = revision(c.spec);
        if (!revised) return {};
        auto one = said(real_diff(c.deal, *revised, 1)), many = said(parallel(c.deal, *revised));
        if (one != many) return "one thread:\n" + one + "three threads:\n" + many;
        return {};
    };
}

RunOptions deals(std::uint64_t first_seed) {
    RunOptions o;
    // No calendar arithmetic, products or history sums.
    o.generator.date_conditions = false;
    o.generator.history = false;
    o.generator.obligations = false;
    o.generator.agreements = 3;
    o.generator.clauses_per_agreement = 5;
    o.deals = std::max<std::size_t>(2, deal_count(40) / 5);
    o.questions_per_deal = 1; // the property generates its own questions
    o.first_seed = first_seed;
    o.shrink_budget = 40; // each try runs the solver
    return o;
}

} // namespace

TEST_CASE("diff shows every kind of change an edit makes", "[semantics][analysis][diff]") {
    auto differ = [](const Deal& o, const Deal& n) { return real_diff(o, n); };
    require_holds(run(changes_shown(differ), deals(1)), 2);
}

TEST_CASE("negative control: a diff that shows no change is caught",
          "[semantics][analysis][diff][negative]") {
    auto nothing = [](const Deal&, const Deal&) { return DiffReport{}; };
    require_caught(run(changes_shown(nothing), deals(1)));
}

TEST_CASE("diff on several threads reports what one thread does", "[semantics][analysis][diff]") {
    auto three = [](const Deal& o, const Deal& n) { return real_diff(o, n, 3); };
    require_holds(run(same_on_threads(three), deals(1)), 2);
}

TEST_CASE("negative control: a parallel diff that loses a change is caught",
          "[semantics][analysis][diff][negative]") {
    auto lossy = [](const Deal& o, const Deal& n) {
        auto r = real_diff(o, n, 3);
        if (!r.changes.empty()) r.changes.pop_back();
        return r;
    };
    require_caught(run(same_on_threads(lossy), deals(1)));
}
