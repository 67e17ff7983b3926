// dealcheck ask: one question, in any of its three forms, answered with reasons.
#include "commands.hpp"
#include "dealcheck/render.hpp"
#include "options.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <tuple>

namespace dealcheck::cli {

namespace {

struct AskCommand {
    Common common;
    std::string phrase;
    std::string party, action, date, file, today;
    std::string from, until; // --from, --until: a period, with any form of the question
    std::vector<std::string> sets, facts, consents, readings;
    bool why_not = false, explain = false, what_if = false;
};

bool split_pair(const std::string& text, std::map<std::string, std::string>& out,
                const char* flag) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        std::cerr << "dealcheck: " << flag << " takes name=value, not `" << text << "`\n";
        return false;
    }
    out[text.substr(0, eq)] = text.substr(eq + 1);
    return true;
}

// The answer over a period: the verdict's exit code when one holds for all of it, else 4.
int answer_period(const Deal& deal, const Question& question, const AskCommand& o,
                  const dealcheck::AskOptions& options) {
    auto answer = deal.ask_period(question, options);
    if (!answer.answer) {
        std::cerr << render(answer.diagnostics, use_colour(2));
        return usage;
    }
    if (o.common.json) {
        std::cout << render_period_json(*answer.answer) << "\n";
    } else {
        RenderOptions render{use_colour(1)};
        std::cout << render_period_text(*answer.answer, render);
        // --why-not, --explain, --what-would-change: of each part's first day.
        if (o.why_not || o.explain || o.what_if)
            for (const auto& part : answer.answer->parts) {
                std::cout << "\n"
                          << format_date(part.from) << " .. " << format_date(part.until) << ":\n";
                if (o.why_not) std::cout << render_why_not(part.answer, render);
                if (o.explain) std::cout << render_explanation(part.answer, render);
                if (o.what_if) std::cout << render_what_if(part.answer, render);
            }
    }
    return exit_code(*answer.answer);
}

// --from and --until: both or neither, real dates.
bool read_period(const AskCommand& o, std::optional<Period>& out) {
    if (o.from.empty() && o.until.empty()) return true;
    if (o.from.empty() || o.until.empty()) {
        std::cerr << "dealcheck ask: a period takes both --from and --until (both days included)\n";
        return false;
    }
    auto from = parse_date(o.from), until = parse_date(o.until);
    for (auto [flag, text, date] :
         {std::tuple{"--from", &o.from, &from}, std::tuple{"--until", &o.until, &until}})
        if (!*date) {
            std::cerr << "dealcheck: " << flag << " takes a real date YYYY-MM-DD, not `" << *text
                      << "`\n";
            return false;
        }
    out = Period{*from, *until};
    return true;
}

int run(AskCommand o) {
    auto day = today_option(o.today);
    if (!day) return usage;
    if (o.phrase == "-") { // a phrase on standard input
        auto phrase = read_phrase_from_stdin("ask");
        if (!phrase) return usage;
        o.phrase = *phrase;
    }
    // --fact, --consent and --reading add to a question given any way.
    bool flag_form = !o.party.empty() || !o.action.empty() || !o.sets.empty() || !o.date.empty();
    int forms = !o.phrase.empty() + flag_form + !o.file.empty();
    if (forms != 1) {
        std::cerr << "dealcheck ask: give the question one way: a phrase, --party/--action flags, "
                     "or --file\n"
                     "  e.g. dealcheck ask \"OpenAI acquires Windsurf for 3B USD on 2025-06-01\"\n";
        return usage;
    }
    std::optional<Period> period;
    if (!read_period(o, period)) return usage;
    auto deal = load(o.common);
    if (!deal) return rule_errors;

    QuestionResult q;
    if (!o.phrase.empty()) {
        q = deal->parse_phrase(o.phrase);
    } else if (!o.file.empty()) {
        // One byte past the limit is enough to say the file is too large: a question
        // file may be /dev/zero or an endless pipe.
        std::ifstream file;
        if (o.file != "-") {
            file.open(o.file, std::ios::binary);
            if (!file) {
                std::cerr << "dealcheck: cannot open question file `" << o.file << "`\n";
                return usage;
            }
        }
        std::istream& in = o.file == "-" ? std::cin : file;
        std::string text = read_bounded(in, max_question_bytes);
        q = deal->parse_question_text(text, o.file == "-" ? "<stdin>" : o.file);
    } else {
        Question question;
        question.party = o.party;
        question.action = o.action;
        for (const auto& s : o.sets)
            if (!split_pair(s, question.attributes, "--set")) return usage;
        if (!o.date.empty()) {
            question.date = parse_date(o.date);
            if (!question.date) {
                std::cerr << "dealcheck: --date takes a real date YYYY-MM-DD, not `" << o.date
                          << "`\n";
                return usage;
            }
        }
        q.question = question;
    }
    if (!q.question) {
        std::cerr << render(q.diagnostics, use_colour(2));
        return usage;
    }
    std::map<std::string, std::string> facts;
    for (const auto& f : o.facts)
        if (!split_pair(f, facts, "--fact")) return usage;
    for (const auto& [name, value] : facts) {
        if (!q.question->facts.emplace(name, value).second) {
            std::cerr << "dealcheck ask: fact `" << name
                      << "` is given twice, by the question and by --fact\n";
            return usage;
        }
    }
    auto& consents = q.question->consents;
    for (const auto& c : o.consents)
        if (std::find(consents.begin(), consents.end(), c) == consents.end()) consents.push_back(c);
    for (const auto& r : o.readings)
        q.question->readings.push_back(r);
    if (period) {
        if (q.question->period) {
            std::cerr << "dealcheck ask: the question already gives a period; drop --from and "
                         "--until\n";
            return usage;
        }
        q.question->period = period;
    }
    dealcheck::AskOptions options;
    options.explain = o.why_not || o.explain;
    options.what_if = o.what_if;
    if (!o.common.json) options.listed_events = dealcheck::HistoryCount::max_shown;
    if (q.question->period) return answer_period(*deal, *q.question, o, options);
    auto answer = deal->ask(*q.question, *day, options);
    if (!answer.answer) {
        std::cerr << render(answer.diagnostics, use_colour(2));
        return usage;
    }
    if (o.common.json)
        std::cout << render_json(*answer.answer) << "\n";
    else {
        RenderOptions render{use_colour(1)};
        std::cout << render_text(*answer.answer, render);
        if (o.why_not) std::cout << render_why_not(*answer.answer, render);
        if (o.explain) std::cout << render_explanation(*answer.answer, render);
        if (o.what_if) std::cout << render_what_if(*answer.answer, render);
    }
    return exit_code(*answer.answer);
}

} // namespace

std::function<int()> add_ask(CLI::App& app) {
    auto o = std::make_shared<AskCommand>();
    auto* cmd = app.add_subcommand("ask", "Ask whether an action is permitted, and why");
    cmd->add_option("question", o->phrase,
                    "The question as a phrase: \"OpenAI acquires Windsurf on 2025-06-01\" (- to "
                    "read it from stdin)");
    cmd->add_option("--party", o->party, "Flag form: the party that acts (id, name or alias)")
        ->type_name("PARTY");
    cmd->add_option("--action", o->action, "Flag form: the action kind")->type_name("ACTION");
    cmd->add_option("--set", o->sets, "Flag form: an attribute, name=value (repeatable)")
        ->type_name("NAME=VALUE");
    cmd->add_option("--date", o->date, "Flag form: the date, YYYY-MM-DD (default: today)")
        ->type_name("DATE");
    cmd->add_option("--from", o->from,
                    "A period's first day, YYYY-MM-DD, with --until: ask about every day of it")
        ->type_name("DATE");
    cmd->add_option("--until", o->until, "A period's last day, YYYY-MM-DD (included), with --from")
        ->type_name("DATE");
    cmd->add_option("--fact", o->facts,
                    "A fact, name=value or name=unknown (repeatable; with any form)")
        ->type_name("NAME=VALUE");
    cmd->add_option("--consent", o->consents,
                    "A party that has consented (repeatable; with any form)")
        ->type_name("PARTY");
    cmd->add_option("--reading", o->readings,
                    "Read uncertain terms this way (a reading's value; repeatable)")
        ->type_name("VALUE");
    cmd->add_option("--file", o->file, "File form: a YAML or JSON question file (- for stdin)")
        ->type_name("FILE");
    cmd->add_option("--today", o->today,
                    "The date for questions that give none (default: today), YYYY-MM-DD")
        ->type_name("DATE");
    add_rules(*cmd, o->common);
    cmd->add_flag("--why-not", o->why_not,
                  "Also say, for each clause that did not apply, what failed, and for each "
                  "power that is not open, the history's events that keep it closed");
    cmd->add_flag("--explain", o->explain,
                  "Also print every clause considered with its condition's values");
    cmd->add_flag("--what-would-change", o->what_if,
                  "Also list the single changes that would flip the verdict");
    cmd->add_flag("--json", o->common.json, "Print the answer as JSON (docs/json-output.md)");
    cmd->footer("Exit codes: 0 permitted, 1 forbidden, 2 needs consent or depends, 3 rule errors, "
                "4 the verdict varies over the period, 64 usage.");
    return [o] { return run(*o); }; // run() takes a copy: it may fill the phrase
}

} // namespace dealcheck::cli
