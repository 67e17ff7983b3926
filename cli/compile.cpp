// dealcheck compile: load and check a deal, and write its compiled image (docs/image.md),
// which every subcommand then loads with `--rules IMAGE` in a fraction of the time.
#include "commands.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

std::function<int()> add_compile(CLI::App& app) {
    auto o = std::make_shared<Common>();
    auto output = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "compile", "Check a deal and write its compiled image, which loads much faster");
    add_rules(*cmd, *o);
    add_error_format(*cmd, *o);
    cmd->add_option("-o,--output", *output,
                    "Where to write the image (default: deal.dcx in the deal's folder)")
        ->type_name("FILE");
    cmd->footer("Exit codes: 0 written, 3 rule errors, 64 usage, 74 the image could not be "
                "written.");
    return [o, output] {
        auto rules = rules_path(*o);
        if (is_deal_image(rules)) {
            std::cerr << "dealcheck compile: `" << rules
                      << "` is an image; give the deal folder it was compiled from\n";
            return static_cast<int>(usage);
        }
        auto path = output->empty() ? default_image_path(rules) : *output;
        auto diagnostics = Deal::compile_image(rules, path, load_options(*o));
        report(diagnostics, *o);
        if (!diagnostics.has_errors()) {
            summary_out(*o) << "wrote " << path << "\n";
            return static_cast<int>(permitted);
        }
        for (const auto& d : diagnostics.items())
            if (d.where.file == path) return static_cast<int>(io_error);
        return static_cast<int>(rule_errors);
    };
}

} // namespace dealcheck::cli
