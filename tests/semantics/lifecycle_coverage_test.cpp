// The generated deals walk every path of the lifecycle that the lifecycle properties
// are meant to cover: were the generator to stop reaching one (a kind of trigger, a
// late or partial payment, a suspension, a termination), the properties would pass
// without checking it.
#include "differences.hpp"
#include "lifecycle_states.hpp"

#include <map>

using namespace dealcheck;
using namespace dealcheck::semantics;

TEST_CASE("the generated deals walk every path of the lifecycle", "[semantics][lifecycle]") {
    // What each path writes in an instance's or a power's steps (compiler/lifecycle.cpp).
    const std::vector<std::string> paths{
        "triggered on its date",
        "triggered by the violation of",
        "triggered by the fulfilment of",
        "triggered by 20", // by an event: "triggered by 2024-01-01: ..."
        "no deadline is stated",
        "violated: not performed by its deadline",
        "fulfilled: ",
        "fulfilled late: ",
        "paid ", // a part payment
        "suspended by power",
        "resumed by power",
        "discharged: agreement",
        "discharged: the deal is terminated",
        "opened by the violation of",
        "opened by exercising",
        "exercised: ",
        "lapsed: the violation is cured",
        "lapsed: the deal is terminated",
    };
    std::map<std::string, int> seen;
    // Cheap (the deals are only loaded): more deals than the properties run on.
    const auto deals = std::max<std::size_t>(40, deal_count(40));
    for (std::uint64_t seed = 1; seed <= deals; ++seed) {
        auto spec = generate_deal(seed);
        std::string error;
        auto deal = load_deal(spec, &error);
        INFO(error);
        REQUIRE(deal);
        auto status = deal->status(*parse_date("2033-01-01"));
        auto note = [&](const std::vector<StatusStep>& steps) {
            for (const auto& step : steps)
                for (const auto& p : paths)
                    if (step.text.find(p) != std::string::npos) ++seen[p];
        };
        for (const auto& o : status.obligations)
            note(o.steps);
        for (const auto& p : status.powers)
            note(p.steps);
    }
    for (const auto& p : paths) {
        INFO("the path `" << p << "` is taken " << seen[p] << " times in " << deals << " deals");
        CHECK(seen[p] > 0);
    }
}
