// Test support: small deals written to a fresh temporary folder and loaded through the
// public API, so that each test states the YAML it is about.
#pragma once

#include "dealcheck/dealcheck.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::test {

// A minimal valid deal whose files a test may replace or add to before loading:
//
//   deal.yaml              parties alpha (alias "Alpha Corp") and beta; default permitted;
//                          agreements `first` (2020-01-01) and `second` (2025-01-01)
//   vocabulary.yaml        enums cloud [azure, aws, gcp] and tier [gold, silver];
//                          action `host` (cloud, price, regions: set<cloud>, seats,
//                          start: date, term: duration), action `use_ip` (default
//                          forbidden); bool facts approved, launched, audited; fact
//                          rating: tier; definition off_azure
//   agreements/first.yaml  clause `base`: alpha may host on azure
//   agreements/second.yaml no clauses
class MiniDeal {
  public:
    MiniDeal();

    // Replaces (or adds) the file at `relative` with `contents`.
    MiniDeal& file(const std::string& relative, std::string contents);
    // Replaces the first `from` in the file at `relative` with `to`; throws when the
    // file does not hold `from`.
    MiniDeal& edit(const std::string& relative, std::string_view from, std::string_view to);
    // Replaces the clauses of agreement file `first` or `second`: `clauses_yaml` is the
    // list under `clauses:`, starting on line 3 of the file.
    MiniDeal& clauses(const std::string& agreement, std::string clauses_yaml);

    // Writes every file into a fresh folder and loads it with Deal::load.
    LoadResult load();

    // The path a diagnostic or a clause reference names for `relative`.
    std::string path_of(const std::string& relative) const;

  private:
    TempDir dir_;
    std::map<std::string, std::string> files_;
};

// A clause in the form MiniDeal::clauses takes, with every required key. `actions` is
// "host" or "host, use_ip" (a YAML list "[host]" is taken as is); `extra` is appended
// as further keys, each line indented by four spaces.
std::string clause(std::string_view id, std::string_view party, std::string_view actions,
                   std::string_view effect, std::string_view extra = {});

// Loads the deal, failing the test with the rendered diagnostics when it has errors.
Deal load_ok(MiniDeal& deal);

// Loads the deal expecting errors, failing the test when it loads.
Diagnostics load_errors(MiniDeal& deal);

// Asks a question, failing the test when the question does not bind.
Answer ask(const Deal& deal, const Question& question);
// Asks a phrase, failing the test when it does not parse or bind.
Answer ask(const Deal& deal, std::string_view phrase);

// The ids of clause references, in order.
std::vector<std::string> ids(const std::vector<ClauseRef>& clauses);

// "file:line:col: message" for each diagnostic: what a failing CHECK prints.
std::string summary(const Diagnostics& diags);

Date date(std::string_view yyyy_mm_dd);

} // namespace dealcheck::test
