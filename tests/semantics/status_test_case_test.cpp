// A `status` test case written from what `status` says passes `dealcheck test`, and the
// same case with one state changed fails, naming it.
#include "dealcheck/tester.hpp"
#include "differences.hpp"
#include "lifecycle_states.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <map>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

// What a case expects: each obligation's (or instance's) and each power's state words.
struct Expected {
    std::map<std::string, std::string> obligations, powers;
};

using ExpectedOf = std::function<Expected(const Case&, Date day)>;

// What status says as of the day, with "not triggered" for an obligation with none.
Expected from_status(const Case& c, Date day) {
    auto s = c.deal.status(day);
    Expected e;
    for (const auto& a : c.spec.agreements)
        for (const auto& o : a.obligations)
            e.obligations[o.id] = "not triggered";
    for (const auto& o : s.obligations) {
        e.obligations.erase(o.id);
        e.obligations[instance_key(o)] = state_words(o);
    }
    for (const auto& p : s.powers)
        e.powers[p.id] = std::string(to_string(p.state));
    return e;
}

std::string yaml_map(const std::map<std::string, std::string>& m) {
    std::string out = "{";
    for (const auto& [key, value] : m)
        out += (out.size() > 1 ? ", " : "") + ("\"" + key + "\": \"" + value + "\"");
    return out + "}";
}

std::string test_case(const std::string& name, Date day, const Expected& e) {
    std::string out = "  - name: " + name + "\n    status: " + format_date(day) +
                      "\n    expect:\n      obligations: " + yaml_map(e.obligations) + "\n";
    if (!e.powers.empty()) out += "      powers: " + yaml_map(e.powers) + "\n";
    return out;
}

// Another state word a case may expect.
std::string other_than(const std::string& state) {
    return state == "violated" ? "fulfilled late" : "violated";
}

Property round_trip(ExpectedOf expected_of) {
    return [expected_of](const Case& c) -> std::string {
        auto day = day_of(c);
        auto expected = expected_of(c, day);
        if (expected.obligations.empty()) return {}; // nothing to change
        auto changed = expected;
        auto& [key, state] = *changed.obligations.begin();
        state = other_than(state);
        test::TempDir dir;
        auto file = (dir.path() / "status.yaml").string();
        std::ofstream(file) << "cases:\n"
                            << test_case("as status says", day, expected)
                            << test_case("one state changed", day, changed);
        TestOptions options;
        options.today = fixed_today;
        auto run = run_tests(c.deal, {file}, options);
        if (run.cases.size() != 2)
            return "dealcheck test runs " + std::to_string(run.cases.size()) +
                   " cases of 2: " + render(run.diagnostics);
        std::string why;
        const auto& as_said = run.cases[0];
        if (as_said.status != TestCaseResult::Status::Passed)
            why += "the case written from status as of " + format_date(day) + " does not pass: " +
                   (as_said.failures.empty() ? std::string(to_string(as_said.status))
                                             : as_said.failures.front()) +
                   "\n";
        const auto& wrong = run.cases[1];
        bool named = std::any_of(
            wrong.failures.begin(), wrong.failures.end(),
            [&key = key](const std::string& f) { return f.find(key) != std::string::npos; });
        if (wrong.status != TestCaseResult::Status::Failed || !named)
            why += "the case with " + key + " expected " + state + " does not fail naming it\n";
        return why;
    };
}

} // namespace

TEST_CASE("a status test case written from status passes, and fails with a state changed",
          "[semantics][lifecycle][test]") {
    auto o = lifecycle_options(deal_count(40), 3);
    require_holds(run(round_trip(from_status), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a status test case written from a month before is caught",
          "[semantics][lifecycle][test][negative]") {
    auto month_before = [](const Case& c, Date day) { return from_status(c, Date{day.days - 30}); };
    require_caught(run(round_trip(month_before), control_options(3)));
}
