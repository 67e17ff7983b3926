// The routes of one deal: ask, batch, timeline, check, vocab, agreements. Each hands the request to
// the library and wraps the library's JSON in {"deal", "revision", ...}.
#include "content_hash.hpp"
#include "dealcheck/agreements.hpp"
#include "dealcheck/batch.hpp"
#include "dealcheck/render.hpp"
#include "errors.hpp"
#include "json_text.hpp"
#include "routes.hpp"

namespace dealcheck::server {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

bool flag(const std::map<std::string, std::string>& query, const std::string& name) {
    auto it = query.find(name);
    return it != query.end() && (it->second.empty() || it->second == "true" || it->second == "1");
}

std::string trimmed(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return std::string(s);
}

// A phrase (Content-Type text/plain) or a question file's map, YAML or JSON: the same
// forms, and the same located errors, as `dealcheck ask`.
QuestionResult read_question(const Request& request, const Deal& deal) {
    if (request.content_type.rfind("text/plain", 0) == 0)
        return deal.parse_phrase(trimmed(request.body));
    return deal.parse_question_text(request.body, "<request>");
}

std::string envelope(const DealEntry& entry, const Revision& revision) {
    return "{\"deal\":" + json_string(entry.name()) + ",\"revision\":" + json_string(revision.hash);
}

Response revision_response(const Revision& revision) {
    Response r;
    r.headers.emplace_back("Dealcheck-Revision", revision.hash);
    return r;
}

// The verdict and deciding clause ids of one batch output line, for metrics and the
// decision log: the line starts {"verdict":"...", and lists "deciding":["id",...].
void read_batch_line(std::string_view line, std::string& verdict,
                     std::vector<std::string>& deciding) {
    constexpr std::string_view head = "{\"verdict\":\"";
    verdict = "error";
    deciding.clear();
    if (line.rfind(head, 0) != 0) return;
    auto end = line.find('"', head.size());
    verdict = std::string(line.substr(head.size(), end - head.size()));
    auto list = line.find("\"deciding\":[");
    if (list == std::string_view::npos) return;
    for (auto p = list + 12; p < line.size() && line[p] == '"';) {
        auto close = line.find('"', p + 1);
        if (close == std::string_view::npos) break;
        deciding.emplace_back(line.substr(p + 1, close - p - 1));
        p = close + 1;
        if (p < line.size() && line[p] == ',') ++p;
    }
}

} // namespace

Response Routes::ask(const Request& request, const DealEntry& entry,
                     std::shared_ptr<const Revision> revision) const {
    auto start = Clock::now();
    auto query = target_query(request.target);
    Date day = dealcheck::today();
    if (auto t = query.find("today"); t != query.end()) {
        auto d = parse_date(t->second);
        if (!d) return error_response(400, "today=" + t->second + " is not a date", "YYYY-MM-DD");
        day = *d;
    }
    const Deal& deal = revision->deal;
    auto q = read_question(request, deal);
    if (!q.question) return error_response(400, "the question does not parse", q.diagnostics);
    AskOptions options;
    options.explain = flag(query, "explain") || flag(query, "why_not");
    options.what_if = flag(query, "what_if");
    bool text = query.count("format") && query["format"] == "text";
    auto r = revision_response(*revision);
    if (text) r.content_type = "text/plain; charset=utf-8";
    Decision decision{entry.name(), revision->hash, request.body, "", {}, 0};
    if (q.question->period) {
        auto a = deal.ask_period(*q.question, options);
        if (!a.answer) return error_response(400, "the question cannot be answered", a.diagnostics);
        const auto& parts = a.answer->parts;
        decision.verdict = a.answer->varies ? "varies"
                           : parts.empty()  ? "error"
                                            : std::string(verdict_word(parts[0].answer.verdict));
        for (const auto& part : parts)
            for (const auto& c : part.answer.deciding)
                decision.deciding.push_back(c.id);
        r.body = text ? render_period_text(*a.answer)
                      : envelope(entry, *revision) +
                            ",\"period_answer\":" + render_period_json(*a.answer) + "}\n";
    } else {
        auto a = deal.ask(*q.question, day, options);
        if (!a.answer) return error_response(400, "the question cannot be answered", a.diagnostics);
        decision.verdict = std::string(verdict_word(a.answer->verdict));
        for (const auto& c : a.answer->deciding)
            decision.deciding.push_back(c.id);
        if (text) {
            r.body = render_text(*a.answer);
            if (flag(query, "why_not")) r.body += render_why_not(*a.answer);
            if (flag(query, "explain")) r.body += render_explanation(*a.answer);
            if (options.what_if) r.body += render_what_if(*a.answer);
        } else {
            r.body = envelope(entry, *revision) + ",\"answer\":" + render_json(*a.answer) + "}\n";
        }
    }
    metrics_.decision(decision.verdict);
    decision.seconds = seconds_since(start);
    log_.write(decision);
    return r;
}

Response Routes::batch(const Request& request, const DealEntry& entry,
                       std::shared_ptr<const Revision> revision) const {
    auto query = target_query(request.target);
    Date day = dealcheck::today();
    if (auto t = query.find("today"); t != query.end()) {
        auto d = parse_date(t->second);
        if (!d) return error_response(400, "today=" + t->second + " is not a date", "YYYY-MM-DD");
        day = *d;
    }
    // One output line per input line, as `dealcheck batch`; a final newline ends the
    // last line rather than starting an empty one.
    std::size_t lines = 0;
    for (char c : request.body)
        lines += c == '\n';
    if (!request.body.empty() && request.body.back() != '\n') ++lines;
    if (lines > limits_.max_batch_questions)
        return error_response(413,
                              "the batch has " + std::to_string(lines) + " questions, more than " +
                                  std::to_string(limits_.max_batch_questions),
                              "split it into several requests");
    auto r = revision_response(*revision);
    r.content_type = "application/x-ndjson";
    // Answered as it is sent, a few hundred lines at a time: memory stays bounded by the
    // body, and the first answers leave before the last are decided.
    struct State {
        std::shared_ptr<const Revision> revision; // kept alive until the last line is sent
        BatchAnswerer answerer;
        std::string body;
        std::size_t offset = 0;
        std::uint64_t number = 0;
        Clock::time_point deadline;
    };
    auto state =
        std::make_shared<State>(State{revision, BatchAnswerer(revision->deal, day), request.body, 0,
                                      0, Clock::now() + limits_.request_time});
    std::string prefix = "{\"deal\":" + json_string(entry.name()) +
                         ",\"revision\":" + json_string(revision->hash) + ",";
    r.stream = [this, state, prefix, name = entry.name()](std::string& out) {
        auto& s = *state;
        std::string answer, verdict;
        std::vector<std::string> deciding;
        for (int n = 0; n < 256 && s.offset < s.body.size(); ++n) {
            if (Clock::now() > s.deadline) {
                out += prefix + "\"line\":" + std::to_string(s.number + 1) + ",\"code\":\"" +
                       code_id(DiagnosticCode::bad_request) + "\",\"name\":\"" +
                       std::string(info(DiagnosticCode::bad_request).name) + "\"," +
                       "\"error\":\"the request's time is up: no more lines are answered\"," +
                       "\"hint\":\"send fewer questions per request\"}\n";
                s.offset = s.body.size();
                break;
            }
            auto start = Clock::now();
            auto nl = s.body.find('\n', s.offset);
            if (nl == std::string::npos) nl = s.body.size();
            std::string_view line(s.body.data() + s.offset, nl - s.offset);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            s.offset = nl + 1;
            answer.clear();
            s.answerer.answer(line, ++s.number, answer);
            read_batch_line(answer, verdict, deciding);
            if (verdict != "error") metrics_.decision(verdict);
            if (log_.enabled())
                log_.write({name, s.revision->hash, std::string(line), verdict, deciding,
                            seconds_since(start)});
            // Each line names its deal and revision: {"deal","revision", <the line's fields>}.
            out += prefix;
            out.append(answer, 1, std::string::npos);
            out += '\n';
        }
        return s.offset < s.body.size();
    };
    return r;
}

Response Routes::timeline(const Request& request, const DealEntry& entry,
                          std::shared_ptr<const Revision> revision) const {
    auto query = target_query(request.target);
    auto q = read_question(request, revision->deal);
    if (!q.question) return error_response(400, "the question does not parse", q.diagnostics);
    auto t = revision->deal.timeline(*q.question);
    if (!t.timeline) return error_response(400, "the question has no timeline", t.diagnostics);
    auto r = revision_response(*revision);
    auto format = query.count("format") ? query["format"] : "json";
    if (format == "svg") {
        r.content_type = "image/svg+xml";
        r.body = render_timeline_svg(*t.timeline);
    } else if (format == "text") {
        r.content_type = "text/plain; charset=utf-8";
        r.body = render_timeline_text(*t.timeline);
    } else {
        r.body = envelope(entry, *revision) + ",\"timeline\":" + render_timeline_json(*t.timeline) +
                 "}\n";
    }
    return r;
}

Response Routes::check(const DealEntry& entry, std::shared_ptr<const Revision> revision) const {
    // The files as they are now, loaded and checked off to the side: what the next
    // reload would do with them. What is served does not change.
    auto files = content_hash(entry.path());
    auto loaded = Deal::load(entry.path(), load_);
    Response r;
    r.body = "{\"deal\":" + json_string(entry.name()) +
             ",\"revision\":" + (revision ? json_string(revision->hash) : "null") +
             ",\"files_revision\":" + json_string(files) +
             ",\"ok\":" + (loaded.deal ? "true" : "false") +
             ",\"diagnostics\":" + diagnostics_json(loaded.diagnostics) + "}\n";
    return r;
}

Response Routes::vocab(const DealEntry& entry, std::shared_ptr<const Revision> revision) const {
    auto r = revision_response(*revision);
    r.body = envelope(entry, *revision) +
             ",\"vocabulary\":" + render_vocabulary_json(revision->deal.vocabulary()) + "}\n";
    return r;
}

Response Routes::agreements(const DealEntry& entry,
                            std::shared_ptr<const Revision> revision) const {
    auto r = revision_response(*revision);
    r.body = envelope(entry, *revision) +
             ",\"agreements\":" + render_agreements_json(agreements_of(revision->deal)) + "}\n";
    return r;
}

} // namespace dealcheck::server
