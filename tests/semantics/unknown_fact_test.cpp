// A fact given as `unknown` means every value it may take: the answer is the verdict
// all its values give when they agree, and DEPENDS (naming the fact) when they do not;
// consequences that follow only for some values are not listed as certain, and the
// fact is named; it is never assumed from what the rules record. The reference asks
// once per value.
#include "differences.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

// Answers the question as the implementation under test does.
using Ask = std::function<AnswerResult(const Deal&, const Question&)>;

AnswerResult real_ask(const Deal& deal, const Question& q) {
    return deal.ask(q, fixed_today);
}

struct Outcome {
    VerdictKind verdict;
    std::vector<std::string> consent_of;
    std::vector<std::string> consequences; // the clauses whose consequences follow, sorted
    bool same_verdict(const Outcome& o) const {
        return verdict == o.verdict && consent_of == o.consent_of;
    }
};

std::vector<std::string> consequence_clauses(const Answer& a) {
    std::vector<std::string> out;
    for (const auto& c : a.consequences)
        out.push_back(c.clause.id);
    std::sort(out.begin(), out.end());
    return out;
}

Outcome outcome(const Answer& a) {
    return {a.verdict, a.consent_of, consequence_clauses(a)};
}

Property unknown_means_every_value(Ask ask) {
    return [ask](const Case& c) -> std::string {
        for (const auto& [fact, given] : c.question.facts) {
            if (given != "unknown" || fact_values(fact).empty()) continue;
            auto tested = ask(c.deal, c.question);
            if (!tested.answer) return "ask refuses the question: " + render(tested.diagnostics);
            const auto& a = *tested.answer;
            std::vector<Outcome> per_value;
            for (const auto& v : fact_values(fact)) {
                auto q = c.question;
                q.facts[fact] = v;
                auto r = c.deal.ask(q, fixed_today);
                if (!r.answer) return "ask refuses " + question_text(q);
                per_value.push_back(outcome(*r.answer));
            }
            bool agree = std::all_of(per_value.begin(), per_value.end(),
                                     [&](const auto& o) { return o.same_verdict(per_value[0]); });
            Differences d;
            for (const auto& assumed : a.assumed)
                if (assumed.name == fact)
                    d.note("assumes " + fact + " = " + assumed.value +
                           " though it was given unknown");
            auto names = dependency_names(a);
            bool named = std::find(names.begin(), names.end(), fact) != names.end();
            if (agree && per_value.front().verdict != VerdictKind::Depends) {
                d.compare("verdict", a.verdict, per_value.front().verdict);
                d.compare("consent of", a.consent_of, per_value.front().consent_of);
                // Only what follows whatever the value is listed as certain.
                auto certain = per_value.front().consequences;
                bool vary = false;
                for (const auto& o : per_value) {
                    vary |= o.consequences != per_value.front().consequences;
                    std::erase_if(certain, [&](const std::string& c) {
                        return std::find(o.consequences.begin(), o.consequences.end(), c) ==
                               o.consequences.end();
                    });
                }
                d.compare("consequences", consequence_clauses(a), certain);
                if (vary && !named)
                    d.note("the consequences vary with " + fact + ", but depends_on " +
                           show(names) + " does not name it");
            } else {
                d.compare("verdict", a.verdict, VerdictKind::Depends);
                bool definite_split =
                    !agree && std::none_of(per_value.begin(), per_value.end(), [](const auto& o) {
                        return o.verdict == VerdictKind::Depends;
                    });
                if (definite_split && !named)
                    d.note("depends_on " + show(names) + " does not name " + fact);
            }
            auto why = d.str("given " + fact + "=unknown, the answer is not what its values give");
            if (!why.empty()) return why;
        }
        return {};
    };
}

} // namespace

TEST_CASE("a fact given as unknown means every value it may take", "[semantics][unknown]") {
    RunOptions o;
    o.deals = deal_count(40);
    o.questions_per_deal = 100;
    require_holds(run(unknown_means_every_value(real_ask), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: an ask that reads unknown as a value is caught",
          "[semantics][unknown][negative]") {
    auto as_false = [](const Deal& deal, Question q) {
        for (auto& [fact, value] : q.facts)
            if (value == "unknown" && !fact_values(fact).empty()) value = fact_values(fact).back();
        return deal.ask(q, fixed_today);
    };
    RunOptions o;
    o.deals = 10;
    require_caught(run(unknown_means_every_value(as_false), o));
}

TEST_CASE("negative control: an answer that lists every value's consequences as certain is caught",
          "[semantics][unknown][negative]") {
    // What answers did before: the consequences of every case, merged, as if all held.
    auto merged = [](const Deal& deal, const Question& q) {
        auto r = deal.ask(q, fixed_today);
        if (!r.answer) return r;
        for (const auto& [fact, value] : q.facts) {
            if (value != "unknown") continue;
            for (const auto& v : fact_values(fact)) {
                auto each = q;
                each.facts[fact] = v;
                auto e = deal.ask(each, fixed_today);
                if (!e.answer || e.answer->verdict != r.answer->verdict) continue;
                for (const auto& c : e.answer->consequences)
                    if (std::none_of(
                            r.answer->consequences.begin(), r.answer->consequences.end(),
                            [&](const ConsequenceRef& x) { return x.clause.id == c.clause.id; }))
                        r.answer->consequences.push_back(c);
            }
        }
        return r;
    };
    RunOptions o;
    o.deals = 20;
    require_caught(run(unknown_means_every_value(merged), o));
}
