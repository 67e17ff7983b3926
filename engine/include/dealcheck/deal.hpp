// A loaded, checked and compiled deal: immutable, shared by threads, and the entry
// point of the library.
//
//     auto loaded = dealcheck::Deal::load("rules/microsoft-openai");
//     if (!loaded.deal) { std::cerr << render(loaded.diagnostics); return 3; }
//     auto q = loaded.deal->parse_phrase("OpenAI acquires Windsurf on 2025-06-01");
//     auto answer = loaded.deal->ask(*q.question);
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/period.hpp"
#include "dealcheck/question.hpp"
#include "dealcheck/status.hpp"
#include "dealcheck/timeline.hpp"
#include "dealcheck/vocabulary.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealcheck {

class CompiledDeal; // engine internal

struct LoadResult;

// The largest question text parse_question_text() accepts, as for a rule file.
inline constexpr std::size_t max_question_bytes = 2 * 1024 * 1024;

struct LoadOptions {
    // The large limits (docs/limits.md): for generated portfolios one trusts, up to a
    // million clauses. The standard limits keep any rule folder, however hostile, to
    // about a second and 200 MB.
    bool large = false;
    // The deal's history (deal.yaml's `history` files) unless `own_history` is false,
    // and these files besides: events "as if they had happened".
    bool own_history = true;
    std::vector<std::string> history;
    // Load a deal folder from its compiled image (default_image_path) when the image is
    // fresh: compiled from the same files with the same options (docs/image.md). A
    // stale image is skipped with a note, and the YAML loaded.
    bool use_image = false;
};

// Whether `path` names a compiled image (Deal::load reads it instead of YAML): its name
// ends in `.dcx`, or it starts with an image's first bytes.
bool is_deal_image(const std::string& path);

// Where `dealcheck compile` writes a deal's image by default: deal.dcx in its folder.
std::string default_image_path(const std::string& deal_path);

// What an answer should carry beyond its verdict and reasons; each costs time.
struct AskOptions {
    bool explain = false; // every clause considered, conditions with their values
    bool what_if = false; // the single changes that would flip the verdict
    // How many of the history events behind each sum or count the answer lists, latest
    // first (HistoryCount::counted); text answers show max_shown, JSON up to max_listed.
    std::size_t listed_events = HistoryCount::max_listed;
};
struct QuestionResult {
    std::optional<Question> question;
    Diagnostics diagnostics;
};
struct TimelineResult {
    std::optional<Timeline> timeline;
    Diagnostics diagnostics;
};
struct AnswerResult {
    std::optional<Answer> answer;
    Diagnostics diagnostics; // the question did not fit the vocabulary
};
struct PeriodAnswerResult {
    std::optional<PeriodAnswer> answer;
    Diagnostics diagnostics; // the question did not fit the vocabulary, or has no period
};

// What a deal declares, for listings and help texts.
struct DealSummary {
    std::string id, title;
    std::string folder; // the deal's folder (its deal.yaml's), as given
    std::vector<std::string> parties, actions, facts, agreements, clauses;
    std::vector<std::string> obligations, powers;
    std::size_t clause_count = 0;
    std::size_t event_count = 0; // in its history
};

class Deal {
  public:
    // Loads the deal folder (or its deal.yaml), checks it and compiles it. On any
    // error `deal` is empty and `diagnostics` says why, every problem located.
    // `path` may also be a compiled image (docs/image.md): it is loaded instead, and
    // refused, with the reason, when it is stale, damaged or of another build.
    static LoadResult load(const std::string& path, const LoadOptions& options = {});

    // Loads the deal as load() does and writes its compiled image to `image_path`.
    // The diagnostics are the load's, and the error if the image cannot be written.
    static Diagnostics compile_image(const std::string& path, const std::string& image_path,
                                     const LoadOptions& options = {});

    DealSummary summary() const;
    // What questions can say: parties, actions with their verbs and attributes, facts,
    // readings, and example questions, each parsed back and answered.
    Vocabulary vocabulary() const;

    // The phrase form: "OpenAI acquires Windsurf for 3B USD on 2025-06-01".
    QuestionResult parse_phrase(std::string_view phrase) const;
    // The file form: a YAML or JSON map {party, action, attributes, date, facts, consents}
    // or {question: "<phrase>"}.
    // At most max_question_bytes: a reader need not read more than one byte beyond.
    QuestionResult parse_question_text(std::string_view text, const std::string& name) const;

    // Answers as of question.date, or `today` when the question has none. A question
    // with a period is refused: ask_period answers it.
    AnswerResult ask(const Question& question, Date today, const AskOptions& options = {}) const;

    // Answers a question over its period (question.period; no date): the question's
    // timeline cut to the period, each part answered as ask() answers its first day.
    PeriodAnswerResult ask_period(const Question& question, const AskOptions& options = {}) const;

    // The question's verdict over the whole life of the deal (its date is ignored), and
    // the changes of state of the obligations and powers related to it.
    TimelineResult timeline(const Question& question, const TimelineOptions& options = {}) const;

    // The deal's obligations and powers as of `as_of`, from its history: each
    // instance's state, amounts owed and paid, deadline, and the steps that led there.
    DealStatus status(Date as_of) const;

    const CompiledDeal& compiled() const { return *impl_; }

  private:
    explicit Deal(std::shared_ptr<const CompiledDeal> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<const CompiledDeal> impl_;
};

struct LoadResult {
    std::optional<Deal> deal;
    Diagnostics diagnostics; // errors, and warnings even when the deal loaded
};

// Today's date from the system clock (UTC).
Date today();

} // namespace dealcheck
