// Every `analyze` finding is confirmed by the evaluator, asked with --explain: a
// conflict's clauses all apply to its example, a shadowed clause is overridden in its
// example, a gap's example is NOT-COVERED, and a dead clause applies to none of the
// generated questions. On deals built to have no conflict, analyze reports none.
// The solver takes seconds per deal: a few small deals only.
#include "dealcheck/analysis.hpp"
#include "differences.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using Analyzer = std::function<AnalysisReport(const Deal&)>;

AnalysisReport real_analyze(const Deal& deal) {
    AnalysisOptions o;
    o.timeout_ms = 5000;
    return analyze(deal, o);
}

Answer explained(const Deal& deal, const Question& q) {
    AskOptions o;
    o.explain = true;
    auto a = deal.ask(q, fixed_today, o);
    return a.answer ? *a.answer : Answer{};
}

ClauseTrace::Status status_of(const Answer& a, const std::string& clause) {
    for (const auto& t : a.explanation->clauses)
        if (t.clause.id == clause) return t.status;
    return ClauseTrace::Status::NotYetInForce; // not a clause of the question's action
}

// Why the evaluator does not confirm the finding; empty when it does.
std::string unconfirmed(const Case& c, const Finding& f) {
    if (f.kind == FindingKind::Dead) {
        for (const auto& q : generate_questions(c.spec, 99, 300)) {
            auto a = explained(c.deal, q);
            if (a.explanation && status_of(a, f.clauses.front()) == ClauseTrace::Status::Applies)
                return "`" + f.clauses.front() + "` is reported dead but applies to " +
                       question_text(q);
        }
        return {};
    }
    if (!f.example) return "the finding has no example";
    auto a = explained(c.deal, f.example->question);
    if (!a.explanation) return "ask refuses the example " + question_text(f.example->question);
    auto where = " in " + question_text(f.example->question);
    for (const auto& id : f.clauses) {
        auto s = status_of(a, id);
        if (f.kind == FindingKind::Conflict && s != ClauseTrace::Status::Applies)
            return "conflict: `" + id + "` is " + std::string(to_string(s)) + where;
        if (f.kind == FindingKind::Shadowed && id == f.clauses.front() &&
            s != ClauseTrace::Status::Overridden)
            return "shadowed: `" + id + "` is " + std::string(to_string(s)) + where;
    }
    if (f.kind == FindingKind::Gap && a.verdict != VerdictKind::NotCovered)
        return "gap: the example is " + show(a.verdict) + where;
    return {};
}

Property findings_confirmed(Analyzer analyzer, bool conflict_free) {
    return [analyzer, conflict_free](const Case& c) -> std::string {
        auto r = analyzer(c.deal);
        for (const auto& f : r.findings) {
            if (conflict_free && f.kind == FindingKind::Conflict)
                return "a conflict on a deal built to have none: " + f.message;
            auto why = unconfirmed(c, f);
            if (!why.empty())
                return std::string(to_string(f.kind)) + " finding `" + f.message +
                       "` not confirmed: " + why;
        }
        return {};
    };
}

RunOptions small_deals(bool conflict_free, std::uint64_t first_seed) {
    RunOptions o;
    o.generator.conflict_free = conflict_free;
    o.generator.agreements = 3;
    o.generator.clauses_per_agreement = 5;
    o.deals = std::max<std::size_t>(2, deal_count(40) / 20);
    o.questions_per_deal = 1; // the property analyzes the deal; the question is unused
    o.first_seed = first_seed;
    o.shrink_budget = 60; // each try runs the solver
    return o;
}

} // namespace

TEST_CASE("every analyze finding is confirmed by the evaluator", "[semantics][analysis]") {
    require_holds(run(findings_confirmed(real_analyze, false), small_deals(false, 1)), 2);
}

TEST_CASE("analyze finds no conflict on deals built to have none", "[semantics][analysis]") {
    require_holds(run(findings_confirmed(real_analyze, true), small_deals(true, 101)), 2);
}

TEST_CASE("negative control: an analyzer that calls every clause dead is caught",
          "[semantics][analysis][negative]") {
    auto all_dead = [](const Deal& deal) {
        AnalysisReport r;
        for (const auto& id : deal.summary().clauses) {
            Finding f;
            f.kind = FindingKind::Dead;
            f.message = "`" + id + "` applies to no question";
            f.clauses = {id};
            r.findings.push_back(f);
        }
        return r;
    };
    require_caught(run(findings_confirmed(all_dead, false), small_deals(false, 1)));
}
