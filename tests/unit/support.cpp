#include "support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dealcheck::test {

namespace fs = std::filesystem;

namespace {

const char* const manifest = R"(deal: mini
title: A minimal deal
default: permitted
parties:
  - id: alpha
    name: Alpha
    aliases: [Alpha Corp]
  - id: beta
    name: Beta
vocabulary: vocabulary.yaml
agreements:
  - id: first
    title: The first agreement
    effective: 2020-01-01
    file: agreements/first.yaml
  - id: second
    title: The second agreement
    effective: 2025-01-01
    file: agreements/second.yaml
)";

const char* const vocabulary = R"(enums:
  cloud: [azure, aws, gcp]
  tier: [gold, silver]
actions:
  host:
    verbs: [hosts]
    attributes:
      cloud: {type: cloud, words: [on]}
      price: {type: money, words: [for]}
      regions: {type: set<cloud>}
      seats: {type: number}
      start: {type: date}
      term: {type: duration}
  use_ip:
    verbs: [uses]
    default: forbidden
facts:
  approved: {type: bool}
  launched: {type: bool}
  audited: {type: bool}
  rating: {type: tier}
definitions:
  off_azure: "cloud != azure"
)";

const char* const first = R"(agreement: first
clauses:
  - id: base
    title: Alpha may host on Azure
    quote: Alpha may host on Azure.
    cite: Test agreement, section 1
    tag: official
    party: alpha
    actions: [host]
    when: cloud == azure
    effect: permit
)";

const char* const second = R"(agreement: second
clauses: []
)";

} // namespace

MiniDeal::MiniDeal() {
    files_["deal.yaml"] = manifest;
    files_["vocabulary.yaml"] = vocabulary;
    files_["agreements/first.yaml"] = first;
    files_["agreements/second.yaml"] = second;
}

MiniDeal& MiniDeal::file(const std::string& relative, std::string contents) {
    files_[relative] = std::move(contents);
    return *this;
}

MiniDeal& MiniDeal::edit(const std::string& relative, std::string_view from, std::string_view to) {
    std::string& text = files_.at(relative);
    auto at = text.find(from);
    if (at == std::string::npos)
        throw std::invalid_argument(relative + " does not hold `" + std::string(from) + "`");
    text.replace(at, from.size(), to);
    return *this;
}

MiniDeal& MiniDeal::clauses(const std::string& agreement, std::string clauses_yaml) {
    return file("agreements/" + agreement + ".yaml",
                "agreement: " + agreement + "\nclauses:\n" + std::move(clauses_yaml));
}

LoadResult MiniDeal::load() {
    for (const auto& [relative, contents] : files_) {
        fs::path target = dir_.path() / relative;
        fs::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out << contents;
        if (!out) throw std::runtime_error("cannot write " + target.string());
    }
    return Deal::load(dir_.path().string());
}

std::string MiniDeal::path_of(const std::string& relative) const {
    return (dir_.path() / relative).lexically_normal().string();
}

std::string clause(std::string_view id, std::string_view party, std::string_view actions,
                   std::string_view effect, std::string_view extra) {
    std::string out = "  - id: " + std::string(id) + "\n";
    out += "    title: Clause " + std::string(id) + "\n";
    out += "    quote: The text of " + std::string(id) + ".\n";
    out += "    cite: Test agreement\n";
    out += "    tag: official\n";
    out += "    party: " + std::string(party) + "\n";
    bool listed = actions.starts_with("[");
    out += "    actions: " + std::string(listed ? "" : "[") + std::string(actions) +
           (listed ? "" : "]") + "\n";
    out += "    effect: " + std::string(effect) + "\n";
    std::istringstream lines{std::string(extra)};
    for (std::string line; std::getline(lines, line);)
        out += "    " + line + "\n";
    return out;
}

Deal load_ok(MiniDeal& deal) {
    auto loaded = deal.load();
    INFO(render(loaded.diagnostics));
    REQUIRE(loaded.deal.has_value());
    return std::move(*loaded.deal);
}

Diagnostics load_errors(MiniDeal& deal) {
    auto loaded = deal.load();
    REQUIRE_FALSE(loaded.deal.has_value());
    REQUIRE(loaded.diagnostics.has_errors());
    return loaded.diagnostics;
}

Answer ask(const Deal& deal, const Question& question) {
    auto result = deal.ask(question, date("2000-01-01"));
    INFO(render(result.diagnostics));
    REQUIRE(result.answer.has_value());
    return std::move(*result.answer);
}

Answer ask(const Deal& deal, std::string_view phrase) {
    auto parsed = deal.parse_phrase(phrase);
    INFO(phrase << "\n" << render(parsed.diagnostics));
    REQUIRE(parsed.question.has_value());
    return ask(deal, *parsed.question);
}

std::vector<std::string> ids(const std::vector<ClauseRef>& clauses) {
    std::vector<std::string> out;
    for (const auto& c : clauses)
        out.push_back(c.id);
    return out;
}

std::string summary(const Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.items())
        out += d.where.file + ":" + std::to_string(d.where.line) + ":" +
               std::to_string(d.where.column) + ": " + d.message + "\n";
    return out;
}

Date date(std::string_view yyyy_mm_dd) {
    auto d = parse_date(yyyy_mm_dd);
    if (!d) throw std::invalid_argument("not a date: " + std::string(yyyy_mm_dd));
    return *d;
}

} // namespace dealcheck::test
