// Fuzz target: `dealcheck batch` input, which is untrusted. Each line goes through the
// line decoder (question::read_json_line) on its own, then the whole input through
// run_batch on the bundled deal. Checks beyond "no crash": a rejected line has a
// message and a column inside it (or none); an accepted line has the fields a question
// needs and its views inside the line or the scratch buffer; run_batch writes exactly
// one answer line per input line, each one JSON object.
#include "dealcheck/batch.hpp"
#include "dealcheck/dealcheck.hpp"
#include "question/json_line.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
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

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_batch_line: %s\n", what);
        std::abort();
    }
}

bool inside(std::string_view view, std::string_view buffer) {
    return view.empty() || (view.data() >= buffer.data() &&
                            view.data() + view.size() <= buffer.data() + buffer.size());
}

void decode(std::string_view line) {
    using dealcheck::question::JsonLine;
    JsonLine q;
    std::string scratch;
    dealcheck::question::JsonLineError e;
    if (!dealcheck::question::read_json_line(line, q, scratch, e)) {
        check(!e.message.empty(), "a rejected line without a message");
        check(e.column <= line.size() + 1, "an error column past the line's end");
        return;
    }
    check(q.has(JsonLine::Phrase) ? !q.has(JsonLine::Party) && !q.has(JsonLine::Action)
                                  : q.has(JsonLine::Party) && q.has(JsonLine::Action),
          "an accepted line is neither a phrase nor a party and an action");
    auto in_place = [&](std::string_view v) { return inside(v, line) || inside(v, scratch); };
    bool views = in_place(q.id) && in_place(q.phrase) && in_place(q.party) && in_place(q.action) &&
                 in_place(q.date);
    for (const auto* pairs : {&q.attributes, &q.facts})
        for (const auto& p : *pairs)
            views = views && in_place(p.name) &&
                    (in_place(p.value) || p.value == "true" || p.value == "false");
    for (const auto* list : {&q.consents, &q.readings})
        for (auto v : *list)
            views = views && in_place(v);
    check(views, "a view outside the line and the scratch buffer");
    check(q.attributes.size() <= dealcheck::question::max_json_items &&
              q.facts.size() <= dealcheck::question::max_json_items,
          "more entries than the limit");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    std::size_t lines = 0;
    for (std::size_t at = 0; at < input.size();) {
        std::size_t nl = input.find('\n', at);
        std::string_view line(input.data() + at,
                              (nl == std::string::npos ? input.size() : nl) - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        decode(line);
        ++lines;
        at = nl == std::string::npos ? input.size() : nl + 1;
    }
    std::istringstream in(input);
    std::ostringstream out;
    dealcheck::BatchOptions options;
    options.today = dealcheck::Date{20500}; // 2026-02-16
    options.max_line_bytes = 1024;          // the too-long-line path too
    options.chunk_bytes = 256;
    auto stats = dealcheck::run_batch(bundled(), in, out, options);
    check(stats.lines == lines, "run_batch counted other lines than the input has");
    std::string answers = out.str();
    std::size_t written = 0;
    for (std::size_t at = 0; at < answers.size(); ++written) {
        std::size_t nl = answers.find('\n', at);
        check(nl != std::string::npos, "an answer line without its newline");
        check(nl > at && answers[at] == '{' && answers[nl - 1] == '}',
              "an answer that is not an object");
        at = nl + 1;
    }
    check(written == lines, "not one answer line per input line");
    return 0;
}
