// dealcheck vocab: what questions about a deal can say, with examples.
#include "commands.hpp"
#include "dealcheck/render.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

namespace dealcheck::cli {

std::function<int()> add_vocab(CLI::App& app) {
    auto o = std::make_shared<Common>();
    auto* cmd = app.add_subcommand(
        "vocab", "List what questions can say: parties, actions, values, facts, examples");
    add_rules(*cmd, *o);
    cmd->add_flag("--json", o->json,
                  "Print the vocabulary as JSON (docs/schema/vocab.schema.json)");
    cmd->footer("Exit codes: 0 listed, 3 rule errors, 64 usage.");
    return [o]() -> int {
        auto deal = load(*o);
        if (!deal) return rule_errors;
        auto vocabulary = deal->vocabulary();
        std::cout << (o->json ? render_vocabulary_json(vocabulary) + "\n"
                              : render_vocabulary_text(vocabulary, {use_colour(1)}));
        return permitted;
    };
}

} // namespace dealcheck::cli
