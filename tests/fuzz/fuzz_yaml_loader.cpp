// Fuzz target: the YAML rule loader, checker and compiler (Deal::load). The input is
// written in turn as the agreement file, the vocabulary, the history (read by libyaml,
// the others by yaml-cpp) and the manifest of a small valid deal in a scratch folder, and the deal
// is loaded each time: any input must load or give located errors, never crash, hang or exhaust
// memory.
#include "dealcheck/dealcheck.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

const char* const manifest = R"(deal: tiny
title: A tiny deal
parties:
  - id: acme
    name: Acme
    aliases: [Acme Corp]
  - id: globex
    name: Globex
vocabulary: vocabulary.yaml
agreements:
  - id: main
    effective: 2020-01-01
    file: agreements/main.yaml
  - id: later
    effective: 2022-06-01
    file: agreements/later.yaml
history: history.yaml
)";

const char* const history = R"(events:
  - date: 2021-03-01
    title: Acme buys Initech
    party: acme
    action: acquire
    attributes: {target: initech, price: 2B USD}
  - {date: 2022-01-10, fact: approved, value: true, tag: reported}
)";

const char* const vocabulary = R"(enums:
  company: {initech: {aliases: [Initech Inc]}, hooli: {}}
  cloud: [azure, aws]
actions:
  acquire:
    verbs: [acquires, buys]
    attributes:
      target: company
      price: {type: money, words: [for]}
  host:
    verbs: [hosts]
    attributes:
      cloud: {type: cloud, words: [on]}
      clouds: {type: "set<cloud>"}
facts:
  approved:
    type: bool
    known:
      - {value: false, through: 2021-12-31}
  cap: {type: money}
definitions:
  big: "price > 1B USD"
  elsewhere: "cloud != azure"
)";

const char* const agreement = R"(agreement: main
clauses:
  - id: no-big-buys
    title: No big acquisitions
    quote: Acme shall not acquire a company for more than one billion dollars.
    cite: Section 1
    tag: official
    party: acme
    actions: [acquire]
    when: big and not approved and target in [initech, hooli]
    until: [effective + 7y, approved]
    effect: forbid
  - id: hosting
    title: Hosting needs consent
    quote: Acme may host elsewhere with consent.
    cite: Section 2
    tag: reported
    party: any
    actions: [host]
    when: elsewhere or date >= min(2021-01-01, 2022-01-01)
    effect: consent
    consent_of: globex
)";

const char* const later = R"(agreement: later
terminates: [hosting]
clauses:
  - id: small-buys
    amends: no-big-buys
    when: price > 2B USD
  - id: exception
    title: Approved buys
    quote: Approved acquisitions are permitted.
    cite: Section 3
    tag: unverified
    party: acme
    actions: [acquire]
    when: approved
    effect: grant
    exception_to: [small-buys]
    consequence: {party: globex, text: a seat on the board, until: 2030-12-31}
)";

void write(const fs::path& p, std::string_view text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// A folder of this process's own, in memory where possible, removed at exit.
struct Scratch {
    fs::path dir;
    Scratch() {
        fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        dir = base / ("dealcheck-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(dir / "agreements");
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const fs::path& scratch() {
    static const Scratch s;
    return s.dir;
}

void load(const fs::path& dir) {
    auto loaded = dealcheck::Deal::load(dir.string());
    (void)dealcheck::render(loaded.diagnostics);
    (void)dealcheck::render(loaded.diagnostics, dealcheck::ErrorFormat::Json);
    if (!loaded.deal && !loaded.diagnostics.has_errors()) std::abort(); // no deal, no reason
    if (loaded.deal) {
        auto q = loaded.deal->parse_phrase("Acme buys Initech for 3B USD on 2023-01-01");
        if (q.question) (void)loaded.deal->ask(*q.question, dealcheck::Date{19000});
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto& dir = scratch();
    struct Slot {
        const char* file;
        const char* original;
    };
    static const Slot slots[] = {{"agreements/main.yaml", agreement},
                                 {"agreements/later.yaml", later},
                                 {"vocabulary.yaml", vocabulary},
                                 {"history.yaml", history},
                                 {"deal.yaml", manifest}};
    for (const auto& s : slots)
        write(dir / s.file, s.original);
    for (const auto& s : slots) {
        write(dir / s.file, input);
        load(dir);
        write(dir / s.file, s.original);
    }
    return 0;
}
