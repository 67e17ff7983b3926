// A fact given as `unknown` means every value it may take: the answer is the verdict
// all its values give when they agree, and DEPENDS (naming the fact) when they do not;
// it is never assumed from what the rules record. The reference asks once per value.
#include "differences.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

// Answers the question as the implementation under test does.
using Ask = std::function<AnswerResult(const Deal&, const Question&)>;

AnswerResult real_ask(const Deal& deal, const Question& q) {
    return deal.ask(q, fixed_today);
}

std::pair<VerdictKind, std::vector<std::string>> outcome(const Answer& a) {
    return {a.verdict, a.consent_of};
}

Property unknown_means_every_value(Ask ask) {
    return [ask](const Case& c) -> std::string {
        for (const auto& [fact, given] : c.question.facts) {
            if (given != "unknown" || fact_values(fact).empty()) continue;
            auto tested = ask(c.deal, c.question);
            if (!tested.answer) return "ask refuses the question: " + render(tested.diagnostics);
            const auto& a = *tested.answer;
            std::vector<std::pair<VerdictKind, std::vector<std::string>>> per_value;
            for (const auto& v : fact_values(fact)) {
                auto q = c.question;
                q.facts[fact] = v;
                auto r = c.deal.ask(q, fixed_today);
                if (!r.answer) return "ask refuses " + question_text(q);
                per_value.push_back(outcome(*r.answer));
            }
            bool agree = std::all_of(per_value.begin(), per_value.end(),
                                     [&](const auto& o) { return o == per_value.front(); });
            Differences d;
            for (const auto& assumed : a.assumed)
                if (assumed.name == fact)
                    d.note("assumes " + fact + " = " + assumed.value +
                           " though it was given unknown");
            if (agree && per_value.front().first != VerdictKind::Depends) {
                d.compare("verdict", a.verdict, per_value.front().first);
                d.compare("consent of", a.consent_of, per_value.front().second);
            } else {
                d.compare("verdict", a.verdict, VerdictKind::Depends);
                auto names = dependency_names(a);
                bool definite_split =
                    !agree && std::none_of(per_value.begin(), per_value.end(), [](const auto& o) {
                        return o.first == VerdictKind::Depends;
                    });
                if (definite_split && std::find(names.begin(), names.end(), fact) == names.end())
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
