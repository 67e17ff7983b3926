// What status says of every obligation instance and power, as of a day, is what the
// reference model written from docs/language.md says (lifecycle_reference.hpp).
#include "differences.hpp"
#include "lifecycle_reference.hpp"
#include "lifecycle_states.hpp"

using namespace dealcheck;
using namespace dealcheck::semantics;

namespace {

std::vector<std::string> engine_lifecycle(const DealStatus& s) {
    std::vector<std::string> out;
    for (const auto& o : s.obligations)
        out.push_back(instance_key(o) + " " + state_words(o) + " triggered " +
                      format_date(o.triggered) + " due " +
                      (o.deadline ? format_date(*o.deadline) : "-") + " paid " +
                      (o.paid.empty() ? "-" : o.paid));
    for (const auto& p : s.powers)
        out.push_back(p.id + " " + std::string(to_string(p.state)));
    return out;
}

Property status_as_reference(ReferenceRules rules) {
    return [rules](const Case& c) -> std::string {
        auto day = day_of(c);
        auto why = differing(engine_lifecycle(c.deal.status(day)),
                             reference_lifecycle(c.spec, day, rules));
        return why.empty() ? why
                           : "as of " + format_date(day) +
                                 ", status (-) and the reference model (+) differ:\n" + why;
    };
}

} // namespace

TEST_CASE("status says what a reference model of the lifecycle says",
          "[semantics][lifecycle][reference]") {
    auto o = lifecycle_options(deal_count(40), 6);
    require_holds(run(status_as_reference({}), o), o.deals * o.questions_per_deal);
}

TEST_CASE("negative control: a reference model that is late on the deadline day is caught",
          "[semantics][lifecycle][reference][negative]") {
    ReferenceRules wrong;
    wrong.deadline_day_late = true;
    require_caught(run(status_as_reference(wrong), control_options(6)));
}
