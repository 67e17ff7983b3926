// agreements_of(): the deal's agreements and their clauses as written, with what
// replaced, amended or terminated what, for browsing (the page of `dealcheck serve`).
#include "compiler/compiled_deal.hpp"
#include "dealcheck/agreements.hpp"

namespace dealcheck {

std::vector<AgreementListing> agreements_of(const Deal& deal) {
    const auto& m = deal.compiled().model;
    std::vector<AgreementListing> out;
    for (const auto& a : m.agreements) {
        AgreementListing listing;
        listing.id = a.id;
        listing.title = a.title;
        listing.effective = a.effective;
        listing.file = a.file;
        listing.terminates = a.terminates_ids;
        out.push_back(std::move(listing));
    }
    for (const auto& c : m.clauses) {
        if (c.agreement >= out.size()) continue;
        ClauseListing listing;
        // The fields of the ClauseRef an answer quotes.
        listing.clause.id = c.id;
        listing.clause.title = c.title;
        listing.clause.quote = c.quote;
        listing.clause.cite = c.cite;
        listing.clause.tag = std::string(model::to_string(c.tag));
        listing.clause.effect = std::string(model::to_string(c.effect));
        listing.clause.agreement = out[c.agreement].id;
        listing.clause.where = model::location(m, c.where);
        listing.replaces = c.replaces_ids;
        listing.amends = c.amends_id;
        listing.in_force_from = c.in_force_from;
        listing.superseded_from = c.superseded_from;
        if (c.superseded_by < m.agreements.size())
            listing.superseded_by = m.agreements[c.superseded_by].id;
        out[c.agreement].clauses.push_back(std::move(listing));
    }
    return out;
}

} // namespace dealcheck
