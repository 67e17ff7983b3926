#include "loader/loaders.hpp"
#include "loader/yaml_reader.hpp"

#include <algorithm>
#include <filesystem>

namespace dealcheck::loader {

static std::optional<model::DefaultVerdict> read_default(ScalarReader& sr, const yaml::Node& n,
                                                         const std::string& what) {
    auto s = sr.text(n, what);
    if (!s) return std::nullopt;
    if (*s == "permitted") return model::DefaultVerdict::Permitted;
    if (*s == "forbidden") return model::DefaultVerdict::Forbidden;
    sr.error(DiagnosticCode::unknown_keyword, n,
             what + " must be `permitted` or `forbidden`, not `" + *s + "`");
    return std::nullopt;
}

std::optional<model::Party> read_party(Context& ctx, std::uint32_t file, const yaml::Node& node) {
    MapReader pm(ctx, file, node, "a party", {"id", "name", "aliases"});
    if (!pm.is_map()) return std::nullopt;
    ScalarReader sr(ctx, file);
    model::Party party;
    party.where = pm.where();
    if (auto n = pm.require("id"); n.defined())
        party.id = sr.identifier(n, "the party id").value_or("");
    if (auto n = pm.require("name"); n.defined())
        party.name = sr.text(n, "the party name").value_or("");
    if (auto n = pm.get("aliases"); n.defined()) party.aliases = sr.text_list(n, "an alias");
    if (auto n = pm.get("id"); n.defined() && !party.id.empty()) party.where = sr.at(n);
    return party;
}

namespace {

// `calendar: {weekend: [saturday, sunday], holidays: [2026-12-25]}`: the days that are
// not business days, for deadlines counted in business days.
void read_calendar(Context& ctx, std::uint32_t file, const yaml::Node& node) {
    static const std::vector<std::string> days = {"sunday",   "monday", "tuesday", "wednesday",
                                                  "thursday", "friday", "saturday"};
    MapReader m(ctx, file, node, "the calendar", {"weekend", "holidays"});
    if (!m.is_map()) return;
    ScalarReader sr(ctx, file);
    auto& calendar = ctx.deal().calendar;
    calendar.where = m.where();
    if (auto n = m.get("weekend"); n.defined()) {
        calendar.weekend.fill(false);
        std::vector<model::Place> where;
        auto names = sr.identifier_list(n, "a day of the week", &where);
        for (std::size_t i = 0; i < names.size(); ++i) {
            auto it = std::find(days.begin(), days.end(), names[i]);
            if (it == days.end())
                ctx.error(DiagnosticCode::unknown_keyword, model::location(ctx.deal(), where[i]),
                          "unknown day of the week `" + names[i] + "`",
                          "a weekend lists days such as `saturday` and `sunday`");
            else
                calendar.weekend[static_cast<std::size_t>(it - days.begin())] = true;
        }
        if (std::all_of(calendar.weekend.begin(), calendar.weekend.end(), [](bool b) { return b; }))
            sr.error(DiagnosticCode::invalid_setting, n,
                     "the weekend covers every day, so no day is a business day",
                     "list the days that are not business days");
    }
    if (auto n = m.get("holidays"); n.defined()) {
        if (!n.is_list())
            sr.error(DiagnosticCode::wrong_shape, n, "`holidays` must be a list of dates");
        else
            for (auto item : n.items())
                if (auto d = sr.date(item, "a holiday")) calendar.holidays.push_back(*d);
        std::sort(calendar.holidays.begin(), calendar.holidays.end());
    }
}

} // namespace

ManifestFiles load_manifest(Context& ctx, std::uint32_t file) {
    ManifestFiles files;
    auto& vocabulary = files.vocabulary;
    auto document = parse_yaml(ctx, file);
    auto root = document.root();
    if (!root.defined()) return files;
    auto& deal = ctx.deal();
    MapReader m(
        ctx, file, root, "the deal manifest",
        {"deal", "title", "default", "parties", "vocabulary", "agreements", "history", "calendar"});
    if (!m.is_map()) return files;
    ScalarReader sr(ctx, file);

    if (auto n = m.require("deal"); n.defined())
        deal.id = sr.identifier(n, "the deal id").value_or("");
    if (auto n = m.get("title"); n.defined()) deal.title = sr.text(n, "the title").value_or("");
    if (auto n = m.get("default"); n.defined())
        deal.default_verdict =
            read_default(sr, n, "the default verdict").value_or(model::DefaultVerdict::Permitted);

    auto parties = m.require("parties");
    if (parties.defined() && !parties.is_list())
        sr.error(DiagnosticCode::wrong_shape, parties, "`parties` must be a list of parties");
    else if (parties.defined())
        for (auto p : parties.items())
            if (auto party = read_party(ctx, file, p)) deal.parties.push_back(std::move(*party));

    if (auto n = m.require("vocabulary"); n.defined()) {
        if (n.is_scalar())
            vocabulary.push_back({std::string(n.scalar()), sr.at(n)});
        else if (n.is_list())
            for (auto item : n.items()) {
                if (auto s = sr.text(item, "a vocabulary file"))
                    vocabulary.push_back({*s, sr.at(item)});
            }
        else
            sr.error(DiagnosticCode::wrong_shape, n,
                     "`vocabulary` must be a file name or a list of file names");
    }
    if (auto n = m.get("history"); n.defined()) {
        if (n.is_scalar())
            files.history.push_back({std::string(n.scalar()), sr.at(n)});
        else if (n.is_list())
            for (auto item : n.items()) {
                if (auto s = sr.text(item, "a history file"))
                    files.history.push_back({*s, sr.at(item)});
            }
        else
            sr.error(DiagnosticCode::wrong_shape, n,
                     "`history` must be a file name or a list of file names");
    }

    if (auto n = m.get("calendar"); n.defined()) read_calendar(ctx, file, n);

    auto agreements = m.require("agreements");
    if (agreements.defined() && !agreements.is_list())
        sr.error(DiagnosticCode::wrong_shape, agreements,
                 "`agreements` must be a list of agreements");
    else if (agreements.defined())
        for (auto a : agreements.items()) {
            MapReader am(ctx, file, a, "an agreement",
                         {"id", "title", "effective", "signed", "file"});
            if (!am.is_map()) continue;
            model::Agreement agreement;
            agreement.where = am.where();
            if (auto n = am.require("id"); n.defined()) {
                agreement.id = sr.identifier(n, "the agreement id").value_or("");
                agreement.where = sr.at(n);
            }
            if (auto n = am.get("title"); n.defined())
                agreement.title = sr.text(n, "the title").value_or("");
            if (auto n = am.require("effective"); n.defined())
                agreement.effective = sr.date(n, "the effective date").value_or(Date{});
            if (auto n = am.get("signed"); n.defined())
                agreement.signed_on = sr.date(n, "the signing date");
            if (auto n = am.require("file"); n.defined())
                agreement.file = sr.text(n, "the agreement file").value_or("");
            deal.agreements.push_back(std::move(agreement));
        }
    return files;
}

} // namespace dealcheck::loader
