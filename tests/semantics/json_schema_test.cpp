// The JSON answer of every generated question (with explanations and what-ifs for some)
// validates against docs/schema/answer.schema.json, checked by Debian's
// python3-jsonschema over all answers at once; a failing answer is shrunk by checking
// it alone.
#include "dealcheck/render.hpp"
#include "differences.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <regex>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using Renderer = std::function<std::string(const Answer&)>;

const std::string schema = std::string(DEALCHECK_SCHEMA_DIR) + "/answer.schema.json";

std::string json_answer(const Deal& deal, const Question& q, std::size_t index,
                        const Renderer& render_answer) {
    AskOptions o;
    o.explain = index % 5 == 0;
    o.what_if = index % 7 == 0;
    auto a = deal.ask(q, fixed_today, o);
    return a.answer ? render_answer(*a.answer) : std::string("{}");
}

// One answer alone: what shrinking checks.
Property answer_valid(Renderer render_answer) {
    return [render_answer](const Case& c) {
        return schema_errors(schema, {json_answer(c.deal, c.question, 0, render_answer)});
    };
}

// Every answer of the generated cases, validated in one run of the validator; the
// first invalid one, shrunk (each try runs the validator: `shrink_budget` tries at most).
Outcome check_answers(const Renderer& render_answer, std::size_t deals, std::size_t per_deal,
                      int shrink_budget) {
    struct Source {
        DealSpec spec;
        Question question;
    };
    std::vector<Source> sources;
    std::vector<std::string> answers;
    for (std::uint64_t seed = 1; seed <= deals; ++seed) {
        auto spec = generate_deal(seed);
        std::string error;
        auto deal = load_deal(spec, &error);
        INFO(error);
        REQUIRE(deal);
        for (const auto& q : generate_questions(spec, seed, per_deal)) {
            answers.push_back(json_answer(*deal, q, answers.size(), render_answer));
            sources.push_back({spec, q});
        }
    }
    Outcome outcome;
    outcome.cases = answers.size();
    auto report = schema_errors(schema, answers);
    if (report.empty()) return outcome;
    std::smatch line;
    std::size_t first = 0;
    if (std::regex_search(report, line, std::regex(R"(line (\d+):)")))
        first = std::stoul(line[1]) - 1;
    REQUIRE(first < sources.size());
    auto property = answer_valid(render_answer);
    outcome.failure =
        shrink({sources[first].spec, sources[first].question, report}, property, shrink_budget);
    return outcome;
}

} // namespace

TEST_CASE("every JSON answer validates against its schema", "[semantics][json]") {
    auto deals = deal_count(20);
    require_holds(check_answers([](const Answer& a) { return render_json(a); }, deals, 60, 25),
                  deals * 60);
}

TEST_CASE("negative control: an answer with a verdict outside the schema is caught",
          "[semantics][json][negative]") {
    auto misspelt = [](const Answer& a) {
        auto json = render_json(a);
        auto at = json.find("\"verdict\":\"");
        REQUIRE(at != std::string::npos);
        return json.insert(at + 11, "maybe-");
    };
    require_caught(check_answers(misspelt, 2, 20, 3));
}
