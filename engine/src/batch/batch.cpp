// dealcheck batch: JSON Lines questions -> strict reader -> fast binder -> fast
// decision -> one JSON line each; questions the fast path does not settle (DEPENDS)
// take the full answer. run_batch streams chunks of lines through threads and
// writes them back in input order, with a bounded number of chunks in flight.
#include "dealcheck/batch.hpp"

#include "evaluator/decide.hpp"
#include "question/binder.hpp"
#include "question/fast_binder.hpp"
#include "question/json_line.hpp"
#include "question/phrase.hpp"
#include "util/json_writer.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>
#include <vector>

namespace dealcheck {

namespace {

void quoted(std::string& out, std::string_view s) {
    out += '"';
    out += util::json_escape(s);
    out += '"';
}

void append_number(std::string& out, std::uint64_t n) {
    char buf[24];
    int len = 0;
    do {
        buf[len++] = static_cast<char>('0' + n % 10);
        n /= 10;
    } while (n);
    while (len)
        out += buf[--len];
}

// {"id", "line", "column", "code", "name", "error", "hint"}: the code and name as
// --error-format json gives them.
void error_line(std::string& out, std::string_view id, std::uint64_t line, std::size_t column,
                DiagnosticCode code, std::string_view message, std::string_view hint) {
    out += '{';
    if (!id.empty()) {
        out += "\"id\":";
        out += id;
        out += ',';
    }
    out += "\"line\":";
    append_number(out, line);
    if (column) {
        out += ",\"column\":";
        append_number(out, column);
    }
    out += ",\"code\":\"";
    out += code_id(code);
    out += "\",\"name\":\"";
    out += info(code).name;
    out += "\",\"error\":";
    quoted(out, message);
    if (!hint.empty()) {
        out += ",\"hint\":";
        quoted(out, hint);
    }
    out += '}';
}

} // namespace

struct BatchAnswerer::Impl {
    Deal deal;
    const CompiledDeal& compiled;
    question::FastBinder binder;
    Date today;
    question::JsonLine line;
    std::string scratch;
    question::JsonLineError error;
    evaluator::BoundQuestion bound;
    std::vector<Value> facts;
    evaluator::DecidingClauses deciding;

    // Clause and party ids as JSON strings, side by side: [offsets[i], offsets[i + 1]).
    std::string names;
    std::vector<std::uint32_t> clause_at, party_at, power_at;

    Impl(const Deal& d, Date t) : deal(d), compiled(deal.compiled()), binder(compiled), today(t) {
        facts.resize(compiled.model.facts.size());
        auto pool = [&](std::vector<std::uint32_t>& at, const auto& items) {
            for (const auto& x : items) {
                at.push_back(static_cast<std::uint32_t>(names.size()));
                quoted(names, x.id);
            }
            at.push_back(static_cast<std::uint32_t>(names.size()));
        };
        pool(clause_at, compiled.model.clauses);
        pool(party_at, compiled.model.parties);
        pool(power_at, compiled.model.powers);
    }

    void name(std::string& out, const std::vector<std::uint32_t>& at, std::uint32_t i) const {
        out.append(names, at[i], at[i + 1] - at[i]);
    }

    // The deciding clauses' ids, then the open powers'.
    void ids(std::string& out, const std::vector<std::uint32_t>& clauses,
             const std::vector<std::uint32_t>& powers) const {
        out += '[';
        for (std::size_t k = 0; k < clauses.size(); ++k) {
            if (k) out += ',';
            name(out, clause_at, clauses[k]);
        }
        for (std::size_t k = 0; k < powers.size(); ++k) {
            if (k || !clauses.empty()) out += ',';
            name(out, power_at, powers[k]);
        }
        out += ']';
    }

    void fast(std::string& out, const evaluator::Decision& d) const {
        out += "\"verdict\":\"";
        out += verdict_word(d.verdict);
        out += '"';
        if (d.verdict == VerdictKind::NeedsConsent) {
            out += ",\"consent_of\":[";
            bool first = true;
            for (std::size_t p = 0; p + 1 < party_at.size(); ++p)
                if ((d.consent_of >> p) & 1u) {
                    if (!first) out += ',';
                    first = false;
                    name(out, party_at, static_cast<std::uint32_t>(p));
                }
            out += ']';
        }
        if (d.verdict == VerdictKind::NotCovered) {
            out += ",\"default\":\"";
            out += verdict_word(d.default_verdict);
            out += '"';
        }
        out += ",\"deciding\":";
        ids(out, deciding.deciding(d.verdict), deciding.deciding_powers(d.verdict));
    }

    static void full(std::string& out, const Answer& a) {
        out += "\"verdict\":\"";
        out += verdict_word(a.verdict);
        out += '"';
        auto strings = [&](const char* key, const auto& items, auto get) {
            out += ",\"";
            out += key;
            out += "\":[";
            for (std::size_t k = 0; k < items.size(); ++k) {
                if (k) out += ',';
                quoted(out, get(items[k]));
            }
            out += ']';
        };
        auto self = [](const std::string& s) -> std::string_view { return s; };
        if (a.verdict == VerdictKind::NeedsConsent) strings("consent_of", a.consent_of, self);
        if (a.verdict == VerdictKind::NotCovered) {
            out += ",\"default\":\"";
            out += verdict_word(a.default_verdict);
            out += '"';
        }
        if (a.verdict == VerdictKind::Depends)
            strings("depends_on", a.depends_on,
                    [](const Dependency& d) -> std::string_view { return d.name; });
        strings("deciding", a.deciding,
                [](const ClauseRef& c) -> std::string_view { return c.id; });
    }

    bool answer(std::string_view text, std::uint64_t number, std::string& out) {
        if (!question::read_json_line(text, line, scratch, error)) {
            error_line(out, {}, number, error.column, error.code, error.message, error.hint);
            return false;
        }
        const evaluator::BoundQuestion* q = &bound;
        std::optional<question::Bound> slow;
        if (!binder.bind(line, today, bound)) {
            // The binder proper: phrases, readings, and the wording of every error.
            Diagnostics diags;
            std::optional<Question> question =
                line.has(question::JsonLine::Phrase)
                    ? question::parse_phrase(compiled, line.phrase, diags)
                    : std::optional<Question>(question::to_question(line));
            if (question && question->period) { // a phrase such as "... in 2027"
                error_line(out, line.id, number, 0, DiagnosticCode::date_or_period,
                           "`batch` answers a question on one day, not over a period",
                           "give a date, or ask `dealcheck ask` about the period");
                return false;
            }
            if (question) slow = question::bind(compiled, *question, today, diags);
            if (!slow) {
                const Diagnostic* first = nullptr;
                for (const auto& d : diags.items())
                    if (d.severity == Severity::Error) {
                        first = &d;
                        break;
                    }
                error_line(out, line.id, number, 0,
                           first ? first->code : DiagnosticCode::phrase_syntax,
                           first ? first->message : "the question could not be read",
                           first ? first->hint : "");
                return false;
            }
            q = &slow->bound;
        }
        evaluator::resolve_facts(compiled, *q, facts);
        auto d = evaluator::decide(compiled, *q, facts, deciding);
        out += '{';
        if (!line.id.empty()) {
            out += "\"id\":";
            out += line.id;
            out += ',';
        }
        if (d.verdict == VerdictKind::Depends)
            full(out,
                 evaluator::answer(compiled, *q, Question{}, 0)); // which unknowns matter, and how
        else
            fast(out, d);
        out += '}';
        return true;
    }
};

BatchAnswerer::BatchAnswerer(const Deal& deal, Date today)
    : impl_(std::make_unique<Impl>(deal, today)) {}
BatchAnswerer::~BatchAnswerer() = default;
BatchAnswerer::BatchAnswerer(BatchAnswerer&&) noexcept = default;
BatchAnswerer& BatchAnswerer::operator=(BatchAnswerer&&) noexcept = default;

bool BatchAnswerer::answer(std::string_view line, std::uint64_t line_number, std::string& out) {
    return impl_->answer(line, line_number, out);
}

namespace {

// Cuts the input into chunks of whole lines, each ending in '\n'. A line longer than
// the limit is cut to limit + 1 bytes (so that it is answered with an error) and the
// rest of it skipped, so that memory stays bounded whatever the input.
class LineReader {
  public:
    LineReader(std::istream& in, std::size_t max_line)
        : in_(in), max_line_(max_line), buf_(std::max<std::size_t>(2 * (max_line + 1), 1 << 16)) {}

    // Appends lines to `chunk` until it holds `target` bytes or the input ends; returns
    // how many.
    std::uint64_t fill(std::string& chunk, std::size_t target) {
        std::uint64_t lines = 0;
        while (chunk.size() < target) {
            if (begin_ == end_ && !refill()) break;
            const char* b = buf_.data() + begin_;
            std::size_t avail = end_ - begin_;
            const void* found = std::memchr(b, '\n', avail);
            std::size_t len =
                found ? static_cast<std::size_t>(static_cast<const char*>(found) - b) : avail;
            if (skipping_) { // the tail of a line already answered as too long
                begin_ += found ? len + 1 : len;
                if (found) skipping_ = false;
                continue;
            }
            if (len > max_line_) {
                chunk.append(b, max_line_ + 1);
                chunk += '\n';
                ++lines;
                begin_ += found ? len + 1 : len;
                skipping_ = !found;
                continue;
            }
            if (found) {
                chunk.append(b, len + 1);
                ++lines;
                begin_ += len + 1;
                continue;
            }
            if (!refill()) { // the last line, without its newline
                chunk.append(buf_.data() + begin_, end_ - begin_);
                chunk += '\n';
                ++lines;
                begin_ = end_;
                break;
            }
        }
        return lines;
    }

    bool failed() const { return failed_; }

  private:
    std::istream& in_;
    std::size_t max_line_;
    std::vector<char> buf_;
    std::size_t begin_ = 0, end_ = 0;
    bool eof_ = false, skipping_ = false, failed_ = false;

    // Keeps the unread bytes and reads more after them; false when nothing more came.
    bool refill() {
        if (eof_) return false;
        std::size_t keep = end_ - begin_;
        if (keep && begin_) std::memmove(buf_.data(), buf_.data() + begin_, keep);
        begin_ = 0;
        end_ = keep;
        in_.read(buf_.data() + end_, static_cast<std::streamsize>(buf_.size() - end_));
        auto got = static_cast<std::size_t>(in_.gcount());
        if (got == 0) {
            eof_ = true;
            failed_ = in_.bad();
            return false;
        }
        end_ += got;
        return true;
    }
};

struct Chunk {
    std::string input, output;
    std::uint64_t first_line = 0, lines = 0, errors = 0;
    bool done = false;
};

void answer_chunk(BatchAnswerer& answerer, Chunk& c, std::size_t max_line) {
    const char* p = c.input.data();
    const char* end = p + c.input.size();
    std::uint64_t number = c.first_line;
    c.errors = 0;
    while (p < end) {
        const char* nl =
            static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl) nl = end;
        std::string_view line(p, static_cast<std::size_t>(nl - p));
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        ++number;
        bool ok = false;
        if (line.size() > max_line) {
            error_line(c.output, {}, number, 0, DiagnosticCode::question_too_large,
                       "the line is longer than " + std::to_string(max_line) + " bytes",
                       "a question fits on one line; was the input JSON Lines?");
        } else {
            std::size_t mark = c.output.size();
            try {
                ok = answerer.answer(line, number, c.output);
            } catch (const std::exception& e) {
                c.output.resize(mark);
                error_line(c.output, {}, number, 0, DiagnosticCode::internal_error,
                           std::string("internal error: ") + e.what(), "");
            }
        }
        if (!ok) ++c.errors;
        c.output += '\n';
        p = nl + 1;
    }
}

} // namespace

BatchStats run_batch(const Deal& deal, std::istream& in, std::ostream& out,
                     const BatchOptions& options) {
    BatchStats stats;
    const std::size_t max_line = std::max<std::size_t>(options.max_line_bytes, 1);
    const std::size_t chunk_bytes = std::max<std::size_t>(options.chunk_bytes, 1);
    LineReader reader(in, max_line);
    std::uint64_t bytes = 0; // input read into the chunks written so far
    const unsigned threads = std::max(1u, options.threads);

    if (threads == 1) {
        BatchAnswerer answerer(deal, options.today);
        Chunk c;
        while ((c.lines = reader.fill(c.input, chunk_bytes)) > 0) {
            answer_chunk(answerer, c, max_line);
            out.write(c.output.data(), static_cast<std::streamsize>(c.output.size()));
            stats.lines += c.lines;
            stats.errors += c.errors;
            bytes += c.input.size();
            if (options.on_progress) options.on_progress(stats.lines, bytes);
            c.first_line += c.lines;
            c.input.clear();
            c.output.clear();
        }
        stats.read_failed = reader.failed();
        return stats;
    }

    // The reading thread fills chunks, the answering threads take them in order, and
    // the reading thread writes them back in order; a chunk's slot is reused once
    // written, so at most `slots` chunks exist.
    const std::size_t slots = 2 * static_cast<std::size_t>(threads);
    std::vector<Chunk> chunks(slots);
    std::mutex mu;
    std::condition_variable work, finished;
    std::uint64_t published = 0, taken = 0, written = 0;
    bool input_done = false;

    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            BatchAnswerer answerer(deal, options.today);
            for (;;) {
                std::uint64_t mine;
                {
                    std::unique_lock lock(mu);
                    work.wait(lock, [&] { return taken < published || input_done; });
                    if (taken == published) return;
                    mine = taken++;
                }
                Chunk& c = chunks[mine % slots];
                answer_chunk(answerer, c, max_line);
                {
                    std::lock_guard lock(mu);
                    c.done = true;
                }
                finished.notify_all();
            }
        });

    auto write_next = [&](bool wait) {
        Chunk& c = chunks[written % slots];
        {
            std::unique_lock lock(mu);
            if (!wait && !c.done) return false;
            finished.wait(lock, [&] { return c.done; });
        }
        out.write(c.output.data(), static_cast<std::streamsize>(c.output.size()));
        stats.lines += c.lines;
        stats.errors += c.errors;
        bytes += c.input.size();
        if (options.on_progress) options.on_progress(stats.lines, bytes);
        c.input.clear();
        c.output.clear();
        {
            std::lock_guard lock(mu);
            c.done = false;
        }
        ++written;
        return true;
    };

    std::uint64_t next = 0, line = 0;
    for (;;) {
        if (next - written == slots) write_next(true);
        Chunk& c = chunks[next % slots];
        c.first_line = line;
        c.lines = reader.fill(c.input, chunk_bytes);
        if (c.lines == 0) break;
        line += c.lines;
        {
            std::lock_guard lock(mu);
            published = ++next;
        }
        work.notify_one();
        while (written < next && write_next(false)) {
        }
    }
    {
        std::lock_guard lock(mu);
        input_done = true;
    }
    work.notify_all();
    while (written < next)
        write_next(true);
    for (auto& w : workers)
        w.join();
    stats.read_failed = reader.failed();
    return stats;
}

} // namespace dealcheck
