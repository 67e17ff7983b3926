// `status --json` validates against docs/schema/status.schema.json and says what the
// text of `status` says: each instance's state, since when, its deadline and what was
// paid, each power's state, and whether the deal was terminated.
#include "dealcheck/render.hpp"
#include "differences.hpp"
#include "json.hpp"
#include "lifecycle_states.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <regex>
#include <sstream>

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

using Renderer = std::function<std::string(const DealStatus&)>;

const std::string schema = std::string(DEALCHECK_SCHEMA_DIR) + "/status.schema.json";

std::string words(const std::string& state, bool suspended, bool late) {
    return state + (suspended ? ", suspended" : "") + (late ? " late" : "");
}

std::vector<std::string> json_states(const std::string& text) {
    auto doc = e2e::Json::parse(text);
    auto date = [](const e2e::Json& j) { return j.is_null() ? std::string("-") : j.string(); };
    std::vector<std::string> out;
    for (const auto& o : doc["obligations"].items())
        out.push_back(o["id"].string() + "#" +
                      std::to_string(static_cast<int>(o["instance"].number())) + " " +
                      words(o["state"].string(), o["suspended"].boolean(), o["late"].boolean()) +
                      " since " + o["since"].string() + " due " + date(o["deadline"]) + " paid " +
                      (o.has("paid") ? o["paid"].string() : "-"));
    for (const auto& p : doc["powers"].items())
        out.push_back(p["id"].string() + " " + p["state"].string() + " since " + date(p["since"]));
    out.push_back("terminated " + date(doc["terminated"]));
    return out;
}

// The same lines read back from the text, section by section.
std::vector<std::string> text_states(const std::string& text) {
    static const std::regex header(R"(^\S+ as of \S+(: terminated on (\S+))?$)"),
        obligation(R"(^  (\S+) #(\d+)  (.+) since (\S+)  \(.*\)$)"),
        owed(R"(^    .*?(\(paid ([^,]+), open [^)]+\))?(; due by (\S+))?(; no deadline stated)?$)"),
        power(R"(^  (\S+)  (dormant|open|exercised|lapsed)( since (\S+))?  \(.*\)$)");
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line, section, terminated = "-";
    std::smatch m;
    bool owed_next = false;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, header)) {
            if (m[2].matched) terminated = m[2];
        } else if (!line.starts_with(" ")) {
            section = line;
        } else if (section == "obligations:" && std::regex_match(line, m, obligation)) {
            out.push_back(m[1].str() + "#" + m[2].str() + " " + m[3].str() + " since " +
                          m[4].str());
            owed_next = true;
        } else if (owed_next && std::regex_match(line, m, owed)) {
            out.back() += " due " + (m[4].matched ? m[4].str() : "-") + " paid " +
                          (m[2].matched ? m[2].str() : "-");
            owed_next = false;
        } else if (section == "powers:" && std::regex_match(line, m, power)) {
            out.push_back(m[1].str() + " " + m[2].str() + " since " +
                          (m[4].matched ? m[4].str() : "-"));
        }
    }
    out.push_back("terminated " + terminated);
    return out;
}

Property json_says_text(Renderer json_of) {
    return [json_of](const Case& c) -> std::string {
        auto status = c.deal.status(day_of(c));
        auto why = differing(json_states(json_of(status)), text_states(render_status_text(status)));
        return why.empty() ? why
                           : "as of " + format_date(day_of(c)) +
                                 ", status --json (-) and the text (+) differ:\n" + why;
    };
}

// Every status of the generated cases, validated in one run of the validator; the first
// invalid one, shrunk (each try runs the validator: `shrink_budget` tries at most).
Outcome check_statuses(const Renderer& json_of, std::size_t deals, std::size_t days,
                       int shrink_budget) {
    struct Source {
        DealSpec spec;
        Question question;
    };
    std::vector<Source> sources;
    std::vector<std::string> documents;
    for (std::uint64_t seed = 1; seed <= deals; ++seed) {
        auto spec = generate_deal(seed);
        std::string error;
        auto deal = load_deal(spec, &error);
        INFO(error);
        REQUIRE(deal);
        for (const auto& q : generate_questions(spec, seed, days)) {
            documents.push_back(json_of(deal->status(q.date ? *q.date : fixed_today)));
            sources.push_back({spec, q});
        }
    }
    Outcome outcome;
    outcome.cases = documents.size();
    auto report = schema_errors(schema, documents);
    if (report.empty()) return outcome;
    std::smatch line;
    std::size_t first = 0;
    if (std::regex_search(report, line, std::regex(R"(line (\d+):)")))
        first = std::stoul(line[1]) - 1;
    REQUIRE(first < sources.size());
    Property alone = [json_of](const Case& c) {
        return schema_errors(schema, {json_of(c.deal.status(day_of(c)))});
    };
    outcome.failure =
        shrink({sources[first].spec, sources[first].question, report}, alone, shrink_budget);
    return outcome;
}

// The JSON with its first state word replaced by another of the schema's words.
std::string first_state_changed(const DealStatus& s) {
    auto json = render_status_json(s);
    auto at = json.find("\"state\":\"");
    if (at == std::string::npos) return json;
    at += 9;
    auto end = json.find('"', at);
    auto state = json.substr(at, end - at);
    return json.replace(at, end - at, state == "pending" ? "violated" : "pending");
}

} // namespace

TEST_CASE("status --json says what the text of status says", "[semantics][lifecycle][json]") {
    auto o = lifecycle_options(deal_count(40), 6);
    require_holds(run(json_says_text(render_status_json), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a JSON status with a state changed is caught",
          "[semantics][lifecycle][json][negative]") {
    require_caught(run(json_says_text(first_state_changed), control_options(2)));
}

TEST_CASE("every status --json validates against its schema", "[semantics][lifecycle][json]") {
    auto deals = deal_count(40);
    require_holds(check_statuses(render_status_json, deals, 6, 25), deals * 6);
}

TEST_CASE("negative control: a JSON status with a state outside the schema is caught",
          "[semantics][lifecycle][json][negative]") {
    auto misspelt = [](const DealStatus& s) {
        auto json = render_status_json(s);
        auto at = json.find("\"state\":\"");
        return at == std::string::npos ? json : json.insert(at + 9, "maybe-");
    };
    require_caught(check_statuses(misspelt, 2, 4, 0));
}
