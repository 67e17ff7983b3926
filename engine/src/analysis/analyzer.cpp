// `dealcheck analyze`: conflicts, dead clauses, shadowed clauses and gaps, each with an
// example question the evaluator has answered.
#include "analysis/phrase_writer.hpp"
#include "analysis/support.hpp"

#include <algorithm>
#include <map>
#include <memory>

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

class Analyzer {
  public:
    Analyzer(const Deal& deal, const AnalysisOptions& options, AnalysisReport& report)
        : deal_(deal), cd_(deal.compiled()), m_(cd_.model), options_(options), report_(report),
          space_(ctx_, {&cd_}) {
        start_ = last_day;
        for (const auto& a : m_.agreements)
            start_ = std::min(start_, a.effective);
        if (m_.agreements.empty()) start_ = first_day;
        const std::size_t n = m_.actions.size() * m_.parties.size();
        buckets_.resize(n);
        solvers_.resize(2 * n);
        dead_.assign(m_.clauses.size(), false);
    }

    void run() {
        if (m_.parties.empty()) return;
        dead_clauses();
        conflicts();
        shadowed();
        gaps();
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
    AnalysisOptions options_;
    AnalysisReport& report_;
    z3::context ctx_;
    Space space_;
    Date start_;
    std::vector<std::unique_ptr<Bucket>> buckets_;
    std::vector<std::unique_ptr<Solver>> solvers_; // [bucket * 2 + respect]
    std::vector<bool> dead_;

    Bucket& bucket(std::uint32_t a, std::uint32_t p) {
        auto i = a * m_.parties.size() + p;
        if (!buckets_[i]) buckets_[i] = std::make_unique<Bucket>(space_, 0, a, p, space_.date);
        return *buckets_[i];
    }

    // The question constraints of a bucket; with `respect`, no hypothetical facts.
    Solver& solver(std::uint32_t a, std::uint32_t p, bool respect) {
        auto i = (a * m_.parties.size() + p) * 2 + (respect ? 1 : 0);
        if (!solvers_[i]) {
            solvers_[i] = std::make_unique<Solver>(space_, options_.timeout_ms, report_.stats);
            solvers_[i]->add(
                question_constraints(space_, m_.actions[a].id, {Side{0, space_.date}}, respect));
        }
        return *solvers_[i];
    }

    bool beats(std::uint32_t winner, std::uint32_t loser) const {
        const auto& b = cd_.clauses[winner].beats;
        return std::binary_search(b.begin(), b.end(), loser);
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

    // Excludes the values a model gave to what the example reads, so that the next
    // model differs.
    z3::expr block(const Bucket& b, const z3::model& model) {
        z3::expr_vector differ(ctx_);
        auto add = [&](const z3::expr& e) { differ.push_back(e != model.eval(e, true)); };
        add(space_.date);
        for (auto g : b.attributes_read) {
            const Slot& s = space_.attributes[space_.attribute_map[0][g]];
            add(s.given);
            add(s.val);
            add(s.val2);
        }
        for (auto f : b.facts_read) {
            const Slot& s = space_.facts[space_.fact_map[0][f]];
            add(s.given);
            add(s.val);
            add(s.val2);
        }
        for (unsigned p = 0; p < space_.consents.size(); ++p)
            add(space_.consents[static_cast<int>(p)]);
        return z3::mk_or(differ);
    }

    // A question satisfying `goal` in bucket (a, p) whose answer has `property`.
    std::optional<Example> example(std::uint32_t a, std::uint32_t p, bool respect,
                                   const z3::expr& goal,
                                   const std::function<bool(const Answer&)>& property,
                                   bool& timed_out, const std::set<std::string>& keep = {}) {
        Bucket& b = bucket(a, p);
        Solver& s = solver(a, p, respect);
        auto nice = nice_constraints(space_, {0});
        z3::expr current = goal;
        for (int attempt = 0; attempt < 12; ++attempt) {
            auto model = s.find(current, nice, timed_out);
            if (!model) return std::nullopt;
            std::set<std::uint32_t> attrs, facts;
            for (auto g : b.attributes_read)
                attrs.insert(space_.attribute_map[0][g]);
            for (auto f : b.facts_read)
                facts.insert(space_.fact_map[0][f]);
            std::int64_t day = 0;
            model->eval(space_.date, true).is_numeral_i64(day);
            Question q = question_from(space_, *model, m_.parties[p].id, m_.actions[a].id,
                                       Date{static_cast<std::int32_t>(day)}, attrs, facts);
            auto holds = [&](const Question& x) {
                auto answer = ask(deal_, x);
                return answer && property(*answer);
            };
            if (!holds(q)) {
                ++report_.stats.rejected;
                // A wrong calendar guess is pinned for every later query; otherwise
                // this question is excluded.
                if (!space_.refine(*model)) current = current && block(b, *model);
                continue;
            }
            q = minimize(std::move(q), holds, keep);
            Example ex;
            ex.question = q;
            auto phrased = write_phrase(deal_, q);
            ex.phrase = phrased.phrase;
            ex.phrase_round_trips = phrased.round_trips;
            ex.answer = *ask(deal_, q);
            return ex;
        }
        return std::nullopt;
    }

    // Tries realistic questions first, then hypothetical ones (facts given against the
    // record); says which it found.
    std::optional<Example> example_either(std::uint32_t a, std::uint32_t p, const z3::expr& goal,
                                          const std::function<bool(const Answer&)>& property,
                                          bool& timed_out, bool& hypothetical,
                                          const std::set<std::string>& keep = {}) {
        hypothetical = false;
        if (auto ex = example(a, p, true, goal, property, timed_out, keep)) return ex;
        hypothetical = true;
        return example(a, p, false, goal, property, timed_out, keep);
    }

    // The attributes and facts these clauses read: an example keeps them, so that it
    // shows the conditions at work rather than leaning on DEPENDS being resolved.
    std::set<std::string> reads(std::initializer_list<std::uint32_t> clauses) const {
        std::set<std::string> out;
        for (auto k : clauses) {
            for (auto g : cd_.clauses[k].attributes)
                out.insert(m_.attributes[g].id);
            for (auto f : cd_.clauses[k].facts)
                out.insert(m_.facts[f].id);
        }
        return out;
    }

    void locate(Finding& f, std::uint32_t clause) {
        f.clauses.push_back(m_.clauses[clause].id);
        f.where.push_back(m_.clauses[clause].where);
    }

    static bool mentions(const Answer& a, const std::string& id) {
        auto in_refs = [&](const std::vector<ClauseRef>& refs) {
            return std::any_of(refs.begin(), refs.end(),
                               [&](const ClauseRef& r) { return r.id == id; });
        };
        if (in_refs(a.deciding)) return true;
        for (const auto& o : a.overridden)
            if (o.clause.id == id) return true;
        for (const auto& c : a.conflicts)
            if (std::find(c.clauses.begin(), c.clauses.end(), id) != c.clauses.end()) return true;
        for (const auto& c : a.consequences)
            if (c.clause.id == id) return true;
        return false;
    }

    // ---- dead clauses -------------------------------------------------------------

    void dead_clauses() {
        for (std::uint32_t k = 0; k < m_.clauses.size(); ++k) {
            const auto& c = m_.clauses[k];
            const auto& code = cd_.clauses[k];
            if (c.actions.empty()) continue;
            Date lo = std::max(code.from, code.in_force_from);
            Date hi = std::min(code.until, Date{code.superseded_from.days - 1});
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
                bool applies = false, unknown = false;
                for (auto a : c.actions) {
                    Bucket& b = bucket(a, p0);
                    auto pos = b.position(k);
                    if (!pos) continue;
                    auto r = solver(a, p0, false).impossible(b.app[*pos].t);
                    if (!r)
                        unknown = true;
                    else if (!*r) {
                        applies = true;
                        break;
                    }
                }
                if (applies) continue;
                if (unknown) {
                    report_.incomplete.push_back("whether clause `" + c.id +
                                                 "` can apply (time limit)");
                    continue;
                }
                Bucket& b = bucket(a0, p0);
                auto pos = *b.position(k);
                Solver& s = solver(a0, p0, false);
                std::string cond = c.when ? "`" + c.when->text + "`" : "its condition";
                if (s.impossible(b.when[pos].t).value_or(false))
                    why.push_back("its condition " + cond + " can never hold");
                else if (s.impossible(b.when[pos].t && b.in_window[pos]).value_or(false))
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
            dead_example(f, k, lo, hi);
            report_.findings.push_back(std::move(f));
        }
    }

    // A question the dead clause was written for (its condition, on the day it would
    // start or a day it is in force), which the evaluator does not decide with it.
    void dead_example(Finding& f, std::uint32_t k, Date lo, Date hi) {
        const auto& c = m_.clauses[k];
        const std::uint32_t a = c.actions[0], p = c.party == no_index ? 0 : c.party;
        Bucket& b = bucket(a, p);
        auto pos = *b.position(k);
        std::function<bool(const Answer&)> property = [&](const Answer& ans) {
            return !mentions(ans, c.id);
        };
        std::function<bool(const Answer&)> definite_property = [&](const Answer& ans) {
            return !mentions(ans, c.id) && ans.verdict != VerdictKind::Depends;
        };
        z3::expr day = lo <= hi ? (space_.date >= ctx_.int_val(lo.days) &&
                                   space_.date <= ctx_.int_val(hi.days))
                                : space_.date == ctx_.int_val(lo.days);
        auto keep = reads({k});
        bool timed_out = false, hypothetical = false;
        const std::pair<z3::expr, bool> goals[] = {{day && b.when[pos].t && b.definite, true},
                                                   {day && b.when[pos].t, false},
                                                   {day && b.definite, true},
                                                   {day, false}};
        for (const auto& [goal, definite] : goals)
            if (auto ex = example_either(a, p, goal, definite ? definite_property : property,
                                         timed_out, hypothetical, keep)) {
                f.example = std::move(ex);
                f.confirmed = true;
                return;
            }
    }

    // ---- conflicts ----------------------------------------------------------------

    void conflicts() {
        std::set<std::pair<std::uint32_t, std::uint32_t>> done;
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a)
            for (std::uint32_t p = 0; p < m_.parties.size(); ++p) {
                Bucket& b = bucket(a, p);
                for (std::size_t i = 0; i < b.clauses.size(); ++i) {
                    auto ci = b.clauses[i];
                    if (m_.clauses[ci].effect != Effect::Permit || dead_[ci]) continue;
                    for (std::size_t j = 0; j < b.clauses.size(); ++j) {
                        auto cj = b.clauses[j];
                        auto effect = m_.clauses[cj].effect;
                        if ((effect != Effect::Forbid && effect != Effect::Consent) || dead_[cj])
                            continue;
                        if (beats(ci, cj) || beats(cj, ci) || done.count({ci, cj})) continue;
                        if (conflict(a, p, i, j)) done.insert({ci, cj});
                    }
                }
            }
    }

    bool conflict(std::uint32_t a, std::uint32_t p, std::size_t i, std::size_t j) {
        Bucket& b = bucket(a, p);
        auto ci = b.clauses[i], cj = b.clauses[j];
        const auto& permit = m_.clauses[ci];
        const auto& other = m_.clauses[cj];
        z3::expr goal = b.definite && b.eff[i].t && b.eff[j].t;
        if (other.effect == Effect::Consent) {
            auto sp = space_.party_map[0][other.consent_of];
            goal = goal && !space_.consents[static_cast<int>(sp)];
            // No forbid: the answer then lists the consent conflict.
            for (std::size_t k = 0; k < b.clauses.size(); ++k)
                if (m_.clauses[b.clauses[k]].effect == Effect::Forbid) goal = goal && !b.eff[k].t;
        }
        auto property = [&](const Answer& ans) {
            for (const auto& c : ans.conflicts)
                if (std::find(c.clauses.begin(), c.clauses.end(), permit.id) != c.clauses.end() &&
                    std::find(c.clauses.begin(), c.clauses.end(), other.id) != c.clauses.end())
                    return true;
            return false;
        };
        bool timed_out = false, hypothetical = false;
        auto ex = example_either(a, p, goal, property, timed_out, hypothetical, reads({ci, cj}));
        if (!ex) {
            if (timed_out)
                report_.incomplete.push_back("whether `" + permit.id + "` and `" + other.id +
                                             "` conflict (time limit)");
            return false;
        }
        Finding f;
        f.kind = FindingKind::Conflict;
        f.severity = hypothetical ? FindingSeverity::Note : FindingSeverity::Warning;
        bool consent = other.effect == Effect::Consent;
        f.message = "`" + permit.id + "` (permit) and `" + other.id + "` (" +
                    std::string(model::to_string(other.effect)) +
                    ") both apply and no exception orders them: " +
                    (consent ? "consent is required" : "forbid wins");
        f.action = m_.actions[a].id;
        f.party = m_.parties[p].id;
        locate(f, ci);
        locate(f, cj);
        f.details.push_back("add `exception_to: [" + other.id + "]` to `" + permit.id +
                            "` if the permission is meant to win, or `exception_to: [" + permit.id +
                            "]` to `" + other.id + "` to make the restriction explicit");
        if (hypothetical)
            for (const auto& c : contradicted_records(deal_, ex->question))
                f.details.push_back("hypothetical: only when " + c);
        f.example = std::move(ex);
        f.confirmed = true;
        report_.findings.push_back(std::move(f));
        return true;
    }

    // ---- shadowed clauses ------------------------------------------------------------

    void shadowed() {
        for (std::uint32_t k = 0; k < m_.clauses.size(); ++k) {
            const auto& c = m_.clauses[k];
            if (dead_[k] || c.actions.empty()) continue;
            bool beaten = false;
            for (std::uint32_t j = 0; j < m_.clauses.size(); ++j)
                beaten = beaten || (j != k && beats(j, k));
            if (!beaten) continue;
            bool effective = false, unknown = false;
            std::vector<std::pair<std::uint32_t, std::uint32_t>> where;
            for (auto a : c.actions)
                for (auto p : parties_of(c)) {
                    if (effective) break;
                    Bucket& b = bucket(a, p);
                    auto pos = b.position(k);
                    if (!pos) continue;
                    where.emplace_back(a, p);
                    auto r = solver(a, p, false).impossible(b.eff[*pos].t);
                    if (!r)
                        unknown = true;
                    else if (!*r)
                        effective = true;
                }
            if (effective) continue;
            if (unknown) {
                report_.incomplete.push_back("whether clause `" + c.id +
                                             "` is always overridden (time limit)");
                continue;
            }
            auto property = [&](const Answer& ans) {
                return std::any_of(ans.overridden.begin(), ans.overridden.end(),
                                   [&](const Override& o) { return o.clause.id == c.id; });
            };
            for (auto [a, p] : where) {
                Bucket& b = bucket(a, p);
                auto pos = *b.position(k);
                bool timed_out = false, hypothetical = false;
                auto ex = example_either(a, p, b.definite && b.app[pos].t, property, timed_out,
                                         hypothetical, reads({k}));
                if (!ex) continue;
                Finding f;
                f.kind = FindingKind::Shadowed;
                f.severity = FindingSeverity::Warning;
                f.message = "clause `" + c.id +
                            "` never takes effect: wherever it applies, an exception overrides it";
                f.action = m_.actions[a].id;
                f.party = m_.parties[p].id;
                locate(f, k);
                std::set<std::string> by;
                for (const auto& o : ex->answer.overridden)
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
        for (std::uint32_t a = 0; a < m_.actions.size(); ++a) {
            if (!m_.actions[a].covered) continue;
            for (std::uint32_t p = 0; p < m_.parties.size(); ++p) {
                Bucket& b = bucket(a, p);
                z3::expr goal = b.definite && b.verdict == verdict_code(VerdictKind::NotCovered) &&
                                space_.date >= ctx_.int_val(start_.days);
                auto property = [](const Answer& ans) {
                    return ans.verdict == VerdictKind::NotCovered;
                };
                bool timed_out = false, hypothetical = false;
                auto ex = example_either(a, p, goal, property, timed_out, hypothetical);
                if (!ex) {
                    if (timed_out)
                        report_.incomplete.push_back("whether `" + m_.actions[a].id + "` by `" +
                                                     m_.parties[p].id + "` has gaps (time limit)");
                    continue;
                }
                Finding f;
                f.kind = FindingKind::Gap;
                f.severity = hypothetical ? FindingSeverity::Note : FindingSeverity::Error;
                f.message = "no clause decides some questions of `" + m_.actions[a].id + "` by `" +
                            m_.parties[p].id + "`, which the vocabulary declares `covered: true`";
                f.action = m_.actions[a].id;
                f.party = m_.parties[p].id;
                f.where.push_back(m_.actions[a].where);
                f.details.push_back(
                    std::string("the default applies: ") +
                    (b.default_verdict == VerdictKind::Forbidden ? "forbidden" : "permitted"));
                if (hypothetical)
                    for (const auto& c : contradicted_records(deal_, ex->question))
                        f.details.push_back("hypothetical: only when " + c);
                f.example = std::move(ex);
                f.confirmed = true;
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
    try {
        analysis::Analyzer(deal, options, report).run();
    } catch (const z3::exception& e) {
        report.incomplete.push_back(std::string("the solver failed: ") + e.msg());
    }
    report.stats.milliseconds = analysis::elapsed_ms(started);
    return report;
}

} // namespace dealcheck
