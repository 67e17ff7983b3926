// dealcheck batch: JSON Lines questions in (a file or stdin), one JSON verdict line
// out per question, in order. The engine does the work (dealcheck/batch.hpp); this
// file parses flags and connects the streams.
#include "dealcheck/batch.hpp"

#include "commands.hpp"
#include "options.hpp"
#include "progress.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace dealcheck::cli {

namespace {

struct BatchOptionsCli {
    Common common;
    std::string input;
    unsigned threads = 1;
    std::size_t chunk_kib = 1024;
};

// The size of the questions' file, or of standard input when it is a regular file; 0
// when not known (a pipe).
std::uint64_t input_size(const std::string& path) {
    struct stat st {};
    int ok = path.empty() ? fstat(0, &st) : stat(path.c_str(), &st);
    return ok == 0 && S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
}

int run(BatchOptionsCli o) {
    o.common.use_image = true; // a deal folder's fresh image (docs/image.md)
    auto deal = load(o.common);
    if (!deal) return rule_errors;
    std::ifstream file;
    if (!o.input.empty() && o.input != "-") {
        file.open(o.input, std::ios::binary);
        if (!file) {
            std::cerr << "dealcheck batch: cannot open `" << o.input << "`\n";
            return usage;
        }
    }
    std::istream& in = file.is_open() ? static_cast<std::istream&>(file) : std::cin;
    BatchOptions options;
    options.threads = o.threads;
    options.chunk_bytes = o.chunk_kib * 1024;
    BatchStats stats;
    {
        // Answers on a terminal would break the progress line: it needs them redirected.
        Progress progress("dealcheck batch", "lines", isatty(1) == 0);
        std::uint64_t size = input_size(file.is_open() ? o.input : std::string());
        options.on_progress = [&](std::uint64_t lines, std::uint64_t bytes) {
            // The lines to come, estimated from the bytes left (0 when not known).
            auto total = size && bytes ? static_cast<std::uint64_t>(static_cast<double>(lines) *
                                                                    static_cast<double>(size) /
                                                                    static_cast<double>(bytes))
                                       : 0;
            progress.update(lines, std::max(total, lines));
        };
        stats = run_batch(*deal, in, std::cout, options);
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "dealcheck batch: cannot write the answers\n";
        return io_error;
    }
    if (stats.read_failed) {
        std::cerr << "dealcheck batch: reading the questions failed after " << stats.lines
                  << " lines\n";
        return io_error;
    }
    if (stats.errors) {
        std::cerr << "dealcheck batch: " << stats.errors << " of " << stats.lines
                  << " lines were not answered (their output lines are error objects)\n";
        return bad_input;
    }
    return permitted;
}

} // namespace

std::function<int()> add_batch(CLI::App& app) {
    auto o = std::make_shared<BatchOptionsCli>();
    auto* cmd = app.add_subcommand(
        "batch", "Answer JSON Lines questions: one JSON verdict line each, in order");
    cmd->add_option("file", o->input,
                    "The questions, one JSON object a line (default, or -: standard input)");
    cmd->add_option("--threads", o->threads, "Threads answering questions (1 to 256; default 1)")
        ->check(CLI::Range(1u, 256u).description(""))
        ->type_name("N");
    cmd->add_option("--chunk-kib", o->chunk_kib,
                    "Input handed to a thread at a time, in KiB (1 to 1048576; default 1024)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20).description(""))
        ->type_name("KIB");
    add_rules(*cmd, o->common);
    cmd->footer("Input lines: {\"party\", \"action\", \"attributes\", \"date\", \"facts\", "
                "\"consents\", \"readings\", \"id\"}\n"
                "or {\"question\": \"<phrase>\", \"id\"}. Output lines: {\"verdict\", "
                "\"consent_of\", \"deciding\", ...}\n"
                "or {\"line\", \"error\", \"hint\"} for a bad line; the run goes on.\n"
                "Exit codes: 0 every line answered, 3 rule errors, 64 usage, 65 some lines were "
                "bad, 74 I/O error.");
    return [o] { return run(*o); };
}

} // namespace dealcheck::cli
