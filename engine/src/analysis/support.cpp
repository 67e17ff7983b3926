#include "analysis/support.hpp"

#include "analysis/watchdog.hpp"
#include "compiler/compiled_deal.hpp"
#include "model/value_text.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace dealcheck::analysis {

using model::TypeKind;

// The SMT core itself: every check is incremental (pushed) anyway, and the default
// solver's first check costs ~15 ms of set-up, once per bucket. The time limit is the
// watchdog's (analysis/watchdog.hpp), not Z3's.
Solver::Solver(Space& space, unsigned timeout_ms, unsigned steps, AnalysisStats& stats)
    : space_(space), s_(space.ctx, z3::solver::simple()), stats_(stats), timeout_ms_(timeout_ms) {
    z3::params p(space.ctx);
    if (steps) p.set("rlimit", steps);
    s_.set(p);
}

z3::check_result Solver::check() {
    ++stats_.queries;
    Watchdog::Watch watch(space_.ctx, timeout_ms_);
    return s_.check();
}

z3::check_result Solver::check(const z3::expr_vector& assumptions) {
    ++stats_.queries;
    Watchdog::Watch watch(space_.ctx, timeout_ms_);
    auto r = s_.check(assumptions);
    if (r == z3::unknown) ++stats_.timeouts;
    return r;
}

std::optional<z3::model> Solver::find(const z3::expr& goal, const std::vector<z3::expr>& nice,
                                      bool& timed_out) {
    s_.push();
    s_.add(goal && space_.side_condition());
    for (const auto& tier : nice) {
        s_.push();
        s_.add(tier);
        auto r = check();
        if (r == z3::sat) {
            auto m = s_.get_model();
            s_.pop();
            s_.pop();
            return m;
        }
        s_.pop();
        if (r == z3::unknown) break; // no time for niceties: ask plainly
    }
    auto r = check();
    std::optional<z3::model> out;
    if (r == z3::sat) out = s_.get_model();
    if (r == z3::unknown) {
        ++stats_.timeouts;
        timed_out = true;
    }
    s_.pop();
    return out;
}

std::optional<bool> Solver::impossible(const z3::expr& goal) {
    s_.push();
    s_.add(goal && space_.side_condition());
    auto r = check();
    s_.pop();
    if (r == z3::unknown) {
        ++stats_.timeouts;
        return std::nullopt;
    }
    return r == z3::unsat;
}

z3::expr question_constraints(Space& space, const std::string& action_id,
                              const std::vector<Side>& sides, bool respect_records) {
    z3::context& ctx = space.ctx;
    z3::expr_vector all(ctx);
    for (std::uint32_t i = 0; i < space.attributes.size(); ++i) {
        Slot& s = space.attributes[i];
        if (!space.attribute_allowed(action_id, i)) {
            all.push_back(!s.given);
            continue;
        }
        // A bool attribute may be given either value (`--set flag=false`, a question
        // file), though a phrase can only set it true: a clause that needs it is alive.
        all.push_back(z3::implies(s.given, space.domain(s)));
    }
    for (std::uint32_t i = 0; i < space.facts.size(); ++i) {
        Slot& s = space.facts[i];
        // `given f=...` takes one value: a set cannot be written there.
        if (!s.usable || s.kind == TypeKind::Set) {
            all.push_back(!s.given);
            continue;
        }
        all.push_back(z3::implies(s.given, space.domain(s)));
        if (!respect_records) continue;
        for (const auto& side : sides) {
            const auto& map = space.fact_map[side.deal];
            for (std::uint32_t f = 0; f < map.size(); ++f)
                if (map[f] == i)
                    all.push_back(z3::implies(s.given, !space.recorded(side.deal, f, side.date)));
        }
    }
    for (std::size_t p = 0; p < space.parties.size(); ++p)
        if (!space.party_common[p]) all.push_back(!space.consents[static_cast<int>(p)]);
    all.push_back(space.date >= ctx.int_val(first_day.days) &&
                  space.date <= ctx.int_val(last_question_day.days));
    return z3::mk_and(all);
}

std::vector<z3::expr> nice_constraints(Space& space, const std::vector<const Bucket*>& buckets) {
    z3::context& ctx = space.ctx;
    std::set<std::int32_t> dates;
    std::int64_t largest_money = 0;
    Number largest_number{1, 0}; // at least 1
    for (const auto* bucket : buckets) {
        for (auto b : space.boundaries(bucket->deal, bucket->clauses))
            dates.insert(b.days);
        for (auto k : bucket->clauses)
            for (const auto& in : space.deals[bucket->deal]->clauses[k].when.code) {
                if (in.op != compiler::Op::Const) continue;
                if (in.constant.kind == ValueKind::Money)
                    largest_money = std::max(largest_money, in.constant.payload);
                if (in.constant.kind == ValueKind::Number &&
                    compare(in.constant.as_number(), largest_number) > 0)
                    largest_number = in.constant.as_number();
            }
    }
    z3::expr_vector on(ctx);
    for (auto x : dates)
        on.push_back(space.date == ctx.int_val(x));
    z3::expr on_boundary = on.empty() ? ctx.bool_val(true) : z3::mk_or(on);
    // Round amounts: whole millions up to ten times the largest amount the rules name;
    // else whole units. Whole numbers.
    const std::int64_t million = 100'000'000,
                       cap = std::max<std::int64_t>(largest_money, million) * 10;
    z3::expr_vector round(ctx), whole(ctx);
    auto values = [&](std::vector<Slot>& slots) {
        for (auto& s : slots) {
            if (s.kind == TypeKind::Date && !dates.empty()) {
                z3::expr_vector at(ctx);
                for (auto x : dates)
                    at.push_back(s.val == ctx.int_val(x));
                round.push_back(z3::mk_or(at));
            }
            if (s.kind == TypeKind::Money) {
                round.push_back(z3::mod(s.val, ctx.int_val(million)) == 0 &&
                                s.val <= ctx.int_val(cap));
                whole.push_back(z3::mod(s.val, ctx.int_val(100)) == 0);
            }
            if (s.kind == TypeKind::Number) {
                round.push_back(z3::is_int(s.val) &&
                                s.val <= real_of(ctx, largest_number) * 10 + 1);
                whole.push_back(z3::is_int(s.val));
            }
        }
    };
    values(space.attributes);
    values(space.facts);
    std::vector<z3::expr> tiers;
    tiers.push_back(on_boundary && (round.empty() ? ctx.bool_val(true) : z3::mk_and(round)));
    tiers.push_back(on_boundary && (whole.empty() ? ctx.bool_val(true) : z3::mk_and(whole)));
    return tiers;
}

Question question_from(const Space& space, const z3::model& model, const std::string& party,
                       const std::string& action, Date date,
                       const std::set<std::uint32_t>& attributes,
                       const std::set<std::uint32_t>& facts) {
    Question q;
    q.party = party;
    q.action = action;
    q.date = date;
    for (auto i : attributes) {
        const Slot& s = space.attributes[i];
        if (model.eval(s.given, true).is_true()) q.attributes[s.id] = space.text(s, model);
    }
    for (auto i : facts) {
        const Slot& s = space.facts[i];
        if (model.eval(s.given, true).is_true()) q.facts[s.id] = space.text(s, model);
    }
    for (std::size_t p = 0; p < space.parties.size(); ++p)
        if (model.eval(space.consents[static_cast<int>(p)], true).is_true())
            q.consents.push_back(space.parties[p]);
    return q;
}

Question minimize(Question q, const std::function<bool(const Question&)>& holds,
                  const std::set<std::string>& keep) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : q.attributes)
        if (!keep.count(k)) keys.push_back(k);
    for (const auto& k : keys) {
        Question t = q;
        t.attributes.erase(k);
        if (holds(t)) q = std::move(t);
    }
    keys.clear();
    for (const auto& [k, v] : q.facts)
        if (!keep.count(k)) keys.push_back(k);
    for (const auto& k : keys) {
        Question t = q;
        t.facts.erase(k);
        if (holds(t)) q = std::move(t);
    }
    auto consents = q.consents;
    for (const auto& c : consents) {
        Question t = q;
        t.consents.erase(std::find(t.consents.begin(), t.consents.end(), c));
        if (holds(t)) q = std::move(t);
    }
    return q;
}

std::optional<Answer> ask(const Deal& deal, const Question& q) {
    auto r = deal.ask(q, q.date.value_or(Date{}));
    return std::move(r.answer);
}

std::vector<std::string> contradicted_records(const Deal& deal, const Question& q) {
    std::vector<std::string> out;
    if (!q.date) return out;
    const auto& cd = deal.compiled();
    for (const auto& [id, text] : q.facts) {
        auto f = std::find_if(cd.model.facts.begin(), cd.model.facts.end(),
                              [&id = id](const auto& x) { return x.id == id; });
        if (f == cd.model.facts.end()) continue;
        for (const auto& k : f->known)
            if (k.from <= *q.date && *q.date <= k.through) {
                auto recorded = model::format_value(cd.model, k.value, cd.strings);
                if (recorded == text) break;
                if (f->is_reading)
                    out.push_back(id + "=" + text + " (a reading other than the default, " +
                                  recorded + ")");
                else
                    out.push_back(id + "=" + text + " (the rules record " + recorded + " on " +
                                  format_date(*q.date) + ")");
                break;
            }
    }
    return out;
}

bool same_verdict(const Answer& a, const Answer& b) {
    if (a.verdict != b.verdict) return false;
    if (a.verdict == VerdictKind::NeedsConsent) {
        auto x = a.consent_of, y = b.consent_of;
        std::sort(x.begin(), x.end());
        std::sort(y.begin(), y.end());
        return x == y;
    }
    if (a.verdict == VerdictKind::NotCovered) return a.default_verdict == b.default_verdict;
    return true;
}

std::string verdict_text(const Answer& a) {
    std::string out(to_string(a.verdict));
    if (a.verdict == VerdictKind::NeedsConsent && !a.consent_of.empty()) {
        out += " (of ";
        for (std::size_t i = 0; i < a.consent_of.size(); ++i)
            out += (i ? ", " : "") + a.consent_of[i];
        out += ")";
    }
    if (a.verdict == VerdictKind::NotCovered)
        out += a.default_verdict == VerdictKind::Forbidden ? " (default forbidden)"
                                                           : " (default permitted)";
    return out;
}

std::string not_analysed(const Deal& deal) {
    const auto& m = deal.compiled().model;
    auto count = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::string what;
    if (!m.obligations.empty()) what = count(m.obligations.size(), "obligation", "obligations");
    if (!m.powers.empty())
        what += (what.empty() ? "" : " and ") + count(m.powers.size(), "power", "powers");
    if (what.empty()) return what;
    // The solver reads an open power as a permit on the days this history opens it, and
    // no further: whether another history would open it is the lifecycle's.
    if (!m.powers.empty())
        return what + " of `" + m.id +
               "`: the analysis checks the clauses' verdicts, and a power's only on the days "
               "the deal's history has it open, not the lifecycle of obligations and powers "
               "(dealcheck status follows it)";
    return what + " of `" + m.id +
           "`: the analysis checks the clauses' verdicts, not the lifecycle of obligations "
           "and powers (dealcheck status follows it)";
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
        .count();
}

void for_each_parallel(std::size_t n, unsigned jobs, const std::function<void(std::size_t)>& f) {
    if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++)
            f(i);
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs && t < n; ++t)
        threads.emplace_back(work);
    work();
    for (auto& t : threads)
        t.join();
}

} // namespace dealcheck::analysis
