#include "analysis/fingerprint.hpp"

#include <algorithm>
#include <cstdio>

namespace dealcheck::analysis {

std::string Fingerprint::hex() const {
    char out[33];
    std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(hi),
                  static_cast<unsigned long long>(lo));
    return out;
}

// Two FNV-1a lanes with different primes and seeds, each byte mixed into both.
Hasher& Hasher::bytes(std::string_view s) {
    for (unsigned char c : s) {
        hi_ = (hi_ ^ c) * 0x100000001b3ull;
        lo_ = (lo_ ^ c) * 0x9e3779b97f4a7c15ull;
        lo_ ^= lo_ >> 29;
    }
    return *this;
}

Hasher& Hasher::number(std::int64_t n) {
    char b[8];
    for (int i = 0; i < 8; ++i)
        b[i] = static_cast<char>((static_cast<std::uint64_t>(n) >> (8 * i)) & 0xff);
    return bytes({b, 8});
}

namespace {

void hash_type(Hasher& h, const model::Type& t) {
    h.number(static_cast<int>(t.kind))
        .number(t.enum_index)
        .number(t.currency)
        .number(static_cast<int>(t.element));
}

void hash_value(Hasher& h, const Value& v) {
    h.number(static_cast<int>(v.kind)).number(v.aux).number(v.payload);
}

// Indexes into the deal's tables are hashed as numbers: the deal-wide part fixes the
// tables they index. A sum or count brings the events it ranges over.
void hash_program(Hasher& h, const compiler::Program& p, const compiler::History& history) {
    h.number(static_cast<std::int64_t>(p.aggregates.size()));
    for (const auto& a : p.aggregates) {
        h.number(a.count).number(a.action).number(a.attribute).number(a.party);
        hash_value(h, a.zero);
        hash_program(h, a.filter, history);
        h.number(static_cast<int>(a.window))
            .number(a.within.months)
            .number(a.within.days)
            .number(a.since.days);
        if (a.table >= history.tables.size()) {
            h.number(-1);
            continue;
        }
        const auto& t = history.tables[a.table];
        h.number(static_cast<std::int64_t>(t.dates.size()));
        for (std::size_t i = 0; i < t.dates.size(); ++i) {
            h.number(t.dates[i].days);
            if (i < t.values.size()) hash_value(h, t.values[i]);
        }
    }
    h.number(static_cast<std::int64_t>(p.code.size())).number(p.root);
    for (const auto& in : p.code) {
        h.number(static_cast<int>(in.op))
            .number(in.negate)
            .number(in.a)
            .number(in.b)
            .number(in.slot);
        hash_type(h, in.type);
        hash_value(h, in.constant);
    }
    h.number(static_cast<std::int64_t>(p.args.size()));
    for (auto a : p.args)
        h.number(a);
}

template <class T> void hash_numbers(Hasher& h, const std::vector<T>& v) {
    h.number(static_cast<std::int64_t>(v.size()));
    for (auto x : v)
        h.number(static_cast<std::int64_t>(x));
}

} // namespace

Fingerprinter::Fingerprinter(const CompiledDeal& cd) : cd_(cd) {
    const auto& m = cd.model;
    Hasher h;
    h.number(static_cast<int>(m.default_verdict));
    h.number(static_cast<std::int64_t>(m.parties.size()));
    for (const auto& p : m.parties)
        h.text(p.id);
    h.number(static_cast<std::int64_t>(m.actions.size()));
    for (const auto& a : m.actions)
        h.text(a.id);
    h.number(static_cast<std::int64_t>(m.enums.size()));
    for (const auto& e : m.enums) {
        h.text(e.id).number(static_cast<std::int64_t>(e.values.size()));
        for (const auto& v : e.values)
            h.text(v.id);
    }
    h.number(static_cast<std::int64_t>(m.attributes.size()));
    for (const auto& a : m.attributes) {
        h.text(a.id);
        hash_type(h, a.type);
    }
    h.number(static_cast<std::int64_t>(m.facts.size()));
    for (const auto& f : m.facts) {
        h.text(f.id).number(f.is_reading);
        hash_type(h, f.type);
        h.number(static_cast<std::int64_t>(f.known.size()));
        for (const auto& k : f.known) {
            h.number(k.from.days).number(k.through.days);
            hash_value(h, k.value);
        }
    }
    h.number(static_cast<std::int64_t>(cd.strings.size()));
    for (const auto& s : cd.strings)
        h.text(s);
    // Gaps are looked for from the first agreement on.
    Date start = last_day;
    for (const auto& a : m.agreements)
        start = std::min(start, a.effective);
    h.number(m.agreements.empty() ? first_day.days : start.days);
    deal_ = h.done();
}

void Fingerprinter::action_part(Hasher& h, std::uint32_t action, std::uint32_t party) const {
    const auto& act = cd_.model.actions[action];
    h.number(static_cast<std::int64_t>(deal_.hi)).number(static_cast<std::int64_t>(deal_.lo));
    h.number(action).number(party).number(act.covered);
    h.number(act.default_verdict ? 1 + static_cast<int>(*act.default_verdict) : 0);
    h.number(static_cast<std::int64_t>(act.attributes.size()));
    for (const auto& a : act.attributes) {
        h.number(a.global).number(a.default_text.has_value());
        hash_value(h, a.default_value);
    }
    // An open power permits on its days as a permit clause does.
    for (const auto& span : cd_.power_open)
        if (span.action == action && span.party == party)
            h.number(span.from.days).number(span.until.days);
    h.number(-1);
}

void Fingerprinter::clause_part(Hasher& h, std::uint32_t k) const {
    const auto& c = cd_.model.clauses[k];
    const auto& code = cd_.clauses[k];
    h.text(c.id)
        .number(static_cast<int>(c.effect))
        .number(static_cast<int>(c.tag))
        .number(c.party)
        .number(c.consent_of)
        .number(c.consequence.has_value());
    hash_numbers(h, c.actions);
    hash_program(h, code.when, cd_.history);
    h.number(code.from.days)
        .number(code.until.days)
        .number(code.in_force_from.days)
        .number(code.superseded_from.days)
        .number(code.consequence_until.days);
    hash_numbers(h, code.until_events);
    hash_numbers(h, code.consequence_events);
    hash_numbers(h, code.facts);
    hash_numbers(h, code.attributes);
}

Fingerprint Fingerprinter::bucket(std::uint32_t action, std::uint32_t party) const {
    Hasher h;
    action_part(h, action, party);
    auto cands = cd_.candidates(action, party);
    h.number(static_cast<std::int64_t>(cands.size()));
    for (auto k : cands) {
        clause_part(h, k);
        // The exceptions among the bucket's clauses, by position.
        const auto& beats = cd_.clauses[k].beats;
        for (std::size_t j = 0; j < cands.size(); ++j)
            if (std::binary_search(beats.begin(), beats.end(), cands[j]))
                h.number(static_cast<std::int64_t>(j));
        h.number(-1);
    }
    return h.done();
}

Fingerprint Fingerprinter::context(std::uint32_t action, std::uint32_t party) const {
    Hasher h;
    action_part(h, action, party);
    return h.done();
}

Fingerprint Fingerprinter::clause(std::uint32_t action, std::uint32_t party,
                                  std::uint32_t k) const {
    Hasher h;
    action_part(h, action, party);
    clause_part(h, k);
    // The clauses it is an exception to, by id: positions differ between versions.
    for (auto j : cd_.clauses[k].beats)
        h.text(cd_.model.clauses[j].id);
    return h.done();
}

} // namespace dealcheck::analysis
