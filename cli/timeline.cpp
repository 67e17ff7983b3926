// dealcheck timeline: a question's verdict over the life of the deal.
#include "commands.hpp"
#include "dealcheck/render.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

namespace dealcheck::cli {

std::function<int()> add_timeline(CLI::App& app) {
    struct Options {
        Common common;
        std::string phrase;
        std::string svg; // --svg FILE
        TimelineOptions timeline;
    };
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("timeline", "Show how a question's verdict changes over time, and why");
    cmd->add_option(
           "question", o->phrase,
           "The question as a phrase, without a date: \"OpenAI serves stateless API on AWS\" (- "
           "to read it from stdin)")
        ->required();
    add_rules(*cmd, o->common);
    cmd->add_flag("--json", o->common.json, "Print the timeline as JSON");
    cmd->add_option("--svg", o->svg,
                    "Also write the timeline as an SVG chart to FILE (- for stdout, instead of "
                    "the text)")
        ->type_name("FILE");
    cmd->add_flag("--all-obligations", o->timeline.all_obligations,
                  "List the changes of every obligation and power of the deal, not only of those "
                  "related to the question");
    cmd->footer("Exit codes: 0 shown, 3 rule errors, 64 usage or a question that does not parse.");
    return [o]() -> int {
        auto deal = load(o->common);
        if (!deal) return rule_errors;
        std::string phrase = o->phrase;
        if (phrase == "-") { // the phrase on standard input
            auto read = read_phrase_from_stdin("timeline");
            if (!read) return usage;
            phrase = *read;
        }
        auto q = deal->parse_phrase(phrase);
        if (!q.question) {
            std::cerr << render(q.diagnostics, use_colour(2));
            return usage;
        }
        if (q.question->date)
            std::cerr
                << "dealcheck: a timeline covers every date; the question's date is ignored\n";
        auto t = deal->timeline(*q.question, o->timeline);
        if (!t.timeline) {
            std::cerr << render(t.diagnostics, use_colour(2));
            return usage;
        }
        if (!o->svg.empty()) {
            auto svg = render_timeline_svg(*t.timeline);
            if (o->svg == "-") {
                std::cout << svg;
                return permitted;
            }
            std::ofstream file(o->svg, std::ios::binary);
            if (!(file << svg) || !file.flush()) {
                std::cerr << "dealcheck timeline: cannot write `" << o->svg << "`\n";
                return usage;
            }
        }
        std::cout << (o->common.json ? render_timeline_json(*t.timeline) + "\n"
                                     : render_timeline_text(*t.timeline, {use_colour(1)}));
        return permitted;
    };
}

} // namespace dealcheck::cli
