// A deal's agreements and their clauses as written, with what replaced, amended or
// terminated what: for browsing a deal (the page of `dealcheck serve`).
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/deal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dealcheck {

struct ClauseListing {
    ClauseRef clause;                    // as an answer quotes it
    std::vector<std::string> replaces;   // clause ids it replaces
    std::string amends;                  // the clause it amends, or ""
    Date in_force_from{};                // its first day in force
    std::optional<Date> superseded_from; // the day a later agreement displaced it
    std::string superseded_by;           // that agreement's id, or ""
};

struct AgreementListing {
    std::string id, title, file;
    Date effective{};
    std::vector<std::string> terminates; // agreement ids
    std::vector<ClauseListing> clauses;  // in file order
};

// In the deal's order (deal.yaml's `agreements`).
std::vector<AgreementListing> agreements_of(const Deal& deal);

// [{id, title, effective, file, terminates, clauses: [{id, title, effect, tag, quote,
// cite, file, line, replaces, amends, in_force_from, superseded_from, superseded_by}]}]
// (docs/schema/server.schema.json), no trailing newline.
std::string render_agreements_json(const std::vector<AgreementListing>& agreements);

} // namespace dealcheck
