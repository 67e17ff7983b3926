// The fast path (the DecisionIndex behind `batch` and `timeline`) decides as the full
// answer does: verdict, consent parties, default, and the deciding clauses.
#include "differences.hpp"
#include "evaluator/decide.hpp"
#include "question/binder.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using Decider =
    std::function<evaluator::Decision(const CompiledDeal&, const evaluator::BoundQuestion&,
                                      std::span<const Value>, evaluator::DecidingClauses&)>;

Property fast_path_agrees(Decider decide) {
    return [decide](const Case& c) {
        const auto& cd = c.deal.compiled();
        Diagnostics diags;
        auto bound = question::bind(cd, c.question, fixed_today, diags);
        if (!bound) return "the question does not bind: " + render(diags);
        std::vector<Value> facts(cd.model.facts.size());
        evaluator::resolve_facts(cd, bound->bound, facts);
        evaluator::DecidingClauses deciding;
        auto fast = decide(cd, bound->bound, facts, deciding);
        auto full = c.deal.ask(c.question, fixed_today);
        if (!full.answer) return "ask refuses the question: " + render(full.diagnostics);
        const auto& a = *full.answer;
        if (!fast_path_depends_as_answer && fast.verdict == VerdictKind::Depends &&
            a.verdict != VerdictKind::Depends)
            return std::string{}; // the known divergence (deal_generator.hpp)
        Differences d;
        d.compare("verdict", fast.verdict, a.verdict);
        std::vector<std::string> consent_of;
        for (std::size_t p = 0; p < cd.model.parties.size(); ++p)
            if ((fast.consent_of >> p) & 1u) consent_of.push_back(cd.model.parties[p].id);
        d.compare("consent of", consent_of, a.consent_of);
        if (a.verdict == VerdictKind::NotCovered)
            d.compare("default", fast.default_verdict, a.default_verdict);
        if (a.verdict != VerdictKind::Depends) {
            std::vector<std::string> ids;
            for (auto k : deciding.deciding(fast.verdict))
                ids.push_back(cd.model.clauses[k].id);
            for (auto k : deciding.deciding_powers(fast.verdict))
                ids.push_back(cd.model.powers[k].id);
            d.compare("deciding clauses and powers", ids, clause_ids(a.deciding));
        }
        return d.str("the fast path differs from the full answer");
    };
}

evaluator::Decision real_decide(const CompiledDeal& cd, const evaluator::BoundQuestion& q,
                                std::span<const Value> facts,
                                evaluator::DecidingClauses& deciding) {
    return evaluator::decide(cd, q, facts, deciding);
}

} // namespace

TEST_CASE("the fast path decides as the full answer does", "[semantics][fast]") {
    RunOptions o;
    o.deals = deal_count(60);
    o.questions_per_deal = 150;
    require_holds(run(fast_path_agrees(real_decide), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a fast path with forbid and permit swapped is caught",
          "[semantics][fast][negative]") {
    auto swapped = [](const CompiledDeal& cd, const evaluator::BoundQuestion& q,
                      std::span<const Value> facts, evaluator::DecidingClauses& deciding) {
        auto d = evaluator::decide(cd, q, facts, deciding);
        if (d.verdict == VerdictKind::Forbidden)
            d.verdict = VerdictKind::Permitted;
        else if (d.verdict == VerdictKind::Permitted)
            d.verdict = VerdictKind::Forbidden;
        return d;
    };
    RunOptions o;
    o.deals = 5;
    require_caught(run(fast_path_agrees(swapped), o));
}
