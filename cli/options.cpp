#include "options.hpp"

#include <CLI/App.hpp>
#include <CLI/Option.hpp>
#include <CLI/Validators.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <istream>
#include <unistd.h>

namespace dealcheck::cli {

namespace fs = std::filesystem;

static constexpr const char* bundled_deal = "microsoft-openai";

std::string program_footer() {
    static const std::pair<Exit, const char*> codes[] = {
        {permitted, "permitted; no errors; every test passed; nothing differs"},
        {forbidden, "forbidden; a test failed (or coverage too low); findings; answers differ"},
        {consent_or_depends, "needs consent, or depends on unknown facts"},
        {rule_errors, "errors in the rule files or test files; a test case that cannot run"},
        {varies, "ask over a period only: the verdict varies over the period"},
        {incomplete,
         "analyze, diff: incomplete (the solver gave up on some checks) and nothing found"},
        {usage, "usage: bad arguments or flags, a question that does not parse"},
        {bad_input, "batch only: some input lines were answered with an error object"},
        {internal_error, "an internal error (a bug: please report it)"},
        {io_error, "an input could not be read or an output written"},
    };
    std::string out = "Exit status:\n";
    for (const auto& [code, meaning] : codes) {
        auto number = std::to_string(static_cast<int>(code));
        out += "  " + number + std::string(4 - number.size(), ' ') + meaning + "\n";
    }
    out += "\nEnvironment:\n"
           "  DEALCHECK_RULES  The deal folder when --rules is not given; without either, the\n"
           "                   bundled Microsoft-OpenAI deal\n"
           "  NO_COLOR         When set and not empty, output is never coloured (colour is\n"
           "                   used only on a terminal)\n"
           "\nEach subcommand's --help lists its own exit codes.";
    return out;
}

// Diagnostics and answers quote file paths: keep them short when under the current folder.
static std::string shortest(const fs::path& p) {
    std::error_code ec;
    auto relative = fs::proximate(p, ec);
    if (ec || relative.empty() || *relative.begin() == "..") return p.string();
    return relative.string();
}

std::string rules_path(const Common& common) {
    if (!common.rules.empty()) return common.rules;
    if (const char* env = std::getenv("DEALCHECK_RULES"); env && *env) return env;
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        auto installed =
            exe.parent_path().parent_path() / DEALCHECK_INSTALL_RULES_DIR / bundled_deal;
        if (fs::exists(installed / "deal.yaml", ec)) return shortest(installed);
    }
    return shortest(fs::path(DEALCHECK_SOURCE_RULES_DIR) / bundled_deal);
}

bool use_colour(int fd) {
    const char* no_colour = std::getenv("NO_COLOR");
    if (no_colour && *no_colour) return false;
    return isatty(fd) != 0;
}

void add_rules(CLI::App& cmd, Common& common, const std::string& help) {
    cmd.add_option("--rules", common.rules, help)->type_name("DIR");
    cmd.add_flag("--large-deal", common.large,
                 "Load with the large limits, for generated portfolios of up to a million "
                 "clauses (docs/limits.md)");
    cmd.add_option("--history", common.history,
                   "Also read this history file, as if its events had happened (repeatable)")
        ->type_name("FILE");
    cmd.add_flag("--no-history", common.no_history,
                 "Leave out the deal's own history files (with --history: replace them)");
}

void add_error_format(CLI::App& cmd, Common& common) {
    cmd.add_option_function<std::string>(
           "--error-format",
           [&common](const std::string& name) {
               common.error_format = parse_error_format(name).value_or(ErrorFormat::Human);
           },
           "How to print errors: human (default), json (JSON Lines on stdout), github "
           "(GitHub Actions annotations on stdout)")
        ->check(CLI::IsMember({"human", "json", "github"}))
        ->type_name("FORMAT");
}

void report(const Diagnostics& diagnostics, const Common& common) {
    if (common.error_format == ErrorFormat::Human)
        std::cerr << render(diagnostics, ErrorFormat::Human, use_colour(2));
    else
        std::cout << render(diagnostics, common.error_format) << std::flush;
}

std::ostream& summary_out(const Common& common) {
    return common.error_format == ErrorFormat::Json ? std::cerr : std::cout;
}

LoadOptions load_options(const Common& common) {
    LoadOptions options;
    options.large = common.large;
    options.history = common.history;
    options.own_history = !common.no_history;
    options.use_image = common.use_image;
    return options;
}

std::optional<Deal> load(const Common& common) {
    auto result = Deal::load(rules_path(common), load_options(common));
    report(result.diagnostics, common);
    if (!result.deal && !result.diagnostics.has_errors())
        std::cerr << "dealcheck: the deal did not load\n";
    return std::move(result.deal);
}

std::string read_bounded(std::istream& in, std::size_t limit) {
    std::string text(limit + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

std::optional<std::string> read_phrase_from_stdin(const std::string& command) {
    std::string text = read_bounded(std::cin, max_question_bytes);
    if (text.size() > max_question_bytes) {
        std::cerr << "dealcheck " << command << ": the phrase on standard input is longer than "
                  << max_question_bytes << " bytes\n";
        return std::nullopt;
    }
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t first = 0, last = text.size();
    while (first < last && blank(text[first]))
        ++first;
    while (last > first && blank(text[last - 1]))
        --last;
    text = text.substr(first, last - first);
    if (text.empty()) {
        std::cerr << "dealcheck " << command << ": no phrase on standard input\n"
                  << "  e.g. echo \"OpenAI acquires Windsurf on 2025-06-01\" | dealcheck "
                  << command << " -\n";
        return std::nullopt;
    }
    if (text.find('\n') != std::string::npos) {
        std::cerr << "dealcheck " << command
                  << ": standard input holds more than one line; give one phrase (for many "
                     "questions, use `dealcheck batch`)\n";
        return std::nullopt;
    }
    return text;
}

std::optional<Date> today_option(const std::string& text) {
    if (text.empty()) return today();
    auto d = parse_date(text);
    if (!d) std::cerr << "dealcheck: --today takes a date YYYY-MM-DD, not `" << text << "`\n";
    return d;
}

void one_value_per_flag(CLI::App& app) {
    for (auto* option : app.get_options())
        if (option->nonpositional() && option->get_items_expected_max() > 1)
            option->allow_extra_args(false);
    for (auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
        one_value_per_flag(*sub);
}

} // namespace dealcheck::cli
