#include "analysis/encoder.hpp"

#include "program/arithmetic.hpp"

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <limits>
#include <map>
#include <memory>
#include <set>

namespace dealcheck::analysis {

using compiler::Instr;
using compiler::Op;
using compiler::Program;
using model::TypeKind;

z3::expr real_of(z3::context& ctx, Number n) {
    std::string digits = std::to_string(n.mantissa);
    auto zeros =
        std::string(static_cast<std::size_t>(n.exponent < 0 ? -n.exponent : n.exponent), '0');
    return ctx.real_val((n.exponent >= 0 ? digits + zeros : digits + "/1" + zeros).c_str());
}

Tri3 tri_and(const Tri3& a, const Tri3& b) {
    return {a.t && b.t, a.f || b.f};
}
Tri3 tri_or(const Tri3& a, const Tri3& b) {
    return {a.t || b.t, a.f && b.f};
}
Tri3 tri_not(const Tri3& a) {
    return {a.f, a.t};
}

namespace {

Tri3 to_tri(const Sym& s) {
    return {s.known && s.val, s.known && !s.val};
}

// The least and greatest number of days that adding `dur` adds to a date, over a
// whole 400-year cycle of the calendar (which then repeats).
std::pair<int, int> offset_bounds(Duration dur) {
    thread_local std::map<std::pair<int, int>, std::pair<int, int>> memo;
    auto key = std::pair{dur.months, dur.days};
    if (auto it = memo.find(key); it != memo.end()) return it->second;
    Date from = *make_date(2000, 1, 1);
    int lo = 0, hi = 0;
    for (int k = 0; k < 146097; ++k) {
        Date d{from.days + k};
        int off = dealcheck::add(d, dur).days - d.days;
        if (k == 0 || off < lo) lo = off;
        if (k == 0 || off > hi) hi = off;
    }
    return memo[key] = {lo, hi};
}

template <class T> std::uint32_t intern(std::vector<T>& table, const T& item) {
    auto it = std::find(table.begin(), table.end(), item);
    if (it != table.end()) return static_cast<std::uint32_t>(it - table.begin());
    table.push_back(item);
    return static_cast<std::uint32_t>(table.size() - 1);
}

} // namespace

Space::Space(z3::context& c, std::vector<const CompiledDeal*> ds)
    : ctx(c), deals(std::move(ds)), consents(c), date(c.int_const("date")) {
    const std::size_t n = deals.size();
    enum_map.resize(n);
    value_map.resize(n);
    party_map.resize(n);
    string_map.resize(n);
    attribute_map.resize(n);
    fact_map.resize(n);
    std::vector<std::vector<std::size_t>> value_count; // [space enum][value]
    std::vector<std::size_t> party_count;
    for (std::size_t d = 0; d < n; ++d) {
        const auto& m = deals[d]->model;
        for (const auto& e : m.enums) {
            auto it = std::find_if(enums.begin(), enums.end(),
                                   [&](const SpaceEnum& s) { return s.id == e.id; });
            if (it == enums.end()) {
                enums.push_back({e.id, {}, {}});
                value_count.emplace_back();
                it = enums.end() - 1;
            }
            auto se = static_cast<std::uint32_t>(it - enums.begin());
            enum_map[d].push_back(se);
            value_map[d].emplace_back();
            for (const auto& v : e.values) {
                auto sv = intern(it->values, v.id);
                if (value_count[se].size() <= sv) value_count[se].resize(sv + 1, 0);
                ++value_count[se][sv];
                value_map[d].back().push_back(sv);
            }
        }
        for (const auto& p : m.parties) {
            auto sp = intern(parties, p.id);
            if (party_count.size() <= sp) party_count.resize(sp + 1, 0);
            ++party_count[sp];
            party_map[d].push_back(sp);
        }
        for (const auto& s : deals[d]->strings)
            string_map[d].push_back(intern(strings, s));
    }
    for (std::size_t e = 0; e < enums.size(); ++e) {
        enums[e].common.assign(enums[e].values.size(), false);
        for (std::size_t v = 0; v < enums[e].values.size(); ++v)
            enums[e].common[v] = v < value_count[e].size() && value_count[e][v] == n;
    }
    for (std::size_t p = 0; p < parties.size(); ++p)
        party_common.push_back(party_count[p] == n);
    std::string other = "other";
    while (std::find(strings.begin(), strings.end(), other) != strings.end())
        other += "_";
    strings.push_back(other);

    auto slot_for = [&](std::vector<Slot>& slots, std::size_t d, const std::string& id,
                        const model::Type& t) {
        std::uint32_t se =
            (t.kind == TypeKind::Enum || t.kind == TypeKind::Set) ? enum_map[d][t.enum_index] : 0;
        auto it =
            std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.id == id; });
        if (it == slots.end()) {
            Slot s(ctx);
            s.id = id;
            s.kind = t.kind;
            s.enum_index = se;
            s.currency = t.currency;
            slots.push_back(std::move(s));
            return static_cast<std::uint32_t>(slots.size() - 1);
        }
        if (it->kind != t.kind || it->enum_index != se || it->currency != t.currency)
            it->usable = false;
        return static_cast<std::uint32_t>(it - slots.begin());
    };
    for (std::size_t d = 0; d < n; ++d) {
        const auto& m = deals[d]->model;
        for (const auto& a : m.attributes)
            attribute_map[d].push_back(slot_for(attributes, d, a.id, a.type));
        for (const auto& f : m.facts)
            fact_map[d].push_back(slot_for(facts, d, f.id, f.type));
    }
    for (auto& s : attributes) {
        s.given = ctx.bool_const(("attr." + s.id + ".given").c_str());
        s.val = fresh(s.kind, s.enum_index, "attr." + s.id);
        s.val2 = ctx.int_const(("attr." + s.id + ".days").c_str());
    }
    for (auto& s : facts) {
        s.given = ctx.bool_const(("fact." + s.id + ".given").c_str());
        s.val = fresh(s.kind, s.enum_index, "fact." + s.id);
        s.val2 = ctx.int_const(("fact." + s.id + ".days").c_str());
    }
    for (const auto& p : parties)
        consents.push_back(ctx.bool_const(("consent." + p).c_str()));
}

namespace {

z3::expr conjunction(z3::context& ctx, std::initializer_list<const std::vector<z3::expr>*> parts) {
    z3::expr_vector all(ctx);
    for (const auto* part : parts)
        for (const auto& c : *part)
            all.push_back(c);
    return all.empty() ? ctx.bool_val(true) : z3::mk_and(all);
}

} // namespace

z3::expr Space::side_condition() const {
    return conjunction(ctx, {&side_conditions, &lemmas});
}

z3::expr Space::calendar_bounds() const {
    return conjunction(ctx, {&side_conditions});
}

std::vector<z3::expr> Space::refine(const z3::model& model) {
    std::vector<z3::expr> added;
    for (const auto& t : calendar_terms) {
        std::int64_t operand = 0, result = 0;
        if (!model.eval(t.operand, true).is_numeral_i64(operand) ||
            !model.eval(t.result, true).is_numeral_i64(result))
            continue;
        if (operand < first_day.days || operand > last_day.days) continue;
        auto exact = dealcheck::add(Date{static_cast<std::int32_t>(operand)}, t.duration).days;
        if (exact == result) continue;
        added.push_back(
            z3::implies(t.operand == ctx.int_val(operand), t.result == ctx.int_val(exact)));
        lemmas.push_back(added.back());
    }
    return added;
}

unsigned Space::set_width(std::uint32_t e) const {
    return e < enums.size() ? std::max<unsigned>(1, static_cast<unsigned>(enums[e].values.size()))
                            : 1;
}

z3::expr Space::fresh(TypeKind kind, std::uint32_t e, const std::string& name) {
    std::string unique = name + "#" + fresh_tag + std::to_string(fresh_counter_++);
    switch (kind) {
    case TypeKind::Bool:
        return ctx.bool_const(unique.c_str());
    case TypeKind::Number:
        return ctx.real_const(unique.c_str());
    case TypeKind::Set:
        return ctx.bv_const(unique.c_str(), set_width(e));
    default:
        return ctx.int_const(unique.c_str());
    }
}

z3::expr Space::zero(TypeKind kind, std::uint32_t e) {
    switch (kind) {
    case TypeKind::Bool:
        return ctx.bool_val(false);
    case TypeKind::Number:
        return ctx.real_val(0);
    case TypeKind::Set:
        return ctx.bv_val(0, set_width(e));
    default:
        return ctx.int_val(0);
    }
}

Sym Space::constant(std::size_t d, const Value& v, const model::Type& type) {
    std::uint32_t se = (type.kind == TypeKind::Enum || type.kind == TypeKind::Set) &&
                               type.enum_index < enum_map[d].size()
                           ? enum_map[d][type.enum_index]
                           : 0;
    z3::expr t = ctx.bool_val(true), zero_days = ctx.int_val(0);
    switch (v.kind) {
    case ValueKind::Unknown:
        return {ctx.bool_val(false), zero(type.kind, se), zero_days};
    case ValueKind::Bool:
        return {t, ctx.bool_val(v.as_bool()), zero_days};
    case ValueKind::Number:
        return {t, real_of(ctx, v.as_number()), zero_days};
    case ValueKind::Money:
        return {t, ctx.int_val(static_cast<int64_t>(v.payload)), zero_days};
    case ValueKind::Date:
        return {t, ctx.int_val(static_cast<int64_t>(v.payload)), zero_days};
    case ValueKind::Duration: {
        auto dur = v.as_duration();
        return {t, ctx.int_val(dur.months), ctx.int_val(dur.days)};
    }
    case ValueKind::String: {
        auto sym = static_cast<std::uint64_t>(v.payload);
        auto idx = sym < string_map[d].size() ? string_map[d][sym] : other_string();
        return {t, ctx.int_val(idx), zero_days};
    }
    case ValueKind::Party:
        return {t, ctx.int_val(party_map[d][static_cast<std::size_t>(v.payload)]), zero_days};
    case ValueKind::Enum:
        return {t, ctx.int_val(value_map[d][v.aux][static_cast<std::size_t>(v.payload)]),
                zero_days};
    case ValueKind::Set: {
        std::uint32_t space_enum = enum_map[d][v.aux];
        unsigned w = set_width(space_enum);
        auto bits = std::make_unique<bool[]>(w);
        for (unsigned i = 0; i < w; ++i)
            bits[i] = false;
        const auto& values = value_map[d][v.aux];
        for (std::size_t i = 0; i < values.size() && i < 64; ++i)
            if ((v.as_bits() >> i) & 1u) bits[values[i]] = true;
        return {t, ctx.bv_val(w, bits.get()), zero_days};
    }
    }
    return {ctx.bool_val(false), zero(type.kind, se), zero_days};
}

z3::expr Space::recorded(std::size_t d, std::uint32_t f, const z3::expr& when) {
    z3::expr_vector any(ctx);
    for (const auto& k : deals[d]->model.facts[f].known)
        any.push_back(when >= ctx.int_val(k.from.days) && when <= ctx.int_val(k.through.days));
    return any.empty() ? ctx.bool_val(false) : z3::mk_or(any);
}

z3::expr Space::domain(const Slot& s) {
    const z3::expr& v = s.val;
    switch (s.kind) {
    case TypeKind::Bool:
        return ctx.bool_val(true);
    case TypeKind::Enum: {
        z3::expr_vector ok(ctx);
        for (std::size_t i = 0; i < enums[s.enum_index].values.size(); ++i)
            if (enums[s.enum_index].common[i])
                ok.push_back(v == ctx.int_val(static_cast<unsigned>(i)));
        return ok.empty() ? ctx.bool_val(false) : z3::mk_or(ok);
    }
    case TypeKind::Party: {
        z3::expr_vector ok(ctx);
        for (std::size_t i = 0; i < parties.size(); ++i)
            if (party_common[i]) ok.push_back(v == ctx.int_val(static_cast<unsigned>(i)));
        return ok.empty() ? ctx.bool_val(false) : z3::mk_or(ok);
    }
    // What a question can write: amounts and numbers are not negative, and an amount
    // is at most what the 64-bit cents of Money hold. Numbers are unbounded reals;
    // one that a Number cannot hold is refused when the example is re-checked.
    case TypeKind::Money:
        return v >= 0 && v <= ctx.int_val(std::numeric_limits<std::int64_t>::max());
    case TypeKind::Number:
        return v >= 0;
    case TypeKind::Date:
        return v >= ctx.int_val(first_day.days) && v <= ctx.int_val(last_day.days);
    case TypeKind::Duration:
        return (v >= 0 && v <= 12000 && s.val2 == 0) ||
               (v == 0 && s.val2 >= 0 && s.val2 <= 3'650'000);
    case TypeKind::String:
        return v >= 0 && v <= ctx.int_val(other_string());
    case TypeKind::Set: {
        unsigned w = set_width(s.enum_index);
        auto bits = std::make_unique<bool[]>(w);
        for (unsigned i = 0; i < w; ++i)
            bits[i] = i < enums[s.enum_index].values.size() && !enums[s.enum_index].common[i];
        return v != ctx.bv_val(0, w) && (v & ctx.bv_val(w, bits.get())) == ctx.bv_val(0, w);
    }
    default:
        return ctx.bool_val(false);
    }
}

static const model::Attribute* find_attribute(const model::Deal& m, const std::string& action_id,
                                              const std::string& id) {
    for (const auto& a : m.actions)
        if (a.id == action_id)
            for (const auto& attr : a.attributes)
                if (attr.id == id) return &attr;
    return nullptr;
}

bool Space::attribute_allowed(const std::string& action_id, std::uint32_t slot) const {
    if (!attributes[slot].usable) return false;
    for (const auto* d : deals)
        if (!find_attribute(d->model, action_id, attributes[slot].id)) return false;
    return true;
}

// A model's number exactly, as the evaluator reads it back. A rational that is no
// Number (1/3, or more digits than it holds) is written as an exact fraction: the
// re-check then refuses the example rather than accept a rounded neighbour.
static std::string real_text(const z3::expr& r) {
    using boost::multiprecision::cpp_int;
    cpp_int num(r.numerator().get_decimal_string(0)), den(r.denominator().get_decimal_string(0));
    int twos = 0, fives = 0;
    cpp_int rest = den;
    for (; rest % 2 == 0; rest /= 2)
        ++twos;
    for (; rest % 5 == 0; rest /= 5)
        ++fives;
    if (rest == 1) {
        int places = std::max(twos, fives);
        cpp_int scaled = num * boost::multiprecision::pow(cpp_int(10), places) / den;
        NumberError ignored;
        auto n = scaled >= 0 ? parse_number(scaled.str() + "e-" + std::to_string(places), ignored)
                             : std::nullopt;
        if (n) return format_number(*n);
    }
    return num.str() + "/" + den.str();
}

std::string Space::text(const Slot& s, const z3::model& m) const {
    z3::expr v = m.eval(s.val, true);
    auto as_int = [&](const z3::expr& e) {
        std::int64_t out = 0;
        e.is_numeral_i64(out);
        return out;
    };
    switch (s.kind) {
    case TypeKind::Bool:
        return v.is_true() ? "true" : "false";
    case TypeKind::Number:
        return real_text(v);
    case TypeKind::Money:
        return format_money({as_int(v), s.currency ? s.currency : make_currency("USD")});
    case TypeKind::Date:
        return format_date(Date{static_cast<std::int32_t>(as_int(v))});
    case TypeKind::Duration:
        return format_duration({static_cast<std::int32_t>(as_int(v)),
                                static_cast<std::int32_t>(as_int(m.eval(s.val2, true)))});
    case TypeKind::String: {
        auto i = as_int(v);
        return i >= 0 && static_cast<std::size_t>(i) < strings.size()
                   ? strings[static_cast<std::size_t>(i)]
                   : strings.back();
    }
    case TypeKind::Party: {
        auto i = as_int(v);
        return i >= 0 && static_cast<std::size_t>(i) < parties.size()
                   ? parties[static_cast<std::size_t>(i)]
                   : "";
    }
    case TypeKind::Enum: {
        auto i = as_int(v);
        const auto& values = enums[s.enum_index].values;
        return i >= 0 && static_cast<std::size_t>(i) < values.size()
                   ? values[static_cast<std::size_t>(i)]
                   : "";
    }
    case TypeKind::Set: {
        std::string out;
        const auto& values = enums[s.enum_index].values;
        for (unsigned i = 0; i < set_width(s.enum_index) && i < values.size(); ++i)
            if (m.eval(s.val.extract(i, i), true).get_numeral_uint64() == 1)
                out += (out.empty() ? "" : ", ") + values[i];
        return out;
    }
    default:
        return "";
    }
}

std::vector<Date> Space::boundaries(std::size_t d,
                                    const std::vector<std::uint32_t>& clauses) const {
    std::set<std::int32_t> out;
    const auto& cd = *deals[d];
    auto add = [&](Date x) {
        if (x > first_day && x < last_day) out.insert(x.days);
    };
    for (const auto& a : cd.model.agreements)
        add(a.effective);
    for (auto k : clauses) {
        const auto& c = cd.clauses[k];
        add(c.in_force_from);
        add(c.from);
        add(c.superseded_from);
        add(Date{c.until.days + 1});
        add(c.until);
        for (const auto& in : c.when.code)
            if (in.op == Op::Const && in.constant.kind == ValueKind::Date) {
                add(Date{in.constant.as_date().days - 1});
                add(in.constant.as_date());
                add(Date{in.constant.as_date().days + 1});
            }
    }
    for (const auto& f : cd.model.facts)
        for (const auto& k : f.known) {
            add(k.from);
            add(Date{k.through.days + 1});
        }
    std::vector<Date> dates;
    for (auto x : out)
        dates.push_back(Date{x});
    return dates;
}

// ---- Bucket ---------------------------------------------------------------------

Bucket::Bucket(Space& s, std::size_t d, std::uint32_t a, std::uint32_t p, z3::expr when_date)
    : space(s), deal(d), action(a), party(p), date(std::move(when_date)), definite(s.ctx),
      verdict(s.ctx), consent_needed(s.ctx) {
    z3::context& ctx = space.ctx;
    const auto& cd = compiled();
    const auto& m = cd.model;
    auto cands = cd.candidates(action, party);
    clauses.assign(cands.begin(), cands.end());
    {
        auto dv = m.actions[action].default_verdict.value_or(m.default_verdict);
        default_verdict = dv == model::DefaultVerdict::Forbidden ? VerdictKind::Forbidden
                                                                 : VerdictKind::Permitted;
    }
    std::set<std::uint32_t> attrs, facts;
    for (auto c : clauses) {
        const auto& code = cd.clauses[c];
        attrs.insert(code.attributes.begin(), code.attributes.end());
        facts.insert(code.facts.begin(), code.facts.end());
        Tri3 w = condition(code.when);
        when.push_back(w);
        z3::expr window = date >= ctx.int_val(std::max(code.from, code.in_force_from).days) &&
                          date < ctx.int_val(code.superseded_from.days) &&
                          date <= ctx.int_val(code.until.days);
        Tri3 still_open{ctx.bool_val(true), ctx.bool_val(false)};
        for (auto f : code.until_events) {
            Sym e = fact(f);
            still_open = tri_and(still_open, Tri3{e.known && !e.val, e.known && e.val});
        }
        app.push_back(tri_and(Tri3{window, !window}, tri_and(still_open, w)));
        in_window.push_back(window);
        open.push_back(still_open);
    }
    attributes_read.assign(attrs.begin(), attrs.end());
    facts_read.assign(facts.begin(), facts.end());

    z3::expr_vector definite_all(ctx), unknown_any(ctx), forbid(ctx), permit(ctx), consequence(ctx);
    std::vector<z3::expr_vector> needs;
    for (std::size_t i = 0; i < space.parties.size(); ++i)
        needs.emplace_back(ctx);
    for (std::size_t k = 0; k < clauses.size(); ++k) {
        Tri3 over{ctx.bool_val(false), ctx.bool_val(true)};
        for (std::size_t j = 0; j < clauses.size(); ++j) {
            if (j == k) continue;
            const auto& beats = cd.clauses[clauses[j]].beats;
            if (std::binary_search(beats.begin(), beats.end(), clauses[k]))
                over = tri_or(over, app[j]);
        }
        eff.push_back(tri_and(app[k], tri_not(over)));
        const Tri3& e = eff.back();
        definite_all.push_back(e.t || e.f);
        const auto& cl = m.clauses[clauses[k]];
        switch (cl.effect) {
        case model::Effect::Forbid:
            forbid.push_back(e.t);
            break;
        case model::Effect::Permit:
            permit.push_back(e.t);
            break;
        case model::Effect::Consent:
            if (cl.consent_of < space.party_map[deal].size()) {
                auto sp = space.party_map[deal][cl.consent_of];
                permit.push_back(e.t && space.consents[static_cast<int>(sp)]);
                needs[sp].push_back(e.t && !space.consents[static_cast<int>(sp)]);
            }
            break;
        case model::Effect::Grant:
        case model::Effect::Oblige:
            consequence.push_back(e.t);
            break;
        }
    }
    // An open power permits as a permit clause does (evaluator/verdict_rule.hpp), on the
    // days the deal's history has it open: fixed when the deal loads, like a window.
    for (const auto& span : cd.power_open)
        if (span.action == action && span.party == party)
            permit.push_back(date >= ctx.int_val(span.from.days) &&
                             date <= ctx.int_val(span.until.days));
    auto any = [&](z3::expr_vector& v) { return v.empty() ? ctx.bool_val(false) : z3::mk_or(v); };
    definite = definite_all.empty() ? ctx.bool_val(true) : z3::mk_and(definite_all);
    z3::expr_vector any_need(ctx);
    for (auto& n : needs) {
        consent_needed.push_back(any(n));
        any_need.push_back(consent_needed.back());
    }
    verdict =
        z3::ite(!definite, ctx.int_val(verdict_code(VerdictKind::Depends)),
                z3::ite(any(forbid), ctx.int_val(verdict_code(VerdictKind::Forbidden)),
                        z3::ite(any(any_need), ctx.int_val(verdict_code(VerdictKind::NeedsConsent)),
                                z3::ite(any(permit) || any(consequence),
                                        ctx.int_val(verdict_code(VerdictKind::Permitted)),
                                        ctx.int_val(verdict_code(VerdictKind::NotCovered))))));
}

std::optional<std::size_t> Bucket::position(std::uint32_t clause) const {
    auto it = std::find(clauses.begin(), clauses.end(), clause);
    if (it == clauses.end()) return std::nullopt;
    return static_cast<std::size_t>(it - clauses.begin());
}

Tri3 Bucket::condition(const Program& p) {
    z3::context& ctx = space.ctx;
    if (p.empty()) return {ctx.bool_val(true), ctx.bool_val(false)};
    std::vector<std::optional<Sym>> memo(p.code.size());
    return to_tri(translate(p, p.root, memo));
}

Sym Bucket::attribute(std::uint32_t global) {
    z3::context& ctx = space.ctx;
    const auto& m = compiled().model;
    const auto& type = m.attributes[global].type;
    const Slot& s = space.attributes[space.attribute_map[deal][global]];
    const model::Attribute* declared = nullptr;
    for (const auto& a : m.actions[action].attributes)
        if (a.global == global) declared = &a;
    bool has_default = declared && declared->default_text && declared->default_value.known();
    std::uint32_t se = (type.kind == TypeKind::Enum || type.kind == TypeKind::Set)
                           ? space.enum_map[deal][type.enum_index]
                           : 0;
    if (!s.usable) {
        if (has_default) return space.constant(deal, declared->default_value, type);
        return {ctx.bool_val(false), space.zero(type.kind, se), ctx.int_val(0)};
    }
    if (has_default) {
        Sym dflt = space.constant(deal, declared->default_value, type);
        return {ctx.bool_val(true), z3::ite(s.given, s.val, dflt.val),
                z3::ite(s.given, s.val2, dflt.val2)};
    }
    return {s.given, s.val, s.val2};
}

Sym Bucket::fact(std::uint32_t f) {
    z3::context& ctx = space.ctx;
    const auto& fact = compiled().model.facts[f];
    const Slot& s = space.facts[space.fact_map[deal][f]];
    std::uint32_t se = (fact.type.kind == TypeKind::Enum || fact.type.kind == TypeKind::Set)
                           ? space.enum_map[deal][fact.type.enum_index]
                           : 0;
    z3::expr given = s.usable ? s.given : ctx.bool_val(false);
    z3::expr val = s.usable ? s.val : space.zero(fact.type.kind, se);
    z3::expr val2 = s.usable ? s.val2 : ctx.int_val(0);
    z3::expr rec_val = val, rec_val2 = val2;
    z3::expr_vector covered(ctx);
    for (auto k = fact.known.rbegin(); k != fact.known.rend(); ++k) {
        z3::expr in = date >= ctx.int_val(k->from.days) && date <= ctx.int_val(k->through.days);
        Sym kv = space.constant(deal, k->value, fact.type);
        rec_val = z3::ite(in, kv.val, rec_val);
        rec_val2 = z3::ite(in, kv.val2, rec_val2);
        covered.push_back(in);
    }
    z3::expr known = covered.empty() ? given : (given || z3::mk_or(covered));
    return {known, z3::ite(given, val, rec_val), z3::ite(given, val2, rec_val2)};
}

namespace {

int compare_values(const Value& a, const Value& b) {
    if (a.kind == ValueKind::Number) {
        auto c = compare(a.as_number(), b.as_number());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return a.payload < b.payload ? -1 : (a.payload > b.payload ? 1 : 0);
}

} // namespace

// The value of a constant sub-expression, computed as the evaluator would.
std::optional<Value> Bucket::folded(const Program& p, std::uint32_t i) const {
    const Instr& in = p.code[i];
    switch (in.op) {
    case Op::Const:
        if (in.type.kind == TypeKind::List) return std::nullopt;
        return in.constant;
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div: {
        auto l = folded(p, in.a), r = folded(p, in.b);
        if (!l || !r) return std::nullopt;
        return compiler::arithmetic(in.op, *l, *r);
    }
    case Op::Min:
    case Op::Max: {
        std::optional<Value> best;
        for (std::uint32_t k = 0; k < in.b; ++k) {
            auto item = folded(p, p.args[in.slot + k]);
            if (!item) return std::nullopt;
            if (!item->known()) return Value::unknown();
            if (!best || (in.op == Op::Min ? compare_values(*item, *best) < 0
                                           : compare_values(*item, *best) > 0))
                best = item;
        }
        return best;
    }
    default:
        return std::nullopt;
    }
}

Sym Bucket::translate(const Program& p, std::uint32_t i, std::vector<std::optional<Sym>>& memo) {
    if (memo[i]) return *memo[i];
    z3::context& ctx = space.ctx;
    const Instr& in = p.code[i];
    auto enum_of = [&](const model::Type& t) -> std::uint32_t {
        return (t.kind == TypeKind::Enum || t.kind == TypeKind::Set) &&
                       t.enum_index < space.enum_map[deal].size()
                   ? space.enum_map[deal][t.enum_index]
                   : 0;
    };
    auto from_tri = [&](const Tri3& t) { return Sym{t.t || t.f, t.t, ctx.int_val(0)}; };
    auto equal = [&](const Sym& a, const Sym& b, TypeKind kind) {
        if (kind == TypeKind::Duration) return a.val == b.val && a.val2 == b.val2;
        return a.val == b.val;
    };
    // A value the formulas do not follow: anything at all (the evaluator re-checks).
    auto opaque = [&](const model::Type& t, z3::expr known) {
        ++space.opaque_terms;
        return Sym{known, space.fresh(t.kind, enum_of(t), "opaque"),
                   space.fresh(TypeKind::Date, 0, "opaque.days")};
    };
    Sym out{ctx.bool_val(false), space.zero(in.type.kind, enum_of(in.type)), ctx.int_val(0)};
    if (auto c = folded(p, i)) {
        out = space.constant(deal, *c, in.type);
        memo[i] = out;
        return out;
    }
    switch (in.op) {
    case Op::Const:
        break; // a list: only read through InList
    case Op::Attr:
        out = attribute(in.slot);
        break;
    case Op::Fact:
        out = fact(in.slot);
        break;
    case Op::Today:
        out = Sym{ctx.bool_val(true), date, ctx.int_val(0)};
        break;
    case Op::Not:
        out = from_tri(tri_not(to_tri(translate(p, in.a, memo))));
        break;
    case Op::And:
        out = from_tri(tri_and(to_tri(translate(p, in.a, memo)), to_tri(translate(p, in.b, memo))));
        break;
    case Op::Or:
        out = from_tri(tri_or(to_tri(translate(p, in.a, memo)), to_tri(translate(p, in.b, memo))));
        break;
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
        Sym l = translate(p, in.a, memo), r = translate(p, in.b, memo);
        TypeKind kind = p.code[in.a].type.kind;
        z3::expr v(ctx);
        switch (in.op) {
        case Op::Eq:
            v = equal(l, r, kind);
            break;
        case Op::Ne:
            v = !equal(l, r, kind);
            break;
        case Op::Lt:
            v = l.val < r.val;
            break;
        case Op::Le:
            v = l.val <= r.val;
            break;
        case Op::Gt:
            v = l.val > r.val;
            break;
        default:
            v = l.val >= r.val;
            break;
        }
        out = Sym{l.known && r.known, v, ctx.int_val(0)};
        break;
    }
    case Op::InSet: {
        Sym l = translate(p, in.a, memo), r = translate(p, in.b, memo);
        std::uint32_t se = enum_of(p.code[in.b].type);
        z3::expr_vector member(ctx);
        for (unsigned v = 0; v < space.set_width(se); ++v)
            member.push_back(l.val == ctx.int_val(v) && r.val.extract(v, v) == ctx.bv_val(1, 1));
        z3::expr is_member = member.empty() ? ctx.bool_val(false) : z3::mk_or(member);
        out = Sym{l.known && r.known, in.negate ? !is_member : is_member, ctx.int_val(0)};
        break;
    }
    case Op::InList: {
        Sym l = translate(p, in.a, memo);
        TypeKind kind = p.code[in.a].type.kind;
        z3::expr_vector found(ctx), unknown(ctx);
        for (std::uint32_t k = 0; k < in.b; ++k) {
            Sym item = translate(p, p.args[in.slot + k], memo);
            found.push_back(item.known && equal(l, item, kind));
            unknown.push_back(!item.known);
        }
        z3::expr any_found = found.empty() ? ctx.bool_val(false) : z3::mk_or(found);
        z3::expr any_unknown = unknown.empty() ? ctx.bool_val(false) : z3::mk_or(unknown);
        out = Sym{l.known && (any_found || !any_unknown), in.negate ? !any_found : any_found,
                  ctx.int_val(0)};
        break;
    }
    case Op::Add:
    case Op::Sub: {
        Sym l = translate(p, in.a, memo), r = translate(p, in.b, memo);
        z3::expr known = l.known && r.known;
        bool add = in.op == Op::Add;
        switch (in.type.kind) {
        case TypeKind::Date: {
            // Days add as numbers; months follow the calendar (clamped month ends).
            auto dur = folded(p, in.b);
            if (dur && dur->known() && dur->as_duration().months == 0) {
                out = Sym{known, add ? l.val + r.val2 : l.val - r.val2, ctx.int_val(0)};
            } else if (dur && dur->known()) {
                // Months follow the calendar: an opaque day number, bounded by the least
                // and greatest offset the calendar gives (exact enough that the
                // evaluator rarely rejects a guess; when it does, refine() pins the
                // offending point).
                Duration d = dur->as_duration();
                if (!add) d = Duration{-d.months, -d.days};
                out = opaque(in.type, known);
                // Adding months only ever clamps at the ends of the calendar, where the
                // result is 0001-01-01 or 9999-12-31 (plus the days).
                auto [lo, hi] = offset_bounds(d);
                z3::expr low = l.val + lo, high = l.val + hi;
                if (d.months >= 0)
                    low = z3::min(low, ctx.int_val(last_day.days + d.days));
                else
                    high = z3::max(high, ctx.int_val(first_day.days + d.days));
                space.side_conditions.push_back(out.val >= low && out.val <= high);
                space.calendar_terms.push_back({l.val, out.val, d});
            } else {
                out = opaque(in.type, known);
            }
            break;
        }
        case TypeKind::Duration:
            out = Sym{known, add ? l.val + r.val : l.val - r.val,
                      add ? l.val2 + r.val2 : l.val2 - r.val2};
            break;
        case TypeKind::Money:
        case TypeKind::Number:
            out = Sym{known, add ? l.val + r.val : l.val - r.val, ctx.int_val(0)};
            break;
        default:
            out = opaque(in.type, known);
            break;
        }
        break;
    }
    case Op::Mul:
    case Op::Div:
        // Products of two unknowns are not linear: left to the evaluator's re-check.
        out = opaque(in.type, translate(p, in.a, memo).known && translate(p, in.b, memo).known);
        break;
    case Op::Aggregate:
        // What the history adds up to is the evaluator's: any value, known or not.
        out = opaque(in.type, space.fresh(TypeKind::Bool, 0, "aggregate.known"));
        break;
    case Op::Min:
    case Op::Max: {
        z3::expr_vector known(ctx);
        std::optional<z3::expr> best;
        for (std::uint32_t k = 0; k < in.b; ++k) {
            Sym item = translate(p, p.args[in.slot + k], memo);
            known.push_back(item.known);
            if (!best)
                best = item.val;
            else
                best = z3::ite(in.op == Op::Min ? item.val < *best : item.val > *best, item.val,
                               *best);
        }
        if (best) out = Sym{z3::mk_and(known), *best, ctx.int_val(0)};
        break;
    }
    }
    memo[i] = out;
    return out;
}

} // namespace dealcheck::analysis
