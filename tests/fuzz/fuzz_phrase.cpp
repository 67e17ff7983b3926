// Fuzz target: question phrases (Deal::parse_phrase) on the bundled deal, and for every
// phrase that parses: the answer with explanations and what-ifs, rendered every way,
// and the timeline; for a question over a period, the answer over it.
#include "dealcheck/dealcheck.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

const dealcheck::Deal& bundled() {
    static const auto loaded = dealcheck::Deal::load(DEALCHECK_RULES_DIR "/microsoft-openai");
    if (!loaded.deal) {
        std::fputs(dealcheck::render(loaded.diagnostics).c_str(), stderr);
        std::abort();
    }
    return *loaded.deal;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& deal = bundled();
    std::string_view phrase(reinterpret_cast<const char*>(data), size);
    auto parsed = deal.parse_phrase(phrase);
    (void)dealcheck::render(parsed.diagnostics);
    if (!parsed.question) {
        if (!parsed.diagnostics.has_errors()) std::abort(); // no question and no reason
        return 0;
    }
    dealcheck::AskOptions options;
    options.explain = true;
    options.what_if = true;
    if (parsed.question->period) { // "in 2027", "between 2030 and 2031"
        auto over = deal.ask_period(*parsed.question, options);
        (void)dealcheck::render(over.diagnostics);
        if (!over.answer && !over.diagnostics.has_errors()) std::abort();
        if (over.answer) {
            (void)dealcheck::render_period_text(*over.answer);
            (void)dealcheck::render_period_json(*over.answer);
        }
        return 0;
    }
    auto answer = deal.ask(*parsed.question, dealcheck::Date{20500}, options); // 2026-02-16
    (void)dealcheck::render(answer.diagnostics);
    if (answer.answer) {
        (void)dealcheck::render_text(*answer.answer);
        (void)dealcheck::render_json(*answer.answer);
        (void)dealcheck::render_why_not(*answer.answer);
        (void)dealcheck::render_explanation(*answer.answer);
        (void)dealcheck::render_what_if(*answer.answer);
    }
    auto timeline = deal.timeline(*parsed.question);
    if (timeline.timeline) (void)dealcheck::render_timeline_text(*timeline.timeline);
    return 0;
}
