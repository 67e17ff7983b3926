// Every what-if suggestion, applied to the question, changes what may be done (the
// verdict, NOT-COVERED counting as its default, or whose consent is needed) and gives
// the verdict the suggestion announced.
#include "differences.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

// The question the test asks for a suggestion.
using Apply = std::function<Question(const WhatIf&, const Question& original)>;

std::pair<VerdictKind, std::vector<std::string>> outcome(const Answer& a) {
    return {a.verdict == VerdictKind::NotCovered ? a.default_verdict : a.verdict, a.consent_of};
}

Property suggestions_flip(Apply apply) {
    return [apply](const Case& c) -> std::string {
        AskOptions with_what_if;
        with_what_if.what_if = true;
        auto before = c.deal.ask(c.question, fixed_today, with_what_if);
        if (!before.answer) return "ask refuses the question: " + render(before.diagnostics);
        for (const auto& w : before.answer->what_if) {
            auto changed = apply(w, c.question);
            auto after = c.deal.ask(changed, fixed_today);
            if (!after.answer)
                return "the suggestion `" + w.change +
                       "` is not a question: " + render(after.diagnostics);
            Differences d;
            if (outcome(*after.answer) == outcome(*before.answer))
                d.note("the outcome stays " + show(after.answer->verdict) + " " +
                       show(after.answer->consent_of));
            d.compare("verdict", w.verdict, after.answer->verdict);
            d.compare("consent of", w.consent_of, after.answer->consent_of);
            auto why = d.str("the suggestion `" + w.change + "` (" + question_text(changed) +
                             ") does not do what it says");
            if (!why.empty()) return why;
        }
        return {};
    };
}

} // namespace

TEST_CASE("every what-if suggestion, applied, flips the verdict", "[semantics][what-if]") {
    RunOptions o;
    o.deals = deal_count(30);
    o.questions_per_deal = 100;
    require_holds(
        run(suggestions_flip([](const WhatIf& w, const Question&) { return w.question; }), o),
        o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a what-if suggestion left unapplied is caught",
          "[semantics][what-if][negative]") {
    RunOptions o;
    o.deals = 10;
    require_caught(
        run(suggestions_flip([](const WhatIf&, const Question& original) { return original; }), o));
}
