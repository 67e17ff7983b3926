#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"

#include <filesystem>

namespace dealcheck::loader {

static std::optional<model::DefaultVerdict> read_default(ScalarReader& sr, const YAML::Node& n,
                                                         const std::string& what) {
    auto s = sr.text(n, what);
    if (!s) return std::nullopt;
    if (*s == "permitted") return model::DefaultVerdict::Permitted;
    if (*s == "forbidden") return model::DefaultVerdict::Forbidden;
    sr.error(n, what + " must be `permitted` or `forbidden`, not `" + *s + "`");
    return std::nullopt;
}

std::vector<FileRef> load_manifest(Context& ctx, std::uint32_t file) {
    std::vector<FileRef> vocabulary;
    auto root = parse_yaml(ctx, file);
    if (!root.IsDefined()) return vocabulary;
    auto& deal = ctx.deal();
    MapReader m(ctx, file, root, "the deal manifest",
                {"deal", "title", "default", "parties", "vocabulary", "agreements"});
    if (!m.is_map()) return vocabulary;
    ScalarReader sr(ctx, file);

    if (auto n = m.require("deal"); n.IsDefined())
        deal.id = sr.identifier(n, "the deal id").value_or("");
    if (auto n = m.get("title"); n.IsDefined()) deal.title = sr.text(n, "the title").value_or("");
    if (auto n = m.get("default"); n.IsDefined())
        deal.default_verdict =
            read_default(sr, n, "the default verdict").value_or(model::DefaultVerdict::Permitted);

    auto parties = m.require("parties");
    if (parties.IsDefined() && !parties.IsSequence())
        sr.error(parties, "`parties` must be a list of parties");
    else if (parties.IsDefined())
        for (const auto& p : parties) {
            MapReader pm(ctx, file, p, "a party", {"id", "name", "aliases"});
            if (!pm.is_map()) continue;
            model::Party party;
            party.where = pm.where();
            if (auto n = pm.require("id"); n.IsDefined())
                party.id = sr.identifier(n, "the party id").value_or("");
            if (auto n = pm.require("name"); n.IsDefined())
                party.name = sr.text(n, "the party name").value_or("");
            if (auto n = pm.get("aliases"); n.IsDefined())
                party.aliases = sr.text_list(n, "an alias");
            if (auto n = pm.get("id"); n.IsDefined() && !party.id.empty()) party.where = sr.at(n);
            deal.parties.push_back(std::move(party));
        }

    if (auto n = m.require("vocabulary"); n.IsDefined()) {
        if (n.IsScalar())
            vocabulary.push_back({n.Scalar(), sr.at(n)});
        else if (n.IsSequence())
            for (const auto& item : n) {
                if (auto s = sr.text(item, "a vocabulary file")) vocabulary.push_back({*s, sr.at(item)});
            }
        else
            sr.error(n, "`vocabulary` must be a file name or a list of file names");
    }

    auto agreements = m.require("agreements");
    if (agreements.IsDefined() && !agreements.IsSequence())
        sr.error(agreements, "`agreements` must be a list of agreements");
    else if (agreements.IsDefined())
        for (const auto& a : agreements) {
            MapReader am(ctx, file, a, "an agreement",
                         {"id", "title", "effective", "signed", "file"});
            if (!am.is_map()) continue;
            model::Agreement agreement;
            agreement.where = am.where();
            if (auto n = am.require("id"); n.IsDefined()) {
                agreement.id = sr.identifier(n, "the agreement id").value_or("");
                agreement.where = sr.at(n);
            }
            if (auto n = am.get("title"); n.IsDefined())
                agreement.title = sr.text(n, "the title").value_or("");
            if (auto n = am.require("effective"); n.IsDefined())
                agreement.effective = sr.date(n, "the effective date").value_or(Date{});
            if (auto n = am.get("signed"); n.IsDefined()) agreement.signed_on = sr.date(n, "the signing date");
            if (auto n = am.require("file"); n.IsDefined())
                agreement.file = sr.text(n, "the agreement file").value_or("");
            deal.agreements.push_back(std::move(agreement));
        }
    return vocabulary;
}

} // namespace dealcheck::loader
