// What every subcommand shares: where the rules are, colour, exit codes, and loading
// a deal with its diagnostics printed.
#pragma once

#include "dealcheck/deal.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace dealcheck::cli {

// Documented in docs/cli.md.
enum Exit : int {
    permitted = 0,
    forbidden = 1,
    consent_or_depends = 2,
    rule_errors = 3,
    varies = 4,     // ask over a period: the verdict is not the same on every day of it
    incomplete = 5, // analyze, diff: some checks were not done, and nothing was found
    usage = 64,
    bad_input = 65,      // batch: some lines were answered with an error object
    internal_error = 70, // a bug: dealcheck reports it and stops
    io_error = 74,       // input could not be read or output written
};

// `dealcheck --help`'s closing part: every exit code with its meaning, and the
// environment variables read. The man page's EXIT STATUS and ENVIRONMENT come from it.
std::string program_footer();

struct Common {
    std::string rules;                // --rules; empty: DEALCHECK_RULES, then the bundled deal
    bool large = false;               // --large-deal: the large limits (docs/limits.md)
    std::vector<std::string> history; // --history FILE: events added for a what-if
    bool no_history = false;          // --no-history: without the deal's own history
    bool use_image = false;           // batch, serve: a deal folder's fresh image
    bool json = false;
    ErrorFormat error_format = ErrorFormat::Human; // --error-format
};

// Adds `--rules DIR` and `--large-deal` to a subcommand.
void add_rules(
    CLI::App& cmd, Common& common,
    const std::string& help = "The deal folder (default: $DEALCHECK_RULES, then the bundled deal)");

// Adds `--error-format human|json|github` to a subcommand.
void add_error_format(CLI::App& cmd, Common& common);

// Prints diagnostics in the chosen format: human to stderr (coloured on a terminal);
// json and github to stdout, where tools and GitHub Actions read them.
void report(const Diagnostics& diagnostics, const Common& common);

// Where a subcommand's human summary goes: stdout, except with `--error-format json`,
// which keeps stdout for JSON Lines alone.
std::ostream& summary_out(const Common& common);

// --rules, else $DEALCHECK_RULES, else the bundled deal beside the installed binary,
// else the source tree's (for a binary in the build tree).
std::string rules_path(const Common& common);

// Colour only on a terminal, and never with NO_COLOR.
bool use_colour(int fd);

// --large-deal, --history and --no-history (and use_image) as the library's load options.
LoadOptions load_options(const Common& common);
// Loads the deal and reports its diagnostics (warnings too); nullopt on errors.
std::optional<Deal> load(const Common& common);

// Reads at most `limit` bytes and one more, so that a caller can tell the input is too
// large without reading /dev/zero or an endless pipe to its end.
std::string read_bounded(std::istream& in, std::size_t limit);

// A phrase given as `-`: one line of text from standard input (at most
// max_question_bytes), its surrounding blanks and line ending dropped; nullopt, with
// the reason on stderr, for an empty input or more than one line.
std::optional<std::string> read_phrase_from_stdin(const std::string& command);

// `--today DATE` (empty: the system clock's today); nullopt, with the reason on
// stderr, for a date that is not YYYY-MM-DD.
std::optional<Date> today_option(const std::string& text);

// Every option that can be given several times takes exactly one value each time, so
// that `ask --reading R "PHRASE"` leaves the phrase to the positional.
void one_value_per_flag(CLI::App& app);

} // namespace dealcheck::cli
