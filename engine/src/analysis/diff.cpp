// `dealcheck diff`: the questions whose verdict differs between two versions of a deal,
// or between two dates of one deal; from the regression tests, and from the rules
// with the solver. Every difference shown is one the evaluator gives.
#include "analysis/completion.hpp"
#include "analysis/fingerprint.hpp"
#include "analysis/phrase_writer.hpp"
#include "analysis/support.hpp"

#include <algorithm>
#include <new>

namespace dealcheck {

namespace analysis {
namespace {

bool outcome_same(const Answer& a, const Answer& b) {
    auto outcome = [](const Answer& x) {
        return x.verdict == VerdictKind::NotCovered ? x.default_verdict : x.verdict;
    };
    return outcome(a) == outcome(b) && a.verdict != VerdictKind::Depends &&
           b.verdict != VerdictKind::Depends;
}

Question on(Question q, std::optional<Date> as_of) {
    if (as_of) q.date = as_of;
    return q;
}

class Differ {
  public:
    Differ(const Deal& old_deal, const Deal& new_deal, const DiffOptions& options,
           DiffReport& report)
        : old_(old_deal), new_(new_deal), options_(options), report_(report) {}

    void tests() {
        for (const auto& t : options_.tests) {
            Question qo = on(t.question, options_.old_as_of),
                     qn = on(t.question, options_.new_as_of);
            auto ao = ask(old_, qo), an = ask(new_, qn);
            if (!ao || !an) {
                report_.notes.push_back("test `" + t.name + "` cannot be asked of the " +
                                        (ao ? "new" : "old") +
                                        " rules (its question does not fit their vocabulary)");
                continue;
            }
            if (same_verdict(*ao, *an)) continue;
            // Cases of one table often ask the same question once the dates are fixed.
            bool seen = std::any_of(report_.changes.begin(), report_.changes.end(),
                                    [&](const VerdictChange& c) {
                                        return c.old_question == qo && c.new_question == qn;
                                    });
            if (seen) continue;
            VerdictChange c;
            c.source = "test `" + t.name + "`";
            c.where = t.where;
            c.action = ao->question.action;
            c.party = ao->question.party;
            fill(c, qo, qn, std::move(*ao), std::move(*an));
            report_.changes.push_back(std::move(c));
        }
    }

    // Each (action, party) bucket pair in a Z3 context of its own (memory is freed after
    // each); a pair whose buckets mean the same on both sides is skipped, unless the
    // sides answer on different dates. Pairs are searched on `jobs` threads, each into
    // its own part, and the parts are taken in order: a search reads nothing another
    // pair found (a change's question names its action and party), so the report is
    // the one a single thread gives.
    void symbolic() {
        const auto& mo = old_.compiled().model;
        const auto& mn = new_.compiled().model;
        Date start = last_day;
        for (const auto* m : {&mo, &mn})
            for (const auto& a : m->agreements)
                start = std::min(start, a.effective);
        const bool same_dates = options_.old_as_of == options_.new_as_of;
        Fingerprinter fo(old_.compiled()), fn(new_.compiled());

        std::vector<Pair> pairs;
        for (std::uint32_t ao = 0; ao < mo.actions.size(); ++ao) {
            const auto& action_id = mo.actions[ao].id;
            auto an_it = std::find_if(mn.actions.begin(), mn.actions.end(),
                                      [&](const auto& a) { return a.id == action_id; });
            if (an_it == mn.actions.end()) {
                report_.notes.push_back("action `" + action_id + "` exists only in the old rules");
                continue;
            }
            auto an = static_cast<std::uint32_t>(an_it - mn.actions.begin());
            for (std::uint32_t po = 0; po < mo.parties.size(); ++po) {
                const auto& party_id = mo.parties[po].id;
                auto pn_it = std::find_if(mn.parties.begin(), mn.parties.end(),
                                          [&](const auto& p) { return p.id == party_id; });
                if (pn_it == mn.parties.end()) continue;
                auto pn = static_cast<std::uint32_t>(pn_it - mn.parties.begin());
                if (same_dates && fo.bucket(ao, po) == fn.bucket(an, pn)) continue;
                pairs.push_back({ao, po, an, pn, {}});
            }
        }
        for_each_parallel(pairs.size(), options_.jobs, [&](std::size_t i) {
            Pair& p = pairs[i];
            try {
                bucket_pair(p, start, fo, fn);
            } catch (const z3::exception& e) {
                p.found.incomplete.push_back(failed(p, e.msg()));
            } catch (const std::bad_alloc&) {
                p.found.incomplete.push_back(failed(p, "out of memory"));
            }
        });
        for (auto& p : pairs) {
            for (auto& c : p.found.changes)
                report_.changes.push_back(std::move(c));
            for (auto& text : p.found.incomplete)
                report_.incomplete.push_back(std::move(text));
            report_.stats.queries += p.found.stats.queries;
            report_.stats.timeouts += p.found.stats.timeouts;
            report_.stats.rejected += p.found.stats.rejected;
        }
        for (const auto& a : mn.actions)
            if (std::none_of(mo.actions.begin(), mo.actions.end(),
                             [&](const auto& x) { return x.id == a.id; }))
                report_.notes.push_back("action `" + a.id + "` exists only in the new rules");
    }

  private:
    const Deal& old_;
    const Deal& new_;
    const DiffOptions& options_;
    DiffReport& report_;

    // A bucket pair to search, and what its search found.
    struct Found {
        std::vector<VerdictChange> changes;
        std::vector<std::string> incomplete;
        AnalysisStats stats;
    };
    struct Pair {
        std::uint32_t ao, po, an, pn; // old and new action and party indexes
        Found found;
    };

    std::string failed(const Pair& p, const std::string& why) const {
        const auto& m = old_.compiled().model;
        return "differences of `" + m.actions[p.ao].id + "` by `" + m.parties[p.po].id +
               "` (the solver failed: " + why + ")";
    }

    void fill(VerdictChange& c, const Question& qo, const Question& qn, Answer ao, Answer an) {
        c.old_question = qo;
        c.new_question = qn;
        auto po = write_phrase(old_, qo), pn = write_phrase(new_, qn);
        c.old_phrase = po.phrase;
        c.new_phrase = pn.phrase;
        c.phrase_round_trips = po.round_trips && pn.round_trips;
        c.outcome_same = outcome_same(ao, an);
        c.hypothetical =
            !contradicted_records(old_, qo).empty() || !contradicted_records(new_, qn).empty();
        c.old_answer = std::move(ao);
        c.new_answer = std::move(an);
    }

    void bucket_pair(Pair& pair, Date start, const Fingerprinter& fo, const Fingerprinter& fn) {
        const std::uint32_t ao = pair.ao, po = pair.po, an = pair.an, pn = pair.pn;
        Found& out = pair.found;
        z3::context ctx;
        Space space(ctx, {&old_.compiled(), &new_.compiled()});
        z3::expr date_old = options_.old_as_of ? ctx.int_val(options_.old_as_of->days) : space.date;
        z3::expr date_new = options_.new_as_of ? ctx.int_val(options_.new_as_of->days) : space.date;
        Bucket bo(space, 0, ao, po, date_old), bn(space, 1, an, pn, date_new);
        if (bo.clauses.empty() && bn.clauses.empty() && bo.default_verdict == bn.default_verdict)
            return;
        const auto& action_id = old_.compiled().model.actions[ao].id;
        Solver s(space, options_.timeout_ms, options_.solver_steps, out.stats);
        s.add(question_constraints(space, action_id, {Side{0, date_old}, Side{1, date_new}},
                                   !options_.hypothetical));
        if (!options_.old_as_of || !options_.new_as_of)
            s.add(space.date >= ctx.int_val(start.days));
        // Only the consents some consent clause of either bucket asks for change a verdict:
        // the others are left out, or every subset of them would be another candidate.
        std::vector<bool> asked(space.parties.size(), false);
        for (const Bucket* b : {&bo, &bn})
            for (auto k : b->clauses) {
                const auto& cl = b->compiled().model.clauses[k];
                if (cl.effect == model::Effect::Consent &&
                    cl.consent_of < space.party_map[b->deal].size())
                    asked[space.party_map[b->deal][cl.consent_of]] = true;
            }
        for (unsigned p = 0; p < space.consents.size(); ++p)
            if (!asked[p]) s.add(!space.consents[static_cast<int>(p)]);
        s.add(changed_in_play(bo, bn, fo, fn));
        auto nice = nice_constraints(space, {&bo, &bn});
        const auto& mo = old_.compiled().model;
        z3::expr_vector consent_differs(ctx);
        for (unsigned p = 0; p < space.consents.size(); ++p)
            consent_differs.push_back(bo.consent_needed[static_cast<int>(p)] !=
                                      bn.consent_needed[static_cast<int>(p)]);
        const int needs = verdict_code(VerdictKind::NeedsConsent),
                  not_covered = verdict_code(VerdictKind::NotCovered);
        const int depends = verdict_code(VerdictKind::Depends);
        // The verdicts differ; or a side hinges on unknowns, and the evaluator, which
        // tries each of their values, may yet find that they do not matter there (a
        // candidate the evaluator confirms or rejects).
        z3::expr differs =
            bo.verdict != bn.verdict ||
            (bo.verdict == needs && bn.verdict == needs && z3::mk_or(consent_differs)) ||
            (bo.verdict == not_covered && bn.verdict == not_covered &&
             ctx.bool_val(bo.default_verdict != bn.default_verdict)) ||
            bo.verdict == depends || bn.verdict == depends;
        std::set<std::uint32_t> attrs, facts;
        for (auto g : bo.attributes_read)
            attrs.insert(space.attribute_map[0][g]);
        for (auto g : bn.attributes_read)
            attrs.insert(space.attribute_map[1][g]);
        for (auto f : bo.facts_read)
            facts.insert(space.fact_map[0][f]);
        for (auto f : bn.facts_read)
            facts.insert(space.fact_map[1][f]);

        const std::string& party_id = mo.parties[bo.party].id;
        z3::expr goal = differs;
        // Questions the evaluator answers DEPENDS on both sides are ruled out by what
        // made them so (analysis/completion.hpp), not one pattern at a time.
        std::optional<DependsProofs> proofs;
        if (completions_exact(bo) && completions_exact(bn)) proofs.emplace(bo, bn);
        // A difference has a filling of the question's unknowns that the two sides
        // decide differently: questions without one (both sides settle on one verdict
        // whatever the unknowns) are no candidates.
        std::optional<Completion> filled_old, filled_new;
        if (same_context(bo, bn, fo, fn) && few_fillings(bo, bn)) {
            filled_old.emplace(bo, "both");
            filled_new.emplace(bn, "both");
            s.add(filled_old->fills_valid() && filled_new->fills_valid() &&
                  decided_differently(*filled_old, *filled_new));
        }
        z3::expr not_both_depends = ctx.bool_val(true);
        // Once a change of verdict has its example, questions that can only show changes
        // already shown are no candidates. What a side can answer: its verdict when no
        // clause hinges on an unknown; else DEPENDS, or a verdict some filling of the
        // unknowns gives (every filling gives it when the evaluator settles on it).
        std::optional<Completion> one_old, one_new;
        if (filled_old && !options_.every_pattern) {
            one_old.emplace(bo, "old");
            one_new.emplace(bn, "new");
            s.add(one_old->fills_valid() && one_new->fills_valid());
        }
        std::set<std::pair<VerdictKind, VerdictKind>> shown_kinds;
        z3::expr unseen = ctx.bool_val(true);
        auto update_unseen = [&] {
            // A question proved DEPENDS on a side settles on no verdict there.
            auto can_answer = [&](const Bucket& b, const Completion& one, VerdictKind k) {
                auto code = ctx.int_val(verdict_code(k));
                if (k == VerdictKind::Depends) return b.verdict == code;
                return b.verdict == code ||
                       (b.verdict == ctx.int_val(depends) && one.decided().verdict == code &&
                        (proofs ? !proofs->on_side(b.deal) : ctx.bool_val(true)));
            };
            const VerdictKind kinds[] = {VerdictKind::Permitted, VerdictKind::Forbidden,
                                         VerdictKind::NeedsConsent, VerdictKind::NotCovered,
                                         VerdictKind::Depends};
            z3::expr_vector open(ctx);
            for (auto a : kinds)
                for (auto b : kinds)
                    // Consents make more than one change of each kind.
                    if ((a != b || a == VerdictKind::NeedsConsent ||
                         (a == VerdictKind::NotCovered &&
                          bo.default_verdict != bn.default_verdict)) &&
                        (a == VerdictKind::NeedsConsent || b == VerdictKind::NeedsConsent ||
                         !shown_kinds.count({a, b})))
                        open.push_back(can_answer(bo, *one_old, a) && can_answer(bn, *one_new, b));
            unseen = open.empty() ? ctx.bool_val(false) : z3::mk_or(open);
        };
        if (one_old) update_unseen();
        std::size_t found = 0;
        std::set<std::pair<std::string, std::string>> transitions; // verdict texts shown
        // Once a change of verdict has its example, look for other changes: exclude
        // models with the same pair of (definite) verdicts the solver computes.
        auto next_transition = [&](const z3::model& model) {
            z3::expr vo = model.eval(bo.verdict, true), vn = model.eval(bn.verdict, true);
            std::int64_t a = 0, b = 0;
            vo.is_numeral_i64(a);
            vn.is_numeral_i64(b);
            if (options_.every_pattern || a == depends || b == depends) return;
            z3::expr_vector same(ctx);
            same.push_back(bo.verdict == vo);
            same.push_back(bn.verdict == vn);
            for (unsigned p = 0; p < space.consents.size(); ++p) {
                const auto& x = bo.consent_needed[static_cast<int>(p)];
                const auto& y = bn.consent_needed[static_cast<int>(p)];
                same.push_back(x == model.eval(x, true));
                same.push_back(y == model.eval(y, true));
            }
            goal = goal && !z3::mk_and(same);
        };
        const std::size_t rounds = 64 * options_.max_per_action + 64; // candidates, most rejected
        for (std::size_t round = 0;; ++round) {
            if (round == rounds) {
                out.incomplete.push_back("differences of `" + action_id + "` by `" + party_id +
                                         "`: the search stopped after " + std::to_string(rounds) +
                                         " candidates");
                return;
            }
            bool timed_out = false;
            auto model = s.find(goal && not_both_depends && unseen, nice, timed_out);
            if (!model) {
                if (timed_out)
                    out.incomplete.push_back(
                        "differences of `" + action_id + "` by `" + party_id + "` " +
                        (options_.solver_steps ? "(time or step limit)" : "(time limit)"));
                return;
            }
            if (found >= options_.max_per_action) {
                out.incomplete.push_back("differences of `" + action_id + "` by `" + party_id +
                                         "`: more than " + std::to_string(options_.max_per_action) +
                                         "; raise --max to see them");
                return;
            }
            const bool refined = !space.refine(*model).empty(); // a wrong calendar guess: ask again
            std::int64_t day = 0;
            model->eval(space.date, true).is_numeral_i64(day);
            Question q = question_from(space, *model, party_id, action_id,
                                       Date{static_cast<std::int32_t>(day)}, attrs, facts);
            auto answers = [&](const Question& x) -> std::optional<std::pair<Answer, Answer>> {
                auto ao = ask(old_, on(x, options_.old_as_of)),
                     an = ask(new_, on(x, options_.new_as_of));
                if (!ao || !an) return std::nullopt;
                return std::pair{std::move(*ao), std::move(*an)};
            };
            auto first = answers(q);
            bool learnt = false;
            if (proofs && first &&
                (first->first.verdict == VerdictKind::Depends ||
                 first->second.verdict == VerdictKind::Depends)) {
                auto pin = same_question(space, attrs, facts, *model);
                bool o = first->first.verdict == VerdictKind::Depends && proofs->learn(0, s, pin);
                bool n = first->second.verdict == VerdictKind::Depends && proofs->learn(1, s, pin);
                learnt = o && n;
                if (learnt) not_both_depends = !proofs->on_both_sides();
                if ((o || n) && one_old) update_unseen();
            }
            if (!refined && !learnt) goal = goal && block(space, bo, bn, attrs, facts, *model);
            if (!first || same_verdict(first->first, first->second)) {
                ++out.stats.rejected;
                continue;
            }
            if (refined) goal = goal && block(space, bo, bn, attrs, facts, *model);
            next_transition(*model);
            auto transition = std::pair{verdict_text(first->first), verdict_text(first->second)};
            if (!options_.every_pattern && !transitions.insert(transition).second) continue;
            if (one_old) {
                shown_kinds.insert({first->first.verdict, first->second.verdict});
                update_unseen();
            }
            auto kind_old = first->first.verdict, kind_new = first->second.verdict;
            q = minimize(std::move(q), [&](const Question& x) {
                auto a = answers(x);
                return a && !same_verdict(a->first, a->second) && a->first.verdict == kind_old &&
                       a->second.verdict == kind_new &&
                       (options_.every_pattern ||
                        std::pair{verdict_text(a->first), verdict_text(a->second)} == transition);
            });
            Question qo = on(q, options_.old_as_of), qn = on(q, options_.new_as_of);
            bool duplicate =
                std::any_of(out.changes.begin(), out.changes.end(), [&](const VerdictChange& c) {
                    return c.source == "rules" && c.old_question == qo && c.new_question == qn;
                });
            if (duplicate) continue;
            auto final_answers = answers(q);
            VerdictChange c;
            c.source = "rules";
            c.action = action_id;
            c.party = party_id;
            fill(c, qo, qn, std::move(final_answers->first), std::move(final_answers->second));
            out.changes.push_back(std::move(c));
            ++found;
        }
    }

    // A difference needs a clause one side has and the other has not (by fingerprint:
    // what it means) to apply, or to hinge on an unknown: where every such clause surely
    // does not apply, the same clauses decide both sides in the same states, and no
    // exception of theirs points at the others. On two dates everything is in play.
    z3::expr changed_in_play(const Bucket& bo, const Bucket& bn, const Fingerprinter& fo,
                             const Fingerprinter& fn) const {
        z3::context& ctx = bo.space.ctx;
        if (!same_context(bo, bn, fo, fn)) return ctx.bool_val(true);
        auto prints = [](const Bucket& b, const Fingerprinter& f) {
            std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
            for (auto k : b.clauses) {
                auto p = f.clause(b.action, b.party, k);
                out.emplace_back(p.hi, p.lo);
            }
            return out;
        };
        auto po = prints(bo, fo), pn = prints(bn, fn);
        auto sorted = [](auto v) {
            std::sort(v.begin(), v.end());
            return v;
        };
        auto so = sorted(po), sn = sorted(pn);
        z3::expr_vector in_play(ctx);
        auto add_changed = [&](const Bucket& b, const auto& own, const auto& other) {
            for (std::size_t i = 0; i < b.clauses.size(); ++i)
                if (!std::binary_search(other.begin(), other.end(), own[i]))
                    in_play.push_back(!b.app[i].f);
        };
        add_changed(bo, po, sn);
        add_changed(bn, pn, so);
        return in_play.empty() ? ctx.bool_val(false) : z3::mk_or(in_play);
    }

    // Both sides answer on the same date, from the same vocabulary, records, defaults
    // and open powers: what differs is clauses.
    bool same_context(const Bucket& bo, const Bucket& bn, const Fingerprinter& fo,
                      const Fingerprinter& fn) const {
        return options_.old_as_of == options_.new_as_of &&
               fo.context(bo.action, bo.party) == fn.context(bn.action, bn.party);
    }

    // The question a model describes: its date, consents and the slots the buckets read.
    static z3::expr same_question(Space& space, const std::set<std::uint32_t>& attrs,
                                  const std::set<std::uint32_t>& facts, const z3::model& model) {
        z3::expr_vector same(space.ctx);
        auto pin = [&](const z3::expr& e) { same.push_back(e == model.eval(e, true)); };
        pin(space.date);
        for (unsigned p = 0; p < space.consents.size(); ++p)
            pin(space.consents[static_cast<int>(p)]);
        for (const auto* set : {&attrs, &facts})
            for (auto i : *set) {
                const Slot& slot = (set == &attrs ? space.attributes : space.facts)[i];
                pin(slot.given);
                if (model.eval(slot.given, true).is_true()) {
                    pin(slot.val);
                    pin(slot.val2);
                }
            }
        return z3::mk_and(same);
    }

    // The next model must decide differently: another pattern of which clauses take
    // effect on each side, other consents, or other slots left unknown.
    static z3::expr block(Space& space, const Bucket& bo, const Bucket& bn,
                          const std::set<std::uint32_t>& attrs,
                          const std::set<std::uint32_t>& facts, const z3::model& model) {
        z3::expr_vector same(space.ctx);
        for (auto i : attrs)
            same.push_back(space.attributes[i].given ==
                           model.eval(space.attributes[i].given, true));
        for (auto i : facts)
            same.push_back(space.facts[i].given == model.eval(space.facts[i].given, true));
        for (const Bucket* b : {&bo, &bn})
            for (const auto& e : b->eff) {
                same.push_back(e.t == model.eval(e.t, true));
                same.push_back(e.f == model.eval(e.f, true));
            }
        for (unsigned p = 0; p < space.consents.size(); ++p) {
            const auto& c = space.consents[static_cast<int>(p)];
            same.push_back(c == model.eval(c, true));
        }
        return !z3::mk_and(same);
    }
};

} // namespace
} // namespace analysis

DiffReport diff(const Deal& old_deal, const Deal& new_deal, const DiffOptions& options) {
    auto started = std::chrono::steady_clock::now();
    DiffReport report;
    auto label = [](const Deal& d, std::optional<Date> as_of) {
        return d.compiled().model.id + (as_of ? " as of " + format_date(*as_of) : "");
    };
    report.old_label = label(old_deal, options.old_as_of);
    report.new_label = label(new_deal, options.new_as_of);
    // Obligations and powers are not compared: said once per side that has them.
    auto old_skipped = analysis::not_analysed(old_deal),
         new_skipped = analysis::not_analysed(new_deal);
    if (!old_skipped.empty()) report.notes.push_back("not compared: " + old_skipped);
    if (!new_skipped.empty() && new_skipped != old_skipped)
        report.notes.push_back("not compared: " + new_skipped);
    analysis::Differ differ(old_deal, new_deal, options, report);
    differ.tests();
    if (options.symbolic) differ.symbolic();
    std::stable_sort(report.changes.begin(), report.changes.end(),
                     [](const VerdictChange& a, const VerdictChange& b) {
                         bool ta = a.source != "rules", tb = b.source != "rules";
                         if (ta != tb) return ta;
                         return std::tie(a.action, a.party) < std::tie(b.action, b.party);
                     });
    report.stats.milliseconds = analysis::elapsed_ms(started);
    return report;
}

} // namespace dealcheck
