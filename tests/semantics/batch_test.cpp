// A `batch` line (JSON Lines, its own binder and the fast path) is answered as `ask`
// answers the same question.
#include "dealcheck/batch.hpp"
#include "differences.hpp"
#include "json.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

// The question as a batch line, answered by a BatchAnswerer.
using BatchLine = std::function<std::string(const Deal&, const Question&)>;

std::string answer_line(const Deal& deal, const Question& q) {
    BatchAnswerer answerer(deal, fixed_today);
    std::string out;
    answerer.answer(question_text(q), 1, out);
    return out;
}

std::vector<std::string> member_strings(const e2e::Json& doc, const std::string& key) {
    std::vector<std::string> out;
    if (doc.has(key))
        for (const auto& item : doc[key].items())
            out.push_back(item.string());
    return out;
}

Property batch_agrees(BatchLine batch) {
    return [batch](const Case& c) {
        auto full = c.deal.ask(c.question, fixed_today);
        if (!full.answer) return "ask refuses the question: " + render(full.diagnostics);
        const auto& a = *full.answer;
        auto line = batch(c.deal, c.question);
        auto doc = e2e::Json::parse(line);
        if (doc.has("error")) return "batch refuses the question: " + line;
        Differences d;
        d.compare("verdict", doc["verdict"].string(), std::string(verdict_word(a.verdict)));
        d.compare("consent_of", member_strings(doc, "consent_of"),
                  a.verdict == VerdictKind::NeedsConsent ? a.consent_of
                                                         : std::vector<std::string>{});
        if (a.verdict == VerdictKind::NotCovered)
            d.compare("default", doc.has("default") ? doc["default"].string() : "(none)",
                      std::string(verdict_word(a.default_verdict)));
        d.compare("depends_on", member_strings(doc, "depends_on"),
                  a.verdict == VerdictKind::Depends ? dependency_names(a)
                                                    : std::vector<std::string>{});
        d.compare("deciding", member_strings(doc, "deciding"), clause_ids(a.deciding));
        return d.str("batch answers `" + line + "`, ask otherwise");
    };
}

} // namespace

TEST_CASE("batch answers as ask does", "[semantics][batch]") {
    RunOptions o;
    o.deals = deal_count(40);
    o.questions_per_deal = 100;
    require_holds(run(batch_agrees(answer_line), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a batch that answers one day late is caught",
          "[semantics][batch][negative]") {
    auto day_late = [](const Deal& deal, Question q) {
        q.date = Date{q.date->days + 1};
        return answer_line(deal, q);
    };
    RunOptions o;
    o.deals = 10;
    require_caught(run(batch_agrees(day_late), o));
}
