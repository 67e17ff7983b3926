#include "analysis/bucket_checks.hpp"

#include "analysis/condition_bounds.hpp"
#include "analysis/support.hpp"

#include <algorithm>
#include <memory>
#include <new>

namespace dealcheck::analysis {

using model::Effect;
using model::no_index;

Window window_of(const ClauseCode& code) {
    return {std::max(code.from, code.in_force_from),
            std::min(code.until, Date{code.superseded_from.days - 1})};
}

namespace {

std::uint32_t home_party(const model::Clause& c) {
    return c.party == no_index ? 0 : c.party;
}

bool beats(const CompiledDeal& cd, std::uint32_t winner, std::uint32_t loser) {
    const auto& b = cd.clauses[winner].beats;
    return std::binary_search(b.begin(), b.end(), loser);
}

bool overlap(Window a, Window b) {
    return std::max(a.lo, b.lo) <= std::min(a.hi, b.hi);
}

} // namespace

std::vector<BucketPlan> plan_buckets(const CompiledDeal& cd) {
    const auto& m = cd.model;
    std::vector<bool> beaten(m.clauses.size(), false);
    for (std::uint32_t j = 0; j < cd.clauses.size(); ++j)
        for (auto k : cd.clauses[j].beats)
            if (k != j) beaten[k] = true;
    std::vector<Window> windows;
    windows.reserve(cd.clauses.size());
    for (const auto& code : cd.clauses)
        windows.push_back(window_of(code));
    auto live = [&](std::uint32_t k) { return windows[k].lo <= windows[k].hi; };
    std::vector<ConditionBounds> bounds;
    bounds.reserve(cd.clauses.size());
    for (const auto& code : cd.clauses)
        bounds.push_back(condition_bounds(code.when));

    std::vector<BucketPlan> plans;
    for (std::uint32_t a = 0; a < m.actions.size(); ++a)
        for (std::uint32_t p = 0; p < m.parties.size(); ++p) {
            BucketPlan plan;
            plan.action = a;
            plan.party = p;
            auto cands = cd.candidates(a, p);
            // A clause for any party is judged dead on the first party, as on any other.
            for (auto k : cands) {
                if (home_party(m.clauses[k]) != p) continue;
                if (live(k)) plan.checks.push_back({CheckKind::Applies, k, 0});
                if (m.clauses[k].actions.front() == a)
                    plan.checks.push_back({CheckKind::DeadExample, k, 0});
            }
            // Only clauses whose windows, enum values and amounts overlap can both apply to
            // one question.
            for (auto i : cands) {
                if (m.clauses[i].effect != Effect::Permit || !live(i)) continue;
                for (auto j : cands) {
                    auto effect = m.clauses[j].effect;
                    if ((effect != Effect::Forbid && effect != Effect::Consent) || !live(j))
                        continue;
                    if (beats(cd, i, j) || beats(cd, j, i) || !overlap(windows[i], windows[j]) ||
                        disjoint(bounds[i], bounds[j]))
                        continue;
                    plan.checks.push_back({CheckKind::Conflict, i, j});
                }
            }
            for (auto k : cands)
                if (beaten[k] && live(k)) plan.checks.push_back({CheckKind::Effective, k, 0});
            if (m.actions[a].covered) plan.checks.push_back({CheckKind::Gap, 0, 0});
            if (!plan.checks.empty()) plans.push_back(std::move(plan));
        }
    return plans;
}

namespace {

class BucketChecker {
  public:
    BucketChecker(z3::context& ctx, const Deal& deal, const BucketPlan& plan,
                  const AnalysisOptions& options, BucketResult& out)
        : deal_(deal), cd_(deal.compiled()), m_(cd_.model), plan_(plan), options_(options),
          out_(out), ctx_(ctx), space_(ctx_, {&cd_}),
          b_(space_, 0, plan.action, plan.party, space_.date) {
        start_ = last_day;
        for (const auto& a : m_.agreements)
            start_ = std::min(start_, a.effective);
        if (m_.agreements.empty()) start_ = first_day;
    }

    // Runs check `i` of the plan into out_.results[i].
    void run(std::size_t i) {
        const Check& c = plan_.checks[i];
        CheckResult& r = out_.results[i];
        switch (c.kind) {
        case CheckKind::Applies:
            r.outcome = applies(c.clause);
            break;
        case CheckKind::DeadExample:
            dead_example(c.clause, r);
            break;
        case CheckKind::Conflict:
            conflict(c.clause, c.other, r);
            break;
        case CheckKind::Effective:
            effective(c.clause, r);
            break;
        case CheckKind::Gap:
            gap(r);
            break;
        }
    }

  private:
    const Deal& deal_;
    const CompiledDeal& cd_;
    const model::Deal& m_;
    const BucketPlan& plan_;
    const AnalysisOptions& options_;
    BucketResult& out_;
    z3::context& ctx_;
    Space space_;
    Bucket b_;
    std::optional<std::vector<z3::expr>> nice_; // made on first use
    std::optional<z3::expr> constraints_[2];    // [respect], made on first use
    std::unique_ptr<Solver> checks_;            // the checks' solver, made on first use
    Date start_;

    // The question constraints; with `respect`, no hypothetical facts.
    const z3::expr& constraints(bool respect) {
        auto& c = constraints_[respect ? 1 : 0];
        if (!c)
            c = question_constraints(space_, m_.actions[plan_.action].id, {Side{0, space_.date}},
                                     respect);
        return *c;
    }

    // The checks' solver: hypothetical facts allowed, the weakest constraints. It says
    // whether something is possible, never gives an example.
    Solver& checks() {
        if (!checks_) {
            checks_ = std::make_unique<Solver>(space_, options_.timeout_ms, options_.solver_steps,
                                               out_.stats);
            checks_->add(constraints(false));
        }
        return *checks_;
    }

    std::size_t pos(std::uint32_t clause) const { return *b_.position(clause); }

    // Excludes the values a model gave to what the example reads, so that the next
    // model differs.
    z3::expr block(const z3::model& model) {
        z3::expr_vector differ(ctx_);
        auto add = [&](const z3::expr& e) { differ.push_back(e != model.eval(e, true)); };
        add(space_.date);
        for (auto g : b_.attributes_read) {
            const Slot& s = space_.attributes[space_.attribute_map[0][g]];
            add(s.given);
            add(s.val);
            add(s.val2);
        }
        for (auto f : b_.facts_read) {
            const Slot& s = space_.facts[space_.fact_map[0][f]];
            add(s.given);
            add(s.val);
            add(s.val2);
        }
        for (unsigned p = 0; p < space_.consents.size(); ++p)
            add(space_.consents[static_cast<int>(p)]);
        return z3::mk_or(differ);
    }

    // A model of what `s` asserts under the first tier of assumptions that allows one
    // (tiers.back() is empty: any model). The first tier is the likeliest: it is tried,
    // then whether there is any model at all, and only then the tiers between.
    static std::optional<z3::model>
    first_model(Solver& s, const std::vector<z3::expr_vector>& tiers, bool& timed_out) {
        auto first = s.check(tiers.front());
        if (first == z3::sat) return s.model();
        auto any = s.check(tiers.back());
        if (any != z3::sat) {
            timed_out = timed_out || any == z3::unknown;
            return std::nullopt;
        }
        auto plain = s.model();
        if (first == z3::unknown) return plain; // no time for niceties
        for (std::size_t t = 1; t + 1 < tiers.size(); ++t) {
            auto r = s.check(tiers[t]);
            if (r == z3::sat) return s.model();
            if (r == z3::unknown) break;
        }
        return plain;
    }

    // A question satisfying `goal` whose answer has `property`, into r.example: false if
    // there is none, or none was found (`timed_out` then says whether for lack of time).
    // Realistic if one is (no fact given against the record; r.hypothetical says which),
    // with readable values if it can.
    //
    // Searched on a solver of its own, with only the lemmas it learns itself: Z3's
    // models depend on what a solver was asked before, and an example is not to depend
    // on the checks and examples done before it. (They still share the bucket's
    // context, whose numbering of terms Z3's choices also follow: an example depends
    // on its bucket's clauses, not on other buckets.)
    bool example(const z3::expr& goal, const std::function<bool(const Answer&)>& property,
                 bool& timed_out, CheckResult& r, const std::set<std::string>& keep = {}) {
        if (!nice_) nice_ = nice_constraints(space_, {&b_});
        Solver s(space_, options_.timeout_ms, options_.solver_steps, out_.stats);
        // The records respected, and each tier of readable values, as assumptions: most
        // wanted first, then fewer, down to none.
        const z3::expr respect = ctx_.bool_const("example.respect");
        s.add(constraints(false));
        s.add(z3::implies(respect, constraints(true)));
        std::vector<z3::expr> readable;
        for (std::size_t t = 0; t < nice_->size(); ++t) {
            readable.push_back(ctx_.bool_const(("example.readable" + std::to_string(t)).c_str()));
            s.add(z3::implies(readable.back(), (*nice_)[t]));
        }
        s.add(goal && space_.calendar_bounds());
        std::vector<z3::expr_vector> tiers;
        for (bool with_respect : {true, false}) {
            for (const auto& x : readable) {
                tiers.emplace_back(ctx_);
                if (with_respect) tiers.back().push_back(respect);
                tiers.back().push_back(x);
            }
            tiers.emplace_back(ctx_);
            if (with_respect) tiers.back().push_back(respect);
        }
        std::set<std::uint32_t> attrs, facts;
        for (auto g : b_.attributes_read)
            attrs.insert(space_.attribute_map[0][g]);
        for (auto f : b_.facts_read)
            facts.insert(space_.fact_map[0][f]);
        auto holds = [&](const Question& x) {
            auto answer = ask(deal_, x);
            return answer && property(*answer);
        };
        for (int attempt = 0; attempt < 12; ++attempt) {
            auto model = first_model(s, tiers, timed_out);
            if (!model) return false;
            std::int64_t day = 0;
            model->eval(space_.date, true).is_numeral_i64(day);
            Question q = question_from(space_, *model, m_.parties[plan_.party].id,
                                       m_.actions[plan_.action].id,
                                       Date{static_cast<std::int32_t>(day)}, attrs, facts);
            if (!holds(q)) {
                ++out_.stats.rejected;
                // A wrong calendar guess is pinned; otherwise this question is excluded.
                auto lemmas = space_.refine(*model);
                for (const auto& l : lemmas)
                    s.add(l);
                if (lemmas.empty()) s.add(block(*model));
                continue;
            }
            r.hypothetical = !model->eval(constraints(true), true).is_true();
            r.example = minimize(std::move(q), holds, keep);
            return true;
        }
        return false;
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

    Outcome applies(std::uint32_t k) {
        auto r = checks().impossible(b_.app[pos(k)].t);
        if (!r) return Outcome::TimeLimit;
        return *r ? Outcome::No : Outcome::Yes;
    }

    // What this bucket's Applies check said of clause k (Yes when it had none: the
    // window is empty).
    std::optional<Outcome> applies_here(std::uint32_t k) const {
        for (std::size_t i = 0; i < plan_.checks.size(); ++i)
            if (plan_.checks[i].kind == CheckKind::Applies && plan_.checks[i].clause == k)
                return out_.results[i].outcome;
        return std::nullopt;
    }

    // Only for a clause that applies nowhere here: why, and a question it was written for
    // (its condition, on the day it would start or a day it is in force), which the
    // evaluator does not decide with it.
    void dead_example(std::uint32_t k, CheckResult& r) {
        const auto& c = m_.clauses[k];
        auto [lo, hi] = window_of(cd_.clauses[k]);
        auto here = applies_here(k);
        if (here && *here != Outcome::No) return; // alive, or not known: nothing to explain
        r.outcome = Outcome::Yes;
        auto p = pos(k);
        if (lo <= hi) {
            Solver& s = checks();
            if (s.impossible(b_.when[p].t).value_or(false))
                r.why = DeadWhy::Condition;
            else if (s.impossible(b_.when[p].t && b_.in_window[p]).value_or(false))
                r.why = DeadWhy::NotInForce;
            else
                r.why = DeadWhy::AfterEnd;
        }
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
        bool timed_out = false;
        const std::pair<z3::expr, bool> goals[] = {{day && b_.when[p].t && b_.definite, true},
                                                   {day && b_.when[p].t, false},
                                                   {day && b_.definite, true},
                                                   {day, false}};
        for (const auto& [goal, definite] : goals)
            if (example(goal, definite ? definite_property : property, timed_out, r, keep)) return;
    }

    // ---- conflicts ----------------------------------------------------------------

    void conflict(std::uint32_t ci, std::uint32_t cj, CheckResult& r) {
        std::size_t i = pos(ci), j = pos(cj);
        const auto& permit = m_.clauses[ci];
        const auto& other = m_.clauses[cj];
        z3::expr meet = b_.eff[i].t && b_.eff[j].t;
        if (other.effect == Effect::Consent) {
            auto sp = space_.party_map[0][other.consent_of];
            meet = meet && !space_.consents[static_cast<int>(sp)];
            // No forbid: the answer then lists the consent conflict.
            for (std::size_t k = 0; k < b_.clauses.size(); ++k)
                if (m_.clauses[b_.clauses[k]].effect == Effect::Forbid) meet = meet && !b_.eff[k].t;
        }
        auto property = [&](const Answer& ans) {
            for (const auto& c : ans.conflicts)
                if (std::find(c.clauses.begin(), c.clauses.end(), permit.id) != c.clauses.end() &&
                    std::find(c.clauses.begin(), c.clauses.end(), other.id) != c.clauses.end())
                    return true;
            return false;
        };
        // Most pairs the planner keeps still never meet: a check of the two clauses alone
        // (without `definite`, which reads every clause of the bucket) says so cheaply,
        // before the example's search, which says whether a definite question exists.
        auto can = checks().impossible(meet);
        if (!can) {
            r.outcome = Outcome::TimeLimit;
            return;
        }
        if (*can) return;
        bool timed_out = false;
        if (example(b_.definite && meet, property, timed_out, r, reads({ci, cj})))
            r.outcome = Outcome::Yes;
        else
            r.outcome = timed_out ? Outcome::TimeLimit : Outcome::No;
    }

    // ---- shadowed clauses ------------------------------------------------------------

    // Yes when clause k takes effect on some question here; else an example of it
    // overridden, in case it is overridden in every bucket.
    void effective(std::uint32_t k, CheckResult& r) {
        auto p = pos(k);
        auto can = checks().impossible(b_.eff[p].t);
        if (!can) {
            r.outcome = Outcome::TimeLimit;
            return;
        }
        if (!*can) {
            r.outcome = Outcome::Yes;
            return;
        }
        const auto& id = m_.clauses[k].id;
        auto property = [&](const Answer& ans) {
            return std::any_of(ans.overridden.begin(), ans.overridden.end(),
                               [&](const Override& o) { return o.clause.id == id; });
        };
        bool timed_out = false;
        example(b_.definite && b_.app[p].t, property, timed_out, r, reads({k}));
    }

    // ---- gaps -------------------------------------------------------------------------

    void gap(CheckResult& r) {
        z3::expr goal = b_.definite && b_.verdict == verdict_code(VerdictKind::NotCovered) &&
                        space_.date >= ctx_.int_val(start_.days);
        auto property = [](const Answer& ans) { return ans.verdict == VerdictKind::NotCovered; };
        bool timed_out = false;
        if (example(goal, property, timed_out, r))
            r.outcome = Outcome::Yes;
        else
            r.outcome = timed_out ? Outcome::TimeLimit : Outcome::No;
    }
};

} // namespace

BucketResult run_bucket(z3::context& ctx, const Deal& deal, const BucketPlan& plan,
                        const AnalysisOptions& options) {
    BucketResult out;
    out.results.resize(plan.checks.size());
    std::size_t i = 0;
    auto fail = [&](std::string why) {
        out.failure = std::move(why);
        for (; i < plan.checks.size(); ++i)
            out.results[i] = CheckResult{Outcome::Failed, std::nullopt, false, DeadWhy::Window};
    };
    try {
        BucketChecker checker(ctx, deal, plan, options, out);
        for (; i < plan.checks.size(); ++i)
            checker.run(i);
    } catch (const z3::exception& e) {
        fail(e.msg());
    } catch (const std::bad_alloc&) {
        fail("out of memory");
    }
    return out;
}

} // namespace dealcheck::analysis
