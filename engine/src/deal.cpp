// The library's entry point: load -> check -> compile, and ask -> bind -> answer.
#include "dealcheck/deal.hpp"

#include "checker/cascade.hpp"
#include "checker/checker.hpp"
#include "compiler/compile.hpp"
#include "evaluator/authorizer.hpp"
#include "evaluator/explain.hpp"
#include "evaluator/obligations.hpp"
#include "evaluator/period.hpp"
#include "evaluator/timeline.hpp"
#include "evaluator/what_if.hpp"
#include "image/image.hpp"
#include "loader/load.hpp"
#include "question/binder.hpp"
#include "question/phrase.hpp"
#include "question/question_file.hpp"
#include "question/vocabulary_listing.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>

namespace dealcheck {

namespace {

// What the lifecycle found odd in the history (an event that fulfils nothing, a power
// exercised while not open): warnings, located at the event.
void history_notes(const CompiledDeal& compiled, Diagnostics& diags) {
    const auto& deal = compiled.model;
    for (const auto& note : compiled.lifecycle.notes) {
        Diagnostic d(note.code);
        d.severity = Severity::Warning;
        d.where = model::event_where(deal, deal.events[note.event]);
        d.message = note.message;
        d.hint = note.hint;
        d.source_line = model::source_line(deal, d.where.file, d.where.line);
        diags.add(std::move(d));
    }
}

} // namespace

bool is_deal_image(const std::string& path) {
    return image::is_image(path);
}

std::string default_image_path(const std::string& deal_path) {
    std::filesystem::path p = deal_path;
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) p = p.parent_path();
    return (p / "deal.dcx").string();
}

LoadResult Deal::load(const std::string& path, const LoadOptions& options) {
    LoadResult result;
    auto& diags = result.diagnostics;
    if (image::is_image(path)) {
        auto read = image::read(path, "", options);
        if (read.deal) result.deal = Deal(std::move(read.deal));
        result.diagnostics = std::move(read.diagnostics);
        return result;
    }
    if (options.use_image) {
        auto image_path = default_image_path(path);
        std::error_code ec;
        if (std::filesystem::exists(image_path, ec)) {
            auto read = image::read(image_path, path, options);
            if (read.deal) {
                result.deal = Deal(std::move(read.deal));
                result.diagnostics = std::move(read.diagnostics);
                return result;
            }
            // Not trusted, and not an error: the YAML is the deal. Say why it was skipped.
            for (auto d : read.diagnostics.items()) {
                d.severity = Severity::Note;
                d.message = "not using the compiled image: " + d.message;
                diags.add(std::move(d));
            }
        }
    }
    auto [model, gaps] =
        loader::load_model(path, diags, options.large ? limits::large : limits::standard,
                           {options.own_history, options.history});
    std::size_t left_out = 0;
    if (!diags.has_errors()) {
        auto checked = checker::check(model, diags);
        if (!diags.has_errors()) {
            auto compiled = compiler::compile(std::move(model), std::move(checked), diags);
            if (!diags.has_errors()) {
                result.deal = Deal(std::move(compiled));
                history_notes(result.deal->compiled(), diags);
            }
        }
    } else if (!gaps.truncated) {
        // Every error in one run: the files that loaded are checked too, and what the
        // checker finds only because of a file that failed is left out.
        Diagnostics found;
        checker::check(model, found);
        left_out = checker::report_independent(gaps, found, diags);
    }
    diags.sort();
    checker::note_left_out(left_out, diags);
    return result;
}

Diagnostics Deal::compile_image(const std::string& path, const std::string& image_path,
                                const LoadOptions& options) {
    LoadOptions yaml = options;
    yaml.use_image = false;
    auto loaded = load(path, yaml);
    if (!loaded.deal) return std::move(loaded.diagnostics);
    auto bytes = image::write(loaded.deal->compiled(), path, yaml, loaded.diagnostics);
    // Written beside and renamed: a reader never sees half an image.
    auto partial = image_path + ".partial";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    std::error_code ec;
    if (out) std::filesystem::rename(partial, image_path, ec);
    if (!out || ec) {
        std::filesystem::remove(partial, ec);
        Diagnostic d(DiagnosticCode::file_unreadable);
        d.where.file = image_path;
        d.message = "cannot write the image";
        d.hint = "check that the folder exists and is writable, or give another path with -o";
        loaded.diagnostics.add(std::move(d));
    }
    return std::move(loaded.diagnostics);
}

DealSummary Deal::summary() const {
    const auto& m = impl_->model;
    DealSummary s;
    s.id = m.id;
    s.title = m.title;
    s.folder = m.root;
    s.parties = model::ids_of(m.parties);
    s.actions = model::ids_of(m.actions);
    s.facts = model::ids_of(m.facts);
    s.agreements = model::ids_of(m.agreements);
    s.clauses = model::ids_of(m.clauses);
    s.obligations = model::ids_of(m.obligations);
    s.powers = model::ids_of(m.powers);
    s.clause_count = m.clauses.size();
    s.event_count = m.events.size();
    return s;
}

Vocabulary Deal::vocabulary() const {
    return question::vocabulary_listing(*impl_);
}

QuestionResult Deal::parse_phrase(std::string_view phrase) const {
    QuestionResult r;
    r.question = question::parse_phrase(*impl_, phrase, r.diagnostics);
    return r;
}

QuestionResult Deal::parse_question_text(std::string_view text, const std::string& name) const {
    QuestionResult r;
    r.question = question::parse_question_text(*impl_, text, name, r.diagnostics);
    return r;
}

namespace {

void question_error(Diagnostics& diags, std::string message, std::string hint) {
    Diagnostic d(DiagnosticCode::date_or_period);
    d.where.file = "<question>";
    d.message = std::move(message);
    d.hint = std::move(hint);
    diags.add(std::move(d));
}

} // namespace

AnswerResult Deal::ask(const Question& q, Date today, const AskOptions& options) const {
    AnswerResult r;
    if (q.period) {
        question_error(r.diagnostics,
                       "the question is over a period (" + format_date(q.period->from) + " .. " +
                           format_date(q.period->until) + "), not one day",
                       "give a date to ask about one day; `dealcheck ask` (Deal::ask_period) "
                       "answers over a period");
        return r;
    }
    auto bound = question::bind(*impl_, q, today, r.diagnostics);
    if (!bound) return r;
    r.answer = evaluator::answer(*impl_, bound->bound, bound->canonical, options.listed_events);
    if (options.explain) r.answer->explanation = evaluator::explain_clauses(*impl_, bound->bound);
    if (options.what_if)
        r.answer->what_if = evaluator::what_if(*impl_, bound->bound, bound->canonical);
    return r;
}

PeriodAnswerResult Deal::ask_period(const Question& q, const AskOptions& options) const {
    PeriodAnswerResult r;
    if (!q.period) {
        question_error(r.diagnostics, "the question gives no period",
                       "give one (from a day until a day), or ask about one day");
        return r;
    }
    auto bound = question::bind(*impl_, q, Date{}, r.diagnostics);
    if (!bound) return r;
    auto timeline = evaluator::timeline(*impl_, bound->bound, std::move(bound->canonical));
    PeriodAnswer period{*q.period, {}, false};
    for (auto& span : evaluator::clip(timeline, *q.period)) {
        // Each part's answer is the ordinary one, on its first day.
        Question day = q;
        day.period.reset();
        day.date = span.from;
        auto a = ask(day, span.from, options);
        if (!a.answer) { // it bound above: only the day differs
            r.diagnostics = std::move(a.diagnostics);
            return r;
        }
        period.parts.push_back(
            PeriodPart{span.from, span.until, std::move(span.changes), std::move(*a.answer)});
    }
    period.varies = evaluator::varies(period.parts);
    r.answer = std::move(period);
    return r;
}

TimelineResult Deal::timeline(const Question& q, const TimelineOptions& options) const {
    TimelineResult r;
    auto bound = question::bind(*impl_, q, Date{}, r.diagnostics);
    if (bound) {
        const auto& m = impl_->model;
        auto shown = options.all_obligations
                         ? evaluator::every(m)
                         : evaluator::related(m, bound->bound.action, bound->bound.party);
        r.timeline = evaluator::timeline(*impl_, bound->bound, std::move(bound->canonical));
        r.timeline->obligations = evaluator::changes(m, impl_->lifecycle, shown);
        r.timeline->all_obligations = options.all_obligations;
        r.timeline->obligations_shown = shown.count();
        r.timeline->obligations_left_out = m.obligations.size() + m.powers.size() - shown.count();
    }
    return r;
}

DealStatus Deal::status(Date as_of) const {
    return evaluator::status_as_of(impl_->model, impl_->lifecycle, as_of);
}

Date today() {
    auto now = std::chrono::system_clock::now();
    auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return Date{static_cast<std::int32_t>(days)};
}

} // namespace dealcheck
