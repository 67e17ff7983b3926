#include "evaluator/authorizer.hpp"

#include "model/value_text.hpp"
#include "program/expr_eval.hpp"

#include <algorithm>
#include <array>
#include <bit>

namespace dealcheck::evaluator {

using model::Effect;
using model::no_index;

void resolve_facts(const CompiledDeal& deal, const BoundQuestion& q, std::span<Value> out) {
    // The rules' known values as the decision index keeps them, side by side (the fast
    // path calls this for every question).
    const auto& ix = deal.decisions;
    for (std::size_t f = 0; f + 1 < ix.known_at.size(); ++f) {
        out[f] = f < q.facts.size() ? q.facts[f] : Value::unknown();
        if (out[f].known()) continue;
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

// Applicability after precedence: an applicable exception overrides what it beats.
struct Tally {
    bool unknown = false;
    std::uint64_t consent_needed = 0;
    bool forbid = false, permit = false, consent = false, consequence = false;
};

template <class Visit>
Tally evaluate_candidates(const CompiledDeal& deal, const BoundQuestion& q,
                          std::span<const Value> facts, Visit&& visit) {
    auto cands = deal.candidates(q.action, q.party);
    Env env{{q.attributes.data(), q.attributes.size()}, facts, q.date};
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
        switch (c.effect) {
        case Effect::Forbid:
            t.forbid = true;
            break;
        case Effect::Permit:
            t.permit = true;
            break;
        case Effect::Consent:
            if ((q.consents >> c.consent_of) & 1u)
                t.permit = true;
            else {
                t.consent = true;
                t.consent_needed |= 1ull << c.consent_of;
            }
            break;
        case Effect::Grant:
        case Effect::Oblige:
            t.consequence = true;
            break;
        }
    }
    return t;
}

VerdictKind default_for(const CompiledDeal& deal, std::uint32_t action) {
    auto d = deal.model.actions[action].default_verdict.value_or(deal.model.default_verdict);
    return d == model::DefaultVerdict::Forbidden ? VerdictKind::Forbidden : VerdictKind::Permitted;
}

// Forbid beats consent beats permit when no exception orders them (the safe way);
// a grant or obligation presupposes the action is allowed.
Decision verdict_of(const CompiledDeal& deal, const BoundQuestion& q, const Tally& t) {
    Decision d;
    d.default_verdict = default_for(deal, q.action);
    if (t.unknown)
        d.verdict = VerdictKind::Depends;
    else if (t.forbid)
        d.verdict = VerdictKind::Forbidden;
    else if (t.consent) {
        d.verdict = VerdictKind::NeedsConsent;
        d.consent_of = t.consent_needed;
    } else if (t.permit || t.consequence)
        d.verdict = VerdictKind::Permitted;
    else
        d.verdict = VerdictKind::NotCovered;
    return d;
}

} // namespace

Decision decide_by_scan(const CompiledDeal& deal, const BoundQuestion& q,
                        std::span<const Value> facts) {
    auto t = evaluate_candidates(deal, q, facts, [](std::uint32_t, Tri, Tri, std::uint32_t) {});
    return verdict_of(deal, q, t);
}

namespace {

ClauseRef clause_ref(const CompiledDeal& deal, std::uint32_t i) {
    const auto& c = deal.model.clauses[i];
    ClauseRef r;
    r.id = c.id;
    r.title = c.title;
    r.quote = c.quote;
    r.cite = c.cite;
    r.tag = std::string(model::to_string(c.tag));
    r.effect = std::string(model::to_string(c.effect));
    r.agreement =
        c.agreement < deal.model.agreements.size() ? deal.model.agreements[c.agreement].id : "";
    r.where = c.where;
    return r;
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

constexpr std::size_t max_combinations = 4096;

// One evaluation with its reasons: what applied with which effect, what was overridden.
struct Pass {
    Decision decision;
    std::vector<std::uint32_t> permit, forbid, consent, consequence, unresolved;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> overridden; // (clause, by)
};

Pass explain(const CompiledDeal& deal, const BoundQuestion& q, std::span<const Value> facts) {
    const auto& m = deal.model;
    Pass p;
    auto t = evaluate_candidates(
        deal, q, facts, [&](std::uint32_t c, Tri app, Tri eff, std::uint32_t by) {
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
        });
    p.decision = verdict_of(deal, q, t);
    return p;
}

// Adds what `other` found to `into`, keeping declaration order and no duplicates.
void merge(Pass& into, const Pass& other) {
    auto add = [](std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& from) {
        for (auto c : from)
            if (std::find(to.begin(), to.end(), c) == to.end()) to.push_back(c);
        std::sort(to.begin(), to.end());
    };
    add(into.permit, other.permit);
    add(into.forbid, other.forbid);
    add(into.consent, other.consent);
    add(into.consequence, other.consequence);
    for (const auto& o : other.overridden)
        if (std::find(into.overridden.begin(), into.overridden.end(), o) == into.overridden.end())
            into.overridden.push_back(o);
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

// The readings the clauses of this question read: which one the answer used, and
// what each other reading would answer when that differs.
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
            if (other.decision == base.decision) continue;
            ReadingOutcome o;
            o.reading = m.facts[f].id;
            o.value = values[v].id;
            o.says = values[v].label;
            o.verdict = other.decision.verdict;
            o.consent_of = party_ids(deal, other.decision.consent_of);
            const auto& winners = other.decision.verdict == VerdictKind::Forbidden ? other.forbid
                                  : other.decision.verdict == VerdictKind::NeedsConsent
                                      ? other.consent
                                  : other.permit.empty() ? other.consequence
                                                         : other.permit;
            if (other.decision.verdict != VerdictKind::NotCovered)
                for (auto c :
                     other.decision.verdict == VerdictKind::Depends ? other.unresolved : winners)
                    o.deciding.push_back(m.clauses[c].id);
            a.other_readings.push_back(std::move(o));
        }
        // Name the reading when it was chosen or when it matters to this answer.
        if (chosen || a.other_readings.size() > differing)
            a.readings.push_back({m.facts[f].id, values[used].id, values[used].label, !chosen});
    }
}

} // namespace

Answer answer(const CompiledDeal& deal, const BoundQuestion& q, Question canonical) {
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
            std::string through;
            for (const auto& k : m.facts[f].known)
                if (k.from <= q.date && q.date <= k.through) through = format_date(k.through);
            a.assumed.push_back(
                {m.facts[f].id, model::format_value(m, facts[f], deal.strings), through});
        }

    Pass pass = explain(deal, q, facts);
    if (pass.decision.verdict == VerdictKind::Depends) {
        // Decide every combination of the unknowns that matter.
        auto unknowns = unknowns_of(deal, q, facts, pass.unresolved);
        std::size_t combinations = 1;
        bool enumerable = !unknowns.empty();
        for (const auto& u : unknowns) {
            if (u.domain.empty()) enumerable = false;
            combinations *= std::max<std::size_t>(1, u.domain.size());
            if (combinations > max_combinations) enumerable = false;
        }
        auto name_of = [&](const Unknown& u) {
            return u.is_attribute ? m.attributes[u.index].id : m.facts[u.index].id;
        };
        std::vector<Pass> passes;
        if (enumerable) {
            BoundQuestion variant = q;
            std::vector<Value> vfacts = facts;
            for (std::size_t n = 0; n < combinations; ++n) {
                std::size_t rest = n;
                Answer::Combination combo;
                for (auto& u : unknowns) {
                    const Value& v = u.domain[rest % u.domain.size()];
                    rest /= u.domain.size();
                    (u.is_attribute ? variant.attributes : vfacts)[u.index] = v;
                    combo.values.emplace_back(name_of(u), model::format_value(m, v, deal.strings));
                }
                passes.push_back(explain(deal, variant, vfacts));
                combo.verdict = passes.back().decision.verdict;
                a.combinations.push_back(std::move(combo));
            }
        }
        bool all_same =
            !passes.empty() && std::all_of(passes.begin(), passes.end(), [&](const Pass& p) {
                return p.decision == passes[0].decision;
            });
        if (all_same && passes[0].decision.verdict != VerdictKind::Depends) {
            // The unknowns do not matter: every case gives the same verdict. Its reasons
            // are those of every case (which clause decides may vary with the unknowns).
            Pass merged = passes[0];
            for (const auto& p : passes)
                merge(merged, p);
            pass = std::move(merged);
            a.combinations.clear();
        } else {
            for (std::size_t u = 0; u < unknowns.size(); ++u) {
                Dependency dep;
                dep.name = name_of(unknowns[u]);
                dep.is_attribute = unknowns[u].is_attribute;
                for (std::size_t v = 0; enumerable && v < unknowns[u].domain.size(); ++v) {
                    // The verdict when this unknown has value v, if the others don't matter.
                    std::optional<Decision> common;
                    bool agree = true;
                    for (std::size_t n = 0; n < passes.size(); ++n) {
                        std::size_t rest = n, mine = 0;
                        for (std::size_t k = 0; k <= u; ++k) {
                            mine = rest % unknowns[k].domain.size();
                            rest /= unknowns[k].domain.size();
                        }
                        if (mine != v) continue;
                        if (!common)
                            common = passes[n].decision;
                        else if (!(*common == passes[n].decision))
                            agree = false;
                    }
                    Dependency::Outcome o;
                    o.value = model::format_value(m, unknowns[u].domain[v], deal.strings);
                    o.verdict = agree && common ? common->verdict : VerdictKind::Depends;
                    if (agree && common) o.consent_of = party_ids(deal, common->consent_of);
                    dep.outcomes.push_back(std::move(o));
                }
                a.depends_on.push_back(std::move(dep));
            }
            if (unknowns.size() == 1) a.combinations.clear(); // the outcomes say it all
            for (auto c : pass.unresolved)
                a.deciding.push_back(clause_ref(deal, c));
        }
    }

    const Decision& d = pass.decision;
    a.verdict = d.verdict;
    a.default_verdict = d.default_verdict;
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
        add_refs(pass.permit.empty() ? pass.consequence : pass.permit);
        break;
    default:
        break;
    }
    auto conflict = [&](const std::vector<std::uint32_t>& winners, const char* resolution) {
        if (pass.permit.empty()) return;
        Conflict cf;
        for (auto c : winners)
            cf.clauses.push_back(m.clauses[c].id);
        for (auto c : pass.permit)
            cf.clauses.push_back(m.clauses[c].id);
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

    // Consequences follow an action that may go ahead (or will, once consent is given).
    bool goes_ahead =
        a.verdict == VerdictKind::Permitted || a.verdict == VerdictKind::NeedsConsent ||
        (a.verdict == VerdictKind::NotCovered && a.default_verdict == VerdictKind::Permitted);
    if (goes_ahead)
        for (auto c : pass.consequence) {
            const auto& cl = m.clauses[c];
            const auto& code = deal.clauses[c];
            ConsequenceRef r;
            r.kind = cl.effect == Effect::Grant ? "right" : "obligation";
            r.party =
                cl.consequence->party < m.parties.size() ? m.parties[cl.consequence->party].id : "";
            r.text = cl.consequence->text;
            if (code.consequence_until != last_day) r.until = code.consequence_until;
            for (auto f : code.consequence_events)
                r.until_events.push_back(m.facts[f].id);
            r.clause = clause_ref(deal, c);
            a.consequences.push_back(std::move(r));
        }
    return a;
}

} // namespace dealcheck::evaluator
