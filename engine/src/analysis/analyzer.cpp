// `dealcheck analyze`: conflicts, dead clauses, shadowed clauses and gaps, each with an
// example question the evaluator has answered. The buckets' checks (bucket_checks.cpp)
// run in parallel or come from the cache; this file puts their results together.
#include "analysis/bucket_checks.hpp"
#include "analysis/phrase_writer.hpp"
#include "analysis/result_cache.hpp"
#include "analysis/support.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

namespace dealcheck {

std::string_view to_string(FindingKind k) {
    switch (k) {
    case FindingKind::Conflict:
        return "conflict";
    case FindingKind::Dead:
        return "dead";
    case FindingKind::Shadowed:
        return "shadowed";
    case FindingKind::Gap:
        return "gap";
    }
    return "conflict";
}

DiagnosticCode diagnostic_code(FindingKind k) {
    switch (k) {
    case FindingKind::Conflict:
        return DiagnosticCode::conflict;
    case FindingKind::Dead:
        return DiagnosticCode::dead_clause;
    case FindingKind::Shadowed:
        return DiagnosticCode::shadowed_clause;
    case FindingKind::Gap:
        break;
    }
    return DiagnosticCode::gap;
}

std::string_view to_string(FindingSeverity s) {
    switch (s) {
    case FindingSeverity::Error:
        return "error";
    case FindingSeverity::Warning:
        return "warning";
    case FindingSeverity::Note:
        return "note";
    }
    return "note";
}

std::size_t AnalysisReport::count(FindingSeverity s) const {
    return static_cast<std::size_t>(std::count_if(
        findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == s; }));
}

namespace analysis {
namespace {

using model::Effect;
using model::no_index;

// The buckets' results as findings, in the order and with the wording of a run that
// checks one bucket after another: what a clause is (dead, shadowed) is decided over
// all its buckets, and a pair that conflicts in several buckets is reported once.
class Merger {
  public:
    Merger(const Deal& deal, const std::vector<BucketPlan>& plans,
           const std::vector<BucketResult>& results, const AnalysisOptions& options,
           AnalysisReport& report)
        : deal_(deal), cd_(deal.compiled()), m_(cd_.model), plans_(plans), results_(results),
          report_(report), dead_(m_.clauses.size(), false),
          limit_(options.solver_steps ? "(time or step limit)" : "(time limit)") {
        for (std::size_t b = 0; b < plans.size(); ++b) {
            const auto& plan = plans[b];
            bucket_of_[{plan.action, plan.party}] = b;
            for (std::size_t i = 0; i < plan.checks.size(); ++i) {
                const auto& c = plan.checks[i];
                if (c.kind == CheckKind::Applies || c.kind == CheckKind::DeadExample ||
                    c.kind == CheckKind::Effective)
                    by_clause_[{c.kind, c.clause, plan.action, plan.party}] = {b, i};
            }
        }
    }

    void run(unsigned jobs) {
        if (m_.parties.empty()) return;
        dead_clauses();
        conflicts();
        shadowed();
        gaps();
        for_each_parallel(pending_.size(), jobs, [&](std::size_t i) {
            report_.findings[pending_[i].first].example = example(pending_[i].second);
        });
        std::stable_sort(report_.findings.begin(), report_.findings.end(),
                         [](const Finding& a, const Finding& b) {
                             if (a.severity != b.severity) return a.severity < b.severity;
                             if (a.kind != b.kind) return a.kind < b.kind;
                             auto wa = a.where.empty() ? SourceLocation{} : a.where[0];
                             auto wb = b.where.empty() ? SourceLocation{} : b.where[0];
                             return std::tie(wa.file, wa.line, wa.column) <
                                    std::tie(wb.file, wb.line, wb.column);
                         });
    }

  private:
    const Deal& deal_;
    const CompiledDeal& cd_;
    const model::Deal& m_;
    const std::vector<BucketPlan>& plans_;
    const std::vector<BucketResult>& results_;
    AnalysisReport& report_;
    std::vector<bool> dead_;
    std::string limit_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> bucket_of_;
    std::map<std::tuple<CheckKind, std::uint32_t, std::uint32_t, std::uint32_t>,
             std::pair<std::size_t, std::size_t>>
        by_clause_;

    const CheckResult* result(CheckKind kind, std::uint32_t clause, std::uint32_t a,
                              std::uint32_t p) const {
        auto it = by_clause_.find({kind, clause, a, p});
        if (it == by_clause_.end()) return nullptr;
        return &results_[it->second.first].results[it->second.second];
    }

    // "(time limit)", or "(the solver failed: out of memory)".
    std::string why_not(const CheckResult& r, std::size_t bucket) const {
        if (r.outcome == Outcome::Failed)
            return "(the solver failed: " + results_[bucket].failure + ")";
        return limit_;
    }
    std::string why_not(CheckKind kind, std::uint32_t clause, std::uint32_t a,
                        std::uint32_t p) const {
        auto it = by_clause_.find({kind, clause, a, p});
        return why_not(results_[it->second.first].results[it->second.second], it->second.first);
    }

    static bool unknown(const CheckResult& r) {
        return r.outcome == Outcome::TimeLimit || r.outcome == Outcome::Failed;
    }

    // Examples are asked of the evaluator and phrased at the end, on every core.
    std::vector<std::pair<std::size_t, Question>> pending_;
    void later(Finding& f, const Question& q) {
        f.confirmed = true;
        pending_.emplace_back(report_.findings.size(), q);
    }

    Example example(const Question& q) const {
        Example ex;
        ex.question = q;
        auto phrased = write_phrase(deal_, q);
        ex.phrase = phrased.phrase;
        ex.phrase_round_trips = phrased.round_trips;
        ex.answer = *ask(deal_, q);
        return ex;
    }

    void locate(Finding& f, std::uint32_t clause) {
        f.clauses.push_back(m_.clauses[clause].id);
        f.where.push_back(model::location(m_, m_.clauses[clause].where));
    }

    std::vector<std::uint32_t> parties_of(const model::Clause& c) const {
        std::vector<std::uint32_t> out;
        if (c.party != no_index)
            out.push_back(c.party);
        else
            for (std::uint32_t p = 0; p < m_.parties.size(); ++p)
                out.push_back(p);
        return out;
    }

    // ---- dead clauses -------------------------------------------------------------

    void dead_clauses() {
        for (std::uint32_t k = 0; k < m_.clauses.size(); ++k) {
            const auto& c = m_.clauses[k];
            const auto& code = cd_.clauses[k];
            if (c.actions.empty()) continue;
            auto [lo, hi] = window_of(code);
            std::vector<std::string> why;
            const std::uint32_t a0 = c.actions[0], p0 = c.party == no_index ? 0 : c.party;
            if (lo > hi) {
                if (code.superseded_from <= lo) {
                    std::string by = c.superseded_by < m_.agreements.size()
                                         ? m_.agreements[c.superseded_by].id
                                         : "a later agreement";
                    why.push_back("its window is entirely replaced: `" + by +
                                  "` displaces it from " + format_date(code.superseded_from) +
                                  ", and it would start on " + format_date(lo));
                } else {
                    why.push_back(
                        "its window ends on " + format_date(code.until) +
                        ", before its agreement `" +
                        (c.agreement < m_.agreements.size() ? m_.agreements[c.agreement].id : "") +
                        "` takes effect on " + format_date(code.in_force_from));
                }
            } else {
                bool applies = false;
                std::optional<std::uint32_t> unknown_in;
                for (auto a : c.actions) {
                    const auto* r = result(CheckKind::Applies, k, a, p0);
                    if (!r) continue;
                    if (r->outcome == Outcome::Yes) {
                        applies = true;
                        break;
                    }
                    if (unknown(*r) && !unknown_in) unknown_in = a;
                }
                if (applies) continue;
                if (unknown_in) {
                    report_.incomplete.push_back("whether clause `" + c.id + "` can apply " +
                                                 why_not(CheckKind::Applies, k, *unknown_in, p0));
                    continue;
                }
                std::string cond = c.when ? "`" + c.when->text + "`" : "its condition";
                const auto* detail = result(CheckKind::DeadExample, k, a0, p0);
                auto kind = detail ? detail->why : DeadWhy::AfterEnd;
                if (kind == DeadWhy::Condition)
                    why.push_back("its condition " + cond + " can never hold");
                else if (kind == DeadWhy::NotInForce)
                    why.push_back(
                        "its condition " + cond + " cannot hold on any day it is in force (" +
                        (hi >= last_question_day ? "from " + format_date(lo) + " on"
                                                 : format_date(lo) + " to " + format_date(hi)) +
                        ")");
                else
                    why.push_back("its condition " + cond +
                                  " holds only once its ending event has happened");
            }
            dead_[k] = true;
            Finding f;
            f.kind = FindingKind::Dead;
            f.severity = FindingSeverity::Warning;
            f.message = "clause `" + c.id + "` never applies";
            f.details = why;
            f.action = m_.actions[a0].id;
            f.party = m_.parties[p0].id;
            locate(f, k);
            const auto* detail = result(CheckKind::DeadExample, k, a0, p0);
            if (detail && detail->example) {
                later(f, *detail->example);
            }
            report_.findings.push_back(std::move(f));
        }
    }

    // ---- conflicts ----------------------------------------------------------------

    void conflicts() {
        std::set<std::pair<std::uint32_t, std::uint32_t>> done;
        for (std::size_t b = 0; b < plans_.size(); ++b) {
            const auto& plan = plans_[b];
            for (std::size_t i = 0; i < plan.checks.size(); ++i) {
                const auto& c = plan.checks[i];
                if (c.kind != CheckKind::Conflict || dead_[c.clause] || dead_[c.other] ||
                    done.count({c.clause, c.other}))
                    continue;
                const auto& r = results_[b].results[i];
                const auto& permit = m_.clauses[c.clause];
                const auto& other = m_.clauses[c.other];
                if (unknown(r))
                    report_.incomplete.push_back("whether `" + permit.id + "` and `" + other.id +
                                                 "` conflict in `" + m_.actions[plan.action].id +
                                                 "` by `" + m_.parties[plan.party].id + "` " +
                                                 why_not(r, b));
                if (r.outcome != Outcome::Yes) continue;
                done.insert({c.clause, c.other});
                Finding f;
                f.kind = FindingKind::Conflict;
                f.severity = r.hypothetical ? FindingSeverity::Note : FindingSeverity::Warning;
                bool consent = other.effect == Effect::Consent;
                f.message = "`" + permit.id + "` (permit) and `" + other.id + "` (" +
                            std::string(model::to_string(other.effect)) +
                            ") both apply and no exception orders them: " +
                            (consent ? "consent is required" : "forbid wins");
                f.action = m_.actions[plan.action].id;
                f.party = m_.parties[plan.party].id;
                locate(f, c.clause);
                locate(f, c.other);
                f.details.push_back("add `exception_to: [" + other.id + "]` to `" + permit.id +
                                    "` if the permission is meant to win, or `exception_to: [" +
                                    permit.id + "]` to `" + other.id +
                                    "` to make the restriction explicit");
                if (r.hypothetical)
                    for (const auto& x : contradicted_records(deal_, *r.example))
                        f.details.push_back("hypothetical: only when " + x);
                later(f, *r.example);
                report_.findings.push_back(std::move(f));
            }
        }
    }

    // ---- shadowed clauses ------------------------------------------------------------

    void shadowed() {
        for (std::uint32_t k = 0; k < m_.clauses.size(); ++k) {
            const auto& c = m_.clauses[k];
            if (dead_[k] || c.actions.empty()) continue;
            bool effective = false;
            std::optional<std::pair<std::uint32_t, std::uint32_t>> unknown_in;
            std::vector<std::pair<std::uint32_t, std::uint32_t>> where;
            for (auto a : c.actions)
                for (auto p : parties_of(c)) {
                    const auto* r = result(CheckKind::Effective, k, a, p);
                    if (!r || effective) continue;
                    where.emplace_back(a, p);
                    if (unknown(*r) && !unknown_in) unknown_in = {a, p};
                    if (r->outcome == Outcome::Yes) effective = true;
                }
            if (where.empty() || effective) continue;
            if (unknown_in) {
                report_.incomplete.push_back(
                    "whether clause `" + c.id + "` is always overridden " +
                    why_not(CheckKind::Effective, k, unknown_in->first, unknown_in->second));
                continue;
            }
            for (auto [a, p] : where) {
                const auto* r = result(CheckKind::Effective, k, a, p);
                if (!r->example) continue;
                Finding f;
                f.kind = FindingKind::Shadowed;
                f.severity = FindingSeverity::Warning;
                f.message = "clause `" + c.id +
                            "` never takes effect: wherever it applies, an exception overrides it";
                f.action = m_.actions[a].id;
                f.party = m_.parties[p].id;
                locate(f, k);
                auto ex = example(*r->example);
                std::set<std::string> by;
                for (const auto& o : ex.answer.overridden)
                    if (o.clause.id == c.id) by.insert(o.overridden_by);
                for (std::uint32_t j = 0; j < m_.clauses.size(); ++j)
                    if (by.count(m_.clauses[j].id)) locate(f, j);
                for (const auto& id : by)
                    f.details.push_back("overridden by `" + id + "` in the example");
                f.details.push_back("remove it, or narrow the exception so that the general rule "
                                    "still decides some questions");
                f.example = std::move(ex);
                f.confirmed = true;
                report_.findings.push_back(std::move(f));
                break;
            }
        }
    }

    // ---- gaps -------------------------------------------------------------------------

    void gaps() {
        for (std::size_t b = 0; b < plans_.size(); ++b) {
            const auto& plan = plans_[b];
            for (std::size_t i = 0; i < plan.checks.size(); ++i) {
                if (plan.checks[i].kind != CheckKind::Gap) continue;
                const auto& r = results_[b].results[i];
                const auto& action = m_.actions[plan.action];
                const auto& party = m_.parties[plan.party];
                if (unknown(r))
                    report_.incomplete.push_back("whether `" + action.id + "` by `" + party.id +
                                                 "` has gaps " + why_not(r, b));
                if (r.outcome != Outcome::Yes) continue;
                Finding f;
                f.kind = FindingKind::Gap;
                f.severity = r.hypothetical ? FindingSeverity::Note : FindingSeverity::Error;
                f.message = "no clause decides some questions of `" + action.id + "` by `" +
                            party.id + "`, which the vocabulary declares `covered: true`";
                f.action = action.id;
                f.party = party.id;
                f.where.push_back(action.where);
                auto dv = action.default_verdict.value_or(m_.default_verdict);
                f.details.push_back(
                    std::string("the default applies: ") +
                    (dv == model::DefaultVerdict::Forbidden ? "forbidden" : "permitted"));
                if (r.hypothetical)
                    for (const auto& x : contradicted_records(deal_, *r.example))
                        f.details.push_back("hypothetical: only when " + x);
                later(f, *r.example);
                report_.findings.push_back(std::move(f));
            }
        }
    }
};

} // namespace
} // namespace analysis

AnalysisReport analyze(const Deal& deal, const AnalysisOptions& options) {
    auto started = std::chrono::steady_clock::now();
    AnalysisReport report;
    report.deal = deal.compiled().model.id;
    if (auto skipped = analysis::not_analysed(deal); !skipped.empty())
        report.not_analysed.push_back(std::move(skipped));
    using namespace analysis;
    const auto& cd = deal.compiled();
    auto plans = plan_buckets(cd);
    std::vector<BucketResult> results(plans.size());
    std::vector<bool> done(plans.size(), false);
    // From the cache, the buckets whose content it has seen.
    std::optional<ResultCache> cache;
    std::vector<Fingerprint> keys(plans.size());
    if (!options.cache_file.empty()) {
        cache = ResultCache::load(options.cache_file);
        Fingerprinter fingerprints(cd);
        for (std::size_t b = 0; b < plans.size(); ++b) {
            keys[b] = ResultCache::key(fingerprints.bucket(plans[b].action, plans[b].party), cd,
                                       plans[b], options);
            if (const auto* hit = cache->find(keys[b]);
                hit && hit->results.size() == plans[b].checks.size()) {
                results[b] = *hit;
                done[b] = true;
                ++report.stats.cached;
            }
        }
    }
    std::vector<std::size_t> todo;
    for (std::size_t b = 0; b < plans.size(); ++b)
        if (!done[b]) todo.push_back(b);
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    std::mutex progress;
    std::size_t finished = plans.size() - todo.size();
    // Each bucket in a Z3 context of its own, though one costs milliseconds to set up:
    // Z3's choices depend on the order its terms were made in, so that a bucket's results
    // and examples depend on its own clauses alone, not on which buckets ran before it
    // (nor on --jobs or the cache).
    for_each_parallel(todo.size(), jobs, [&](std::size_t i) {
        z3::context ctx;
        results[todo[i]] = run_bucket(ctx, deal, plans[todo[i]], options);
        std::lock_guard lock(progress);
        ++finished;
        if (options.progress) options.progress(finished, plans.size());
    });
    report.stats.buckets = plans.size();
    for (const auto& r : results) {
        report.stats.queries += r.stats.queries;
        report.stats.timeouts += r.stats.timeouts;
        report.stats.rejected += r.stats.rejected;
    }
    Merger(deal, plans, results, options, report).run(jobs);
    if (cache) {
        for (auto b : todo)
            cache->put(keys[b], results[b]);
        report.cache_saved = cache->save(options.cache_file);
    }
    report.stats.milliseconds = elapsed_ms(started);
    return report;
}

} // namespace dealcheck
