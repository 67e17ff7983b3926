#include "evaluator/authorizer.hpp"

#include "evaluator/counted.hpp"
#include "evaluator/owed.hpp"
#include "evaluator/power_reasons.hpp"
#include "evaluator/provision_ref.hpp"
#include "model/value_text.hpp"
#include "program/expr_eval.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>

namespace dealcheck::evaluator {

using model::Effect;
using model::no_index;

void resolve_facts(const CompiledDeal& deal, const BoundQuestion& q, std::span<Value> out) {
    // The rules' known values as the decision index keeps them, side by side (the fast
    // path calls this for every question).
    const auto& ix = deal.decisions;
    for (std::size_t f = 0; f + 1 < ix.known_at.size(); ++f) {
        out[f] = f < q.facts.size() ? q.facts[f] : Value::unknown();
        if (out[f].known() || out[f].is_stated_unknown()) continue;
        for (auto k = ix.known_at[f]; k < ix.known_at[f + 1]; ++k)
            if (ix.known[k].from <= q.date && q.date <= ix.known[k].through) {
                out[f] = ix.known[k].value;
                break;
            }
    }
}

namespace {

// Whether a clause applies to the question: in force on the date, inside its window,
// no ending event has happened, and its condition holds.
Tri applies(const ClauseCode& c, const Env& env) {
    if (env.date < c.in_force_from || env.date >= c.superseded_from) return Tri::False;
    if (env.date < c.from || env.date > c.until) return Tri::False;
    Tri open = Tri::True;
    for (auto f : c.until_events) {
        const Value& v = env.facts[f];
        open = tri_and(open, v.known() ? (v.as_bool() ? Tri::False : Tri::True) : Tri::Unknown);
    }
    if (open == Tri::False) return Tri::False;
    return tri_and(open, holds(c.when, env));
}

bool beats(const ClauseCode& winner, std::uint32_t loser) {
    return std::binary_search(winner.beats.begin(), winner.beats.end(), loser);
}

// Per-candidate state, on the stack for the usual small buckets.
template <class T> class SmallBuffer {
  public:
    explicit SmallBuffer(std::size_t n) : n_(n) {
        if (n > inline_.size()) heap_.resize(n);
    }
    T& operator[](std::size_t i) { return n_ > inline_.size() ? heap_[i] : inline_[i]; }

  private:
    std::size_t n_;
    std::array<T, 64> inline_{};
    std::vector<T> heap_;
};

template <class Visit, class VisitPower>
Tally evaluate_candidates(const CompiledDeal& deal, const BoundQuestion& q,
                          std::span<const Value> facts, Visit&& visit, VisitPower&& visit_power) {
    auto cands = deal.candidates(q.action, q.party);
    Env env = question_env(deal, q, facts, q.date);
    SmallBuffer<Tri> app(cands.size());
    for (std::size_t k = 0; k < cands.size(); ++k)
        app[k] = applies(deal.clauses[cands[k]], env);
    Tally t;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (app[k] == Tri::False) continue;
        Tri overridden = Tri::False;
        std::uint32_t by = no_index;
        for (std::size_t j = 0; j < cands.size(); ++j)
            if (j != k && app[j] != Tri::False && beats(deal.clauses[cands[j]], cands[k])) {
                overridden = tri_or(overridden, app[j]);
                if (app[j] == Tri::True) by = cands[j];
            }
        Tri effective = tri_and(app[k], tri_not(overridden));
        visit(cands[k], app[k], effective, by);
        if (effective == Tri::Unknown) t.unknown = true;
        if (effective != Tri::True) continue;
        const auto& c = deal.model.clauses[cands[k]];
        t.add(c.effect, c.consent_of, q.consents);
    }
    for (const auto& span : deal.power_open)
        if (open_for(span, q)) {
            visit_power(span.power);
            t.add_open_power();
        }
    return t;
}

VerdictKind default_for(const CompiledDeal& deal, std::uint32_t action) {
    auto d = deal.model.actions[action].default_verdict.value_or(deal.model.default_verdict);
    return d == model::DefaultVerdict::Forbidden ? VerdictKind::Forbidden : VerdictKind::Permitted;
}

} // namespace

Decision decide_by_scan(const CompiledDeal& deal, const BoundQuestion& q,
                        std::span<const Value> facts) {
    auto t = evaluate_candidates(
        deal, q, facts, [](std::uint32_t, Tri, Tri, std::uint32_t) {}, [](std::uint32_t) {});
    return verdict_of(t, default_for(deal, q.action));
}

namespace {

ClauseRef clause_ref(const CompiledDeal& deal, std::uint32_t i) {
    const auto& c = deal.model.clauses[i];
    return provision_ref(deal, c, std::string(model::to_string(c.effect)));
}

std::vector<std::string> party_ids(const CompiledDeal& deal, std::uint64_t bits) {
    std::vector<std::string> out;
    for (std::size_t p = 0; p < deal.model.parties.size(); ++p)
        if ((bits >> p) & 1u) out.push_back(deal.model.parties[p].id);
    return out;
}

// An unknown value the verdict may hinge on: a fact or an attribute not given.
struct Unknown {
    bool is_attribute;
    std::uint32_t index;
    std::vector<Value> domain; // empty: cannot be enumerated
};

std::vector<Value> domain_of(const CompiledDeal& deal, const model::Type& t) {
    std::vector<Value> out;
    switch (t.kind) {
    case model::TypeKind::Bool:
        out = {Value::boolean(true), Value::boolean(false)};
        break;
    case model::TypeKind::Enum:
        for (std::uint32_t v = 0; v < deal.model.enums[t.enum_index].values.size(); ++v)
            out.push_back(Value::enumerated(t.enum_index, v));
        break;
    case model::TypeKind::Party:
        for (std::uint32_t p = 0; p < deal.model.parties.size(); ++p)
            out.push_back(Value::party(p));
        break;
    default:
        break;
    }
    return out;
}

// One evaluation with its reasons: what applied with which effect, what was overridden.
struct Pass {
    Decision decision;
    std::vector<std::uint32_t> permit, forbid, consent, consequence, unresolved;
    std::vector<std::uint32_t> powers; // open powers: they permit as a permit clause does
    std::vector<std::pair<std::uint32_t, std::uint32_t>> overridden; // (clause, by)
};

Pass explain(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts) {
    const auto& m = deal.model;
    Pass p;
    auto t = evaluate_candidates(
        deal, q, facts,
        [&](std::uint32_t c, Tri app, Tri eff, std::uint32_t by) {
            if (eff == Tri::Unknown) p.unresolved.push_back(c);
            if (app == Tri::True && eff == Tri::False && by != no_index)
                p.overridden.emplace_back(c, by);
            if (eff != Tri::True) return;
            switch (m.clauses[c].effect) {
            case Effect::Forbid:
                p.forbid.push_back(c);
                break;
            case Effect::Permit:
                p.permit.push_back(c);
                break;
            case Effect::Consent:
                ((q.consents >> m.clauses[c].consent_of) & 1u ? p.permit : p.consent).push_back(c);
                break;
            case Effect::Grant:
            case Effect::Oblige:
                p.consequence.push_back(c);
                break;
            }
        },
        [&](std::uint32_t power) { p.powers.push_back(power); });
    p.decision = verdict_of(t, default_for(deal, q.action));
    return p;
}

// The reasons of a verdict that every case of the unknowns gives: the clauses that
// decide in some case (which one decides may vary with the unknowns), but only the
// overrides and conflicting permits that hold in every case, so that the answer never
// shows an override from one case beside a conflict from another.
Pass merge_cases(const std::vector<Pass>& cases) {
    auto add = [](std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& from) {
        for (auto c : from)
            if (std::find(to.begin(), to.end(), c) == to.end()) to.push_back(c);
        std::sort(to.begin(), to.end());
    };
    auto keep_common = [](auto& items, const auto& other) {
        std::erase_if(items, [&](const auto& x) {
            return std::find(other.begin(), other.end(), x) == other.end();
        });
    };
    Pass merged = cases[0];
    for (const auto& p : cases) {
        add(merged.forbid, p.forbid);
        add(merged.consent, p.consent);
        add(merged.consequence, p.consequence);
        keep_common(merged.overridden, p.overridden);
        // A permit decides a PERMITTED answer; beside a forbid or a consent it is a
        // conflict, reported only when it stands in every case.
        if (merged.decision.verdict == VerdictKind::Permitted)
            add(merged.permit, p.permit);
        else
            keep_common(merged.permit, p.permit);
    }
    return merged;
}

// The unknowns that unresolved clauses read: facts not known on the date and
// attributes the question did not give.
std::vector<Unknown> unknowns_of(const CompiledDeal& deal, const BoundQuestion& q,
                                 std::span<const Value> facts,
                                 const std::vector<std::uint32_t>& unresolved) {
    const auto& m = deal.model;
    std::vector<Unknown> out;
    auto has = [&](bool attribute, std::uint32_t index) {
        return std::any_of(out.begin(), out.end(), [&](const Unknown& u) {
            return u.is_attribute == attribute && u.index == index;
        });
    };
    for (auto c : unresolved) {
        for (auto f : deal.clauses[c].facts)
            if (!facts[f].known() && !has(false, f))
                out.push_back({false, f, domain_of(deal, m.facts[f].type)});
        for (auto at : deal.clauses[c].attributes)
            if (!q.attributes[at].known() && !has(true, at))
                out.push_back({true, at, domain_of(deal, m.attributes[at].type)});
    }
    return out;
}

bool same_outcome(const Pass& a, const Pass& b);
std::vector<ConsequenceRef> consequence_refs(const CompiledDeal& deal, const Pass& p);

// The readings the clauses of this question read: which one the answer used, and
// what each other reading would answer, or have follow, when that differs.
void readings(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
              const std::vector<bool>& read, Answer& a) {
    const auto& m = deal.model;
    for (std::uint32_t f = 0; f < m.facts.size(); ++f) {
        if (!m.facts[f].is_reading || !read[f] || !facts[f].known()) continue;
        const auto& values = m.enums[m.facts[f].type.enum_index].values;
        auto used = static_cast<std::size_t>(facts[f].payload);
        bool chosen = f < q.facts.size() && q.facts[f].known();
        auto differing = a.other_readings.size();
        Pass base = explain(deal, q, facts);
        std::vector<Value> variant(facts.begin(), facts.end());
        for (std::uint32_t v = 0; v < values.size(); ++v) {
            if (v == used) continue;
            variant[f] = Value::enumerated(m.facts[f].type.enum_index, v);
            Pass other = explain(deal, q, variant);
            if (same_outcome(other, base)) continue;
            ReadingOutcome o;
            o.reading = m.facts[f].id;
            o.value = values[v].id;
            o.says = values[v].label;
            o.verdict = other.decision.verdict;
            o.consent_of = party_ids(deal, other.decision.consent_of);
            const auto& winners = other.decision.verdict == VerdictKind::Forbidden ? other.forbid
                                  : other.decision.verdict == VerdictKind::NeedsConsent
                                      ? other.consent
                                  : other.permit.empty() && other.powers.empty() ? other.consequence
                                                                                 : other.permit;
            if (other.decision.verdict != VerdictKind::NotCovered)
                for (auto c :
                     other.decision.verdict == VerdictKind::Depends ? other.unresolved : winners)
                    o.deciding.push_back(m.clauses[c].id);
            if (other.decision.verdict == VerdictKind::Permitted)
                for (auto power : other.powers)
                    o.deciding.push_back(m.powers[power].id);
            o.consequences = consequence_refs(deal, other);
            a.other_readings.push_back(std::move(o));
        }
        // Name the reading when it was chosen or when it matters to this answer.
        if (chosen || a.other_readings.size() > differing)
            a.readings.push_back({m.facts[f].id, values[used].id, values[used].label, !chosen});
    }
}

// Consequences follow an action that may go ahead (or will, once consent is given).
bool goes_ahead(const Decision& d) {
    return d.verdict == VerdictKind::Permitted || d.verdict == VerdictKind::NeedsConsent ||
           (d.verdict == VerdictKind::NotCovered && d.default_verdict == VerdictKind::Permitted);
}

std::vector<std::uint32_t> following(const Pass& p) {
    return goes_ahead(p.decision) ? p.consequence : std::vector<std::uint32_t>{};
}

// An outcome is the verdict and what follows from it: two cases with the same verdict
// and different consequences are different outcomes.
bool same_outcome(const Pass& a, const Pass& b) {
    return a.decision == b.decision && following(a) == following(b);
}

ConsequenceRef consequence_ref(const CompiledDeal& deal, std::uint32_t c) {
    const auto& m = deal.model;
    const auto& cl = m.clauses[c];
    const auto& code = deal.clauses[c];
    ConsequenceRef r;
    r.kind = cl.effect == Effect::Grant ? "right" : "obligation";
    r.party = cl.consequence->party < m.parties.size() ? m.parties[cl.consequence->party].id : "";
    r.text = cl.consequence->text;
    if (code.consequence_until != last_day) r.until = code.consequence_until;
    for (auto f : code.consequence_events)
        r.until_events.push_back(m.facts[f].id);
    r.clause = clause_ref(deal, c);
    return r;
}

std::vector<ConsequenceRef> consequence_refs(const CompiledDeal& deal, const Pass& p) {
    std::vector<ConsequenceRef> out;
    for (auto c : following(p))
        out.push_back(consequence_ref(deal, c));
    return out;
}

// Every combination of the unknowns' values, numbered in mixed radix (the first
// unknown varies fastest), each with its evaluation.
struct Cases {
    std::vector<Unknown> unknowns;
    std::vector<Pass> passes;

    std::size_t stride(std::size_t u) const {
        std::size_t s = 1;
        for (std::size_t k = 0; k < u; ++k)
            s *= unknowns[k].domain.size();
        return s;
    }
    std::size_t digit(std::size_t n, std::size_t u) const {
        return n / stride(u) % unknowns[u].domain.size();
    }
    std::size_t with(std::size_t n, std::size_t u, std::size_t v) const {
        return n - digit(n, u) * stride(u) + v * stride(u);
    }
    // Whether changing this unknown alone ever changes the outcome. When it never
    // does, the outcome is a function of the other unknowns and it is left out.
    bool matters(std::size_t u) const {
        for (std::size_t n = 0; n < passes.size(); ++n)
            for (std::size_t v = 0; v < unknowns[u].domain.size(); ++v)
                if (!same_outcome(passes[n], passes[with(n, u, v)])) return true;
        return false;
    }
};

// Groups the cases by outcome over the unknowns that matter, and folds the cases of a
// group that cover every value of one unknown into one where it may take any value.
std::vector<GroupedOutcome> group_outcomes(const CompiledDeal& deal, const Cases& cases,
                                           const std::vector<std::size_t>& kept) {
    const auto& m = deal.model;
    constexpr int any = -1;
    std::vector<const Pass*> first; // each group's first case
    std::vector<std::vector<std::vector<int>>> cubes;
    for (std::size_t n = 0; n < cases.passes.size(); ++n) {
        std::vector<int> cube;
        for (auto u : kept)
            cube.push_back(static_cast<int>(cases.digit(n, u)));
        std::size_t g = 0;
        while (g < first.size() && !same_outcome(*first[g], cases.passes[n]))
            ++g;
        if (g == first.size()) {
            first.push_back(&cases.passes[n]);
            cubes.emplace_back();
        }
        if (std::find(cubes[g].begin(), cubes[g].end(), cube) == cubes[g].end())
            cubes[g].push_back(std::move(cube));
    }
    // As in Quine-McCluskey: cases that differ only in one unknown and together cover
    // its every value fold into one where it takes any value; what a folded case
    // covers is then dropped.
    auto covers = [&](const std::vector<int>& wide, const std::vector<int>& narrow) {
        for (std::size_t j = 0; j < wide.size(); ++j)
            if (wide[j] != any && wide[j] != narrow[j]) return false;
        return wide != narrow;
    };
    for (auto& group : cubes)
        for (bool folded = true; folded;) {
            folded = false;
            std::vector<std::vector<int>> wider;
            for (const auto& cube : group)
                for (std::size_t i = 0; i < kept.size(); ++i) {
                    if (cube[i] == any) continue;
                    auto sibling = cube;
                    bool all_values = true;
                    for (std::size_t v = 0; v < cases.unknowns[kept[i]].domain.size() && all_values;
                         ++v) {
                        sibling[i] = static_cast<int>(v);
                        all_values = std::find(group.begin(), group.end(), sibling) != group.end();
                    }
                    sibling[i] = any;
                    if (all_values &&
                        std::find(group.begin(), group.end(), sibling) == group.end() &&
                        std::find(wider.begin(), wider.end(), sibling) == wider.end())
                        wider.push_back(std::move(sibling));
                }
            if (wider.empty()) continue;
            folded = true;
            group.insert(group.end(), wider.begin(), wider.end());
            const auto before = group;
            std::erase_if(group, [&](const std::vector<int>& narrow) {
                return std::any_of(before.begin(), before.end(),
                                   [&](const std::vector<int>& w) { return covers(w, narrow); });
            });
        }
    // Then a folded case whose every combination another case also gives is dropped.
    auto combinations_of = [&](const std::vector<int>& cube) {
        std::vector<std::vector<int>> out{cube};
        for (std::size_t i = 0; i < kept.size(); ++i) {
            if (cube[i] != any) continue;
            std::vector<std::vector<int>> wider;
            for (const auto& c : out)
                for (std::size_t v = 0; v < cases.unknowns[kept[i]].domain.size(); ++v) {
                    wider.push_back(c);
                    wider.back()[i] = static_cast<int>(v);
                }
            out = std::move(wider);
        }
        return out;
    };
    auto gives = [&](const std::vector<int>& cube, const std::vector<int>& combination) {
        for (std::size_t j = 0; j < cube.size(); ++j)
            if (cube[j] != any && cube[j] != combination[j]) return false;
        return true;
    };
    for (auto& group : cubes)
        for (std::size_t k = group.size(); k-- > 0;) {
            auto combos = combinations_of(group[k]);
            bool redundant = std::all_of(combos.begin(), combos.end(), [&](const auto& combo) {
                for (std::size_t j = 0; j < group.size(); ++j)
                    if (j != k && gives(group[j], combo)) return true;
                return false;
            });
            if (redundant) group.erase(group.begin() + static_cast<std::ptrdiff_t>(k));
        }
    std::vector<GroupedOutcome> out;
    for (std::size_t g = 0; g < first.size(); ++g) {
        GroupedOutcome o;
        o.verdict = first[g]->decision.verdict;
        o.consent_of = party_ids(deal, first[g]->decision.consent_of);
        o.consequences = consequence_refs(deal, *first[g]);
        std::sort(cubes[g].begin(), cubes[g].end());
        for (const auto& cube : cubes[g]) {
            std::vector<std::pair<std::string, std::string>> values;
            for (std::size_t i = 0; i < kept.size(); ++i) {
                if (cube[i] == any) continue;
                const auto& u = cases.unknowns[kept[i]];
                values.emplace_back(u.is_attribute ? m.attributes[u.index].id : m.facts[u.index].id,
                                    model::format_value(m,
                                                        u.domain[static_cast<std::size_t>(cube[i])],
                                                        deal.strings));
            }
            o.cases.push_back(std::move(values));
        }
        out.push_back(std::move(o));
    }
    return out;
}

// Whether the action goes ahead (true), is stopped (false), or neither for certain.
std::optional<bool> allows(const Decision& d) {
    if (d.verdict == VerdictKind::Permitted ||
        (d.verdict == VerdictKind::NotCovered && d.default_verdict == VerdictKind::Permitted))
        return true;
    if (d.verdict == VerdictKind::Forbidden ||
        (d.verdict == VerdictKind::NotCovered && d.default_verdict == VerdictKind::Forbidden))
        return false;
    return std::nullopt;
}

// A DEPENDS answer: decides every combination of the unknowns that unresolved clauses
// read, keeps the unknowns whose value changes the outcome, and says what each gives.
// When every case has the same verdict, `pass` becomes their merged reasons and the
// consequences that follow in every case are returned; the others are listed per
// value and per outcome.
std::optional<std::vector<std::uint32_t>> weigh_unknowns(const CompiledDeal& deal,
                                                         const BoundQuestion& q,
                                                         std::span<const Value> facts, Pass& pass,
                                                         Answer& a) {
    const auto& m = deal.model;
    Cases cases;
    // Unknowns whose values cannot be listed (a date, money or a number) stay unknown
    // in every case; they matter only where a case is still DEPENDS.
    std::vector<Unknown> unlisted;
    for (auto& u : unknowns_of(deal, q, facts, pass.unresolved))
        (u.domain.empty() ? unlisted : cases.unknowns).push_back(std::move(u));
    auto name_of = [&](const Unknown& u) {
        return u.is_attribute ? m.attributes[u.index].id : m.facts[u.index].id;
    };
    std::size_t combinations = 1;
    for (const auto& u : cases.unknowns)
        combinations = std::min(combinations * u.domain.size(), max_combinations + 1);
    if (combinations > max_combinations) { // too many to decide one by one: name them all
        for (const auto* list : {&cases.unknowns, &unlisted})
            for (const auto& u : *list)
                a.depends_on.push_back({name_of(u), u.is_attribute, {}});
        for (auto c : pass.unresolved)
            a.deciding.push_back(clause_ref(deal, c));
        return std::nullopt;
    }

    BoundQuestion variant = q;
    std::vector<Value> vfacts(facts.begin(), facts.end());
    for (std::size_t n = 0; n < combinations; ++n) {
        for (std::size_t u = 0; u < cases.unknowns.size(); ++u) {
            const auto& unknown = cases.unknowns[u];
            (unknown.is_attribute ? variant.attributes : vfacts)[unknown.index] =
                unknown.domain[cases.digit(n, u)];
        }
        cases.passes.push_back(explain(deal, variant, vfacts));
    }
    std::vector<std::size_t> kept;
    for (std::size_t u = 0; u < cases.unknowns.size(); ++u)
        if (cases.matters(u)) kept.push_back(u);

    const auto& all = cases.passes;
    bool open = std::any_of(all.begin(), all.end(), [](const Pass& p) {
        return p.decision.verdict == VerdictKind::Depends;
    });
    bool one_decision = !open && std::all_of(all.begin(), all.end(), [&](const Pass& p) {
        return p.decision == all[0].decision;
    });
    if (one_decision) {
        // The verdict does not hinge on the unknowns. Its reasons are those of every
        // case (which clause decides may vary with the unknowns).
        pass = merge_cases(all);
    } else {
        for (auto c : pass.unresolved)
            a.deciding.push_back(clause_ref(deal, c));
    }
    if (kept.empty() && !open) return std::nullopt; // every case has the same outcome

    for (auto u : kept) {
        Dependency dep{name_of(cases.unknowns[u]), cases.unknowns[u].is_attribute, {}};
        for (std::size_t v = 0; v < cases.unknowns[u].domain.size(); ++v) {
            // What this value gives, if the other unknowns do not matter to it.
            const Pass* common = nullptr;
            bool agree = true;
            for (std::size_t n = 0; n < all.size(); ++n) {
                if (cases.digit(n, u) != v) continue;
                if (!common)
                    common = &all[n];
                else if (!same_outcome(*common, all[n]))
                    agree = false;
            }
            Dependency::Outcome o;
            o.value = model::format_value(m, cases.unknowns[u].domain[v], deal.strings);
            o.verdict = agree ? common->decision.verdict : VerdictKind::Depends;
            if (agree) {
                o.consent_of = party_ids(deal, common->decision.consent_of);
                o.consequences = consequence_refs(deal, *common);
            }
            dep.outcomes.push_back(std::move(o));
        }
        a.depends_on.push_back(std::move(dep));
    }
    if (open)
        for (const auto& u : unlisted)
            a.depends_on.push_back({name_of(u), u.is_attribute, {}});
    if (kept.size() > 1) a.outcomes = group_outcomes(deal, cases, kept);
    auto first = allows(all[0].decision);
    if (!one_decision && first && std::all_of(all.begin(), all.end(), [&](const Pass& p) {
            return allows(p.decision) == first;
        }))
        a.every_outcome = *first ? VerdictKind::Permitted : VerdictKind::Forbidden;

    // The consequences that follow whatever the unknowns are.
    std::vector<std::uint32_t> certain = following(all[0]);
    for (const auto& p : all) {
        auto f = following(p);
        std::erase_if(certain,
                      [&](std::uint32_t c) { return std::find(f.begin(), f.end(), c) == f.end(); });
    }
    return certain;
}
} // namespace

// What the deciding clauses' sums and counts took from the history.
static void history(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts,
                    std::size_t listed, Answer& a) {
    Env env = question_env(deal, q, facts, q.date);
    for (const auto& ref : a.deciding)
        for (auto c : deal.candidates(q.action, q.party))
            if (deal.model.clauses[c].id == ref.id)
                for (auto& count : history_counts(deal, c, env, listed))
                    a.history.push_back(std::move(count));
}

Answer answer(const CompiledDeal& deal, const BoundQuestion& q, Question canonical,
              std::size_t listed_events) {
    const auto& m = deal.model;
    Answer a;
    a.question = std::move(canonical);
    a.date = q.date;
    a.date_is_today = q.date_is_today;
    for (const auto& ag : m.agreements)
        if (ag.effective <= q.date) a.agreements_in_force.push_back(ag.id);

    std::vector<Value> facts(m.facts.size());
    resolve_facts(deal, q, facts);
    // Report the facts taken from the rules' record that this question's clauses read.
    std::vector<bool> read(m.facts.size(), false);
    for (auto c : deal.candidates(q.action, q.party)) {
        for (auto f : deal.clauses[c].facts)
            read[f] = true;
        for (auto f : deal.clauses[c].consequence_events)
            read[f] = true;
    }
    for (std::size_t f = 0; f < m.facts.size(); ++f)
        if (read[f] && !m.facts[f].is_reading && !(f < q.facts.size() && q.facts[f].known()) &&
            facts[f].known()) {
            std::string through, event;
            for (const auto& k : m.facts[f].known)
                if (k.from <= q.date && q.date <= k.through) {
                    if (k.through != Date{2932896}) through = format_date(k.through);
                    if (k.event != model::no_index) event = describe_event(m, k.event);
                }
            a.assumed.push_back(
                {m.facts[f].id, model::format_value(m, facts[f], deal.strings), through, event});
        }

    Pass pass = explain(deal, q, facts);
    // The consequences to list: those of the answer's clauses, or, when unknowns were
    // weighed, those that follow in every case.
    std::optional<std::vector<std::uint32_t>> certain;
    if (pass.decision.verdict == VerdictKind::Depends)
        certain = weigh_unknowns(deal, q, facts, pass, a);

    const Decision& d = pass.decision;
    a.verdict = d.verdict;
    a.default_verdict = d.default_verdict;
    a.default_is_actions = m.actions[q.action].default_verdict.has_value();
    a.consent_of = party_ids(deal, d.consent_of);
    auto add_refs = [&](const std::vector<std::uint32_t>& v) {
        for (auto c : v)
            a.deciding.push_back(clause_ref(deal, c));
    };
    switch (a.verdict) {
    case VerdictKind::Forbidden:
        add_refs(pass.forbid);
        break;
    case VerdictKind::NeedsConsent:
        add_refs(pass.consent);
        break;
    case VerdictKind::Permitted:
        // The permits and the open powers; without either, what follows presupposes it.
        add_refs(pass.permit.empty() && pass.powers.empty() ? pass.consequence : pass.permit);
        for (auto p : pass.powers)
            a.deciding.push_back(power_ref(deal, p));
        break;
    default:
        break;
    }
    auto conflict = [&](const std::vector<std::uint32_t>& winners, const char* resolution) {
        if (pass.permit.empty() && pass.powers.empty()) return;
        Conflict cf;
        for (auto c : winners)
            cf.clauses.push_back(m.clauses[c].id);
        for (auto c : pass.permit)
            cf.clauses.push_back(m.clauses[c].id);
        for (auto p : pass.powers)
            cf.clauses.push_back(m.powers[p].id);
        cf.resolution = resolution;
        a.conflicts.push_back(std::move(cf));
    };
    if (a.verdict == VerdictKind::Forbidden)
        conflict(pass.forbid, "no exception orders them, so forbid wins");
    if (a.verdict == VerdictKind::NeedsConsent)
        conflict(pass.consent, "no exception orders them, so consent is required");
    for (auto [c, by] : pass.overridden)
        a.overridden.push_back({clause_ref(deal, c), m.clauses[by].id});

    readings(deal, q, facts, read, a);

    if (goes_ahead(pass.decision))
        for (auto c : certain ? *certain : pass.consequence)
            a.consequences.push_back(consequence_ref(deal, c));
    if (!deal.history.tables.empty()) history(deal, q, facts, listed_events, a);
    if (!deal.model.powers.empty()) a.powers = power_reasons(deal, q);
    if (!deal.model.obligations.empty()) a.owed = owed_by(deal, q);
    return a;
}

} // namespace dealcheck::evaluator
