// dealcheck init: scaffold a new deal that passes `check` and `test` as generated.
#include "commands.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace dealcheck::cli {

namespace {

namespace fs = std::filesystem;

struct InitOptions {
    std::string dir, id;
};

// The deal id from the folder's name: lower case, other characters as `-`.
std::string id_from(const fs::path& dir) {
    auto path = fs::absolute(dir).lexically_normal();
    if (!path.has_filename()) path = path.parent_path(); // `my-deal/`
    std::string id;
    for (unsigned char c : path.filename().string()) {
        if (std::isalnum(c) && c < 0x80)
            id += static_cast<char>(std::tolower(c));
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-')
        id.pop_back();
    if (id.empty() || !(id[0] >= 'a' && id[0] <= 'z')) id = "deal-" + id;
    return id == "deal-" ? "my-deal" : id;
}

// The JSON Schemas of docs/schema/, found as the bundled deals are: installed under
// share/dealcheck/docs/schema, or in the source tree for a build-tree binary.
std::optional<fs::path> schema_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    std::vector<fs::path> candidates;
    if (!ec)
        candidates.push_back(exe.parent_path().parent_path() / DEALCHECK_INSTALL_RULES_DIR / ".." /
                             "docs" / "schema");
    candidates.push_back(fs::path(DEALCHECK_SOURCE_RULES_DIR) / ".." / "docs" / "schema");
    for (const auto& c : candidates)
        if (fs::exists(c / "deal.schema.json", ec)) return fs::weakly_canonical(c, ec);
    return std::nullopt;
}

// The schemas a deal's files name, and those they refer to: copied into the deal's
// schema/ folder, so that the modelines hold wherever the deal folder is copied or moved.
const char* const deal_schemas[] = {"common", "deal",     "vocabulary", "agreement",
                                    "tests",  "question", "history"};

// Copies the schemas into `dir`/schema; false (with the reason on stderr) if one cannot be.
bool copy_schemas(const fs::path& from, const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir / "schema", ec);
    for (const char* kind : deal_schemas) {
        auto name = std::string(kind) + ".schema.json";
        if (!fs::copy_file(from / name, dir / "schema" / name, ec)) {
            std::cerr << "dealcheck init: cannot copy " << (from / name).string() << " into "
                      << (dir / "schema").string() << ": " << ec.message() << "\n";
            return false;
        }
    }
    std::cout << "created " << (dir / "schema").string()
              << "/ (the files' JSON Schemas, for editors)\n";
    return true;
}

// The modeline that gives editors the schema: relative to the file, into the deal's own
// schema/ folder.
std::string modeline(const std::string& file, const std::string& kind) {
    auto depth = std::count(file.begin(), file.end(), '/');
    std::string up;
    for (long i = 0; i < depth; ++i)
        up += "../";
    return "# yaml-language-server: $schema=" + up + "schema/" + kind + ".schema.json\n";
}

const char* manifest_text =
    R"(# The deal's manifest: its parties, vocabulary and agreements (docs/language.md).
deal: {id}
title: {id}
# Actions no clause speaks to are permitted, as contracts usually have it.
default: permitted
parties:
  - id: acme
    name: Acme Corp
    aliases: [Acme]
  - id: globex
    name: Globex
vocabulary: vocabulary.yaml
agreements:
  - id: master-2025
    title: Master services agreement
    effective: 2025-01-01
    file: agreements/2025-01-01-master.yaml
)";

const char* vocabulary_text =
    R"(# What questions can say: enums, action kinds and their attributes, facts.
enums:
  cloud:
    azure: {label: Microsoft Azure, aliases: [Azure]}
    aws: {label: Amazon Web Services, aliases: [AWS]}
actions:
  host:
    description: A party hosts its service on a cloud.
    verbs: [hosts, host, runs on]
    attributes:
      cloud: {type: cloud, words: [on]}
)";

const char* agreement_text = R"(agreement: master-2025
clauses:
  - id: exclusive-cloud
    title: Acme hosts the service only on Azure
    quote: Acme shall host the Service exclusively on Microsoft Azure until 31 December 2030.
    cite: Master services agreement, section 2.1
    tag: official
    party: acme
    actions: [host]
    when: cloud != azure
    until: 2030-12-31
    effect: forbid
)";

const char* test_text =
    R"(# Regression cases: `dealcheck test` runs them; every clause should have one.
cases:
  - name: Acme may not host on AWS while the exclusivity lasts
    ask: Acme hosts on AWS on 2025-06-01
    expect: {verdict: forbidden, deciding: [exclusive-cloud]}
)";

std::string substitute(std::string text, const std::string& id) {
    for (auto pos = text.find("{id}"); pos != std::string::npos;
         pos = text.find("{id}", pos + id.size()))
        text.replace(pos, 4, id);
    return text;
}

int run(const InitOptions& o) {
    fs::path dir = o.dir;
    std::error_code ec;
    if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))) {
        std::cerr << "dealcheck init: `" << o.dir
                  << "` already exists and is not an empty folder\n";
        return usage;
    }
    std::string id = o.id.empty() ? id_from(dir) : o.id;
    bool valid = !id.empty() && id.size() <= 128 && id[0] >= 'a' && id[0] <= 'z';
    for (char c : id)
        valid = valid && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    if (!valid) {
        std::cerr << "dealcheck init: --id `" << id
                  << "` is not an identifier (lower-case letters, digits, `_` and "
                  << "`-`, starting with a letter)\n";
        return usage;
    }
    auto schemas = schema_dir();
    fs::create_directories(dir, ec);
    if (schemas && !copy_schemas(*schemas, dir)) return io_error;
    const std::vector<std::pair<std::string, std::pair<std::string, const char*>>> files = {
        {"deal.yaml", {"deal", manifest_text}},
        {"vocabulary.yaml", {"vocabulary", vocabulary_text}},
        {"agreements/2025-01-01-master.yaml", {"agreement", agreement_text}},
        {"tests/master.yaml", {"tests", test_text}},
    };
    for (const auto& [name, content] : files) {
        auto path = dir / name;
        fs::create_directories(path.parent_path(), ec);
        std::ofstream out(path, std::ios::binary);
        out << (schemas ? modeline(name, content.first) : "") << substitute(content.second, id);
        if (!out) {
            std::cerr << "dealcheck init: cannot write `" << path.string() << "`\n";
            return io_error;
        }
        std::cout << "created " << path.string() << "\n";
    }
    std::cout << "next: dealcheck check --rules " << o.dir << " && dealcheck test --rules " << o.dir
              << "\n";
    return permitted;
}

} // namespace

std::function<int()> add_init(CLI::App& app) {
    auto o = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand(
        "init", "Create a new deal: manifest, vocabulary, one agreement, one test");
    cmd->add_option("dir", o->dir, "The folder to create (must not exist, or be empty)")
        ->required();
    cmd->add_option("--id", o->id, "The deal's id (default: from the folder's name)")
        ->type_name("ID");
    cmd->footer(
        "Exit codes: 0 created, 64 usage (the folder exists and is not empty, or a bad --id), 74 a "
        "file cannot be written.");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
