#include "question/fast_binder.hpp"

#include "model/value_text.hpp"

#include <algorithm>
#include <cstring>

namespace dealcheck::question {

namespace {

// Eight bytes at a time: names are short, and hashing them is most of a lookup. The
// last (up to) eight bytes are read as two overlapping words, not byte by byte.
std::uint64_t hash_of(std::string_view s) {
    const std::size_t n = s.size();
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    std::uint64_t tail = 0;
    const char* p = s.data() + i;
    const std::size_t left = n - i; // 0 to 8
    if (left >= 4) {
        std::uint32_t lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + left - 4, 4);
        tail = lo | static_cast<std::uint64_t>(hi) << 32;
    } else {
        for (std::size_t k = 0; k < left; ++k)
            tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    }
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

// Whether n bytes at a and b are equal, a word at a time (the last word overlapping)
// rather than by a call to memcmp: names are a few bytes long.
bool same_bytes(const char* a, const char* b, std::size_t n) {
    if (n >= 8) {
        std::uint64_t x, y;
        for (std::size_t i = 0; i + 8 < n; i += 8) {
            std::memcpy(&x, a + i, 8);
            std::memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        std::memcpy(&x, a + n - 8, 8);
        std::memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        std::uint32_t x0, y0, x1, y1;
        std::memcpy(&x0, a, 4);
        std::memcpy(&y0, b, 4);
        std::memcpy(&x1, a + n - 4, 4);
        std::memcpy(&y1, b + n - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// "3B USD", "250M USD", "1.5K EUR": what the expression grammar reads as money, with
// the same exact arithmetic (grammar.cpp's money_literal). Anything else: false, and
// the caller asks model::parse_value.
bool parse_money(std::string_view text, Money& out) {
    std::size_t i = 0, n = text.size();
    auto digit = [&](std::size_t k) { return k < n && text[k] >= '0' && text[k] <= '9'; };
    std::size_t whole_begin = i;
    while (digit(i))
        ++i;
    if (i == whole_begin) return false;
    std::string_view whole = text.substr(whole_begin, i - whole_begin), fraction;
    if (i < n && text[i] == '.') {
        std::size_t f = ++i;
        while (digit(i))
            ++i;
        if (i == f) return false;
        fraction = text.substr(f, i - f);
    }
    std::size_t scale = 2;
    if (i < n) {
        auto unit = std::string_view("KMBT").find(text[i]);
        if (unit != std::string_view::npos) {
            scale += 3 * (unit + 1);
            ++i;
        }
    }
    std::size_t spaces = i;
    while (i < n && (text[i] == ' ' || text[i] == '\t'))
        ++i;
    if (i == spaces || n - i != 3) return false;
    for (std::size_t k = i; k < n; ++k)
        if (text[k] < 'A' || text[k] > 'Z') return false;
    if (fraction.size() > scale) return false; // fractions of a cent, or zeros: the parser decides
    std::int64_t cents = 0;
    auto push = [&](char d) {
        return !__builtin_mul_overflow(cents, 10, &cents) &&
               !__builtin_add_overflow(cents, d - '0', &cents);
    };
    for (char d : whole)
        if (!push(d)) return false;
    for (std::size_t k = 0; k < scale; ++k)
        if (!push(k < fraction.size() ? fraction[k] : '0')) return false;
    out = {cents, make_currency(text.substr(i, 3))};
    return true;
}

// "42", "1.5", "1e26", "3.5E+24": what the expression grammar reads as a number.
bool number_shape(std::string_view t) {
    std::size_t i = 0, n = t.size();
    auto digits = [&] {
        std::size_t from = i;
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
        return i > from;
    };
    if (!digits()) return false;
    if (i < n && t[i] == '.' && (++i, !digits())) return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

} // namespace

bool fold(std::string_view text, char* buf, std::size_t size, std::string_view& out) {
    text = trim(text);
    if (text.size() > size) return false;
    for (std::size_t k = 0; k < text.size(); ++k) {
        char c = text[k];
        buf[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    out = {buf, text.size()};
    return true;
}

void NameTable::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    for (const auto& s : old) {
        if (!s.used) continue;
        std::size_t mask = slots_.size() - 1, k = s.hash & mask;
        while (slots_[k].used)
            k = (k + 1) & mask;
        slots_[k] = s;
    }
}

void NameTable::add(std::string_view key, std::uint32_t value) {
    if (find(key)) return;
    if ((count_ + 1) * 4 > slots_.size()) grow(); // a quarter full: lookups rarely probe twice
    Slot s;
    s.hash = hash_of(key);
    s.offset = static_cast<std::uint32_t>(keys_.size());
    s.length = static_cast<std::uint32_t>(key.size());
    s.value = value;
    s.used = true;
    keys_.append(key);
    std::size_t mask = slots_.size() - 1, k = s.hash & mask;
    while (slots_[k].used)
        k = (k + 1) & mask;
    slots_[k] = s;
    ++count_;
}

std::optional<std::uint32_t> NameTable::find(std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    std::uint64_t h = hash_of(key);
    std::size_t mask = slots_.size() - 1, k = h & mask;
    while (slots_[k].used) {
        const Slot& s = slots_[k];
        if (s.hash == h && s.length == key.size() &&
            same_bytes(keys_.data() + s.offset, key.data(), key.size()))
            return s.value;
        k = (k + 1) & mask;
    }
    return std::nullopt;
}

FastBinder::FastBinder(const CompiledDeal& deal) : deal_(deal) {
    const auto& m = deal.model;
    for (std::uint32_t p = 0; p < m.parties.size(); ++p) {
        const auto& party = m.parties[p];
        parties_.add(lower(party.id), p);
        parties_.add(lower(party.name), p);
        for (const auto& a : party.aliases)
            parties_.add(lower(a), p);
    }
    for (std::uint32_t a = 0; a < m.actions.size(); ++a) {
        actions_.add(m.actions[a].id, a);
        auto& list = attributes_.emplace_back();
        for (const auto& x : m.actions[a].attributes)
            list.push_back({x.id, x.global, x.type, x.default_text.has_value(), x.default_value});
    }
    for (std::uint32_t f = 0; f < m.facts.size(); ++f) {
        facts_.add(m.facts[f].id, f);
        fact_types_.push_back(m.facts[f].type);
    }
    enums_.resize(m.enums.size());
    for (std::uint32_t e = 0; e < m.enums.size(); ++e)
        for (std::uint32_t v = 0; v < m.enums[e].values.size(); ++v) {
            const auto& val = m.enums[e].values[v];
            enums_[e].add(lower(val.id), v);
            if (!val.label.empty()) enums_[e].add(lower(val.label), v);
            for (const auto& a : val.aliases)
                enums_[e].add(lower(a), v);
        }
}

std::optional<std::uint32_t> FastBinder::party(std::string_view text) const {
    char buf[128];
    std::string_view key;
    if (!fold(text, buf, sizeof buf, key)) return std::nullopt;
    return parties_.find(key);
}

bool FastBinder::value(const model::Type& type, std::string_view text, Value& out) const {
    std::string_view t = trim(text);
    switch (type.kind) {
    case model::TypeKind::Bool:
        if (t == "true")
            out = Value::boolean(true);
        else if (t == "false")
            out = Value::boolean(false);
        else
            return false;
        return true;
    case model::TypeKind::Party:
        if (auto p = party(t)) {
            out = Value::party(*p);
            return true;
        }
        return false;
    case model::TypeKind::Enum: {
        char buf[128];
        std::string_view key;
        if (!fold(t, buf, sizeof buf, key)) return false;
        if (auto v = enums_[type.enum_index].find(key)) {
            out = Value::enumerated(type.enum_index, *v);
            return true;
        }
        return false;
    }
    case model::TypeKind::Money: {
        Money money;
        if (parse_money(t, money) && (type.currency == 0 || money.currency == type.currency)) {
            out = Value::money(money);
            return true;
        }
        break;
    }
    case model::TypeKind::Number: {
        NumberError error; // too many digits: the reader below says so
        if (!number_shape(t)) break;
        if (auto n = parse_number(t, error)) {
            out = Value::number(*n);
            return true;
        }
        break;
    }
    case model::TypeKind::Date:
        if (auto d = parse_date(t)) {
            out = Value::date(*d);
            return true;
        }
        break;
    default:
        break;
    }
    // Numbers, durations, strings, sets and unusual spellings: the binder's own reader.
    auto v = model::parse_value(deal_.model, type, text, deal_.strings);
    if (!v.value) return false;
    out = *v.value;
    return true;
}

bool FastBinder::bind(const JsonLine& q, Date today, evaluator::BoundQuestion& b) const {
    const auto& m = deal_.model;
    if (q.has(JsonLine::Phrase) || !q.readings.empty()) return false;
    auto p = party(q.party);
    auto a = actions_.find(q.action);
    if (!p || !a) return false;
    b.party = *p;
    b.action = *a;
    const auto& attributes = attributes_[*a];

    b.attributes.assign(m.attributes.size(), Value::unknown());
    std::uint64_t given = 0; // the action's attributes the question names, by position
    for (const auto& [name, text] : q.attributes) {
        auto attr =
            std::find_if(attributes.begin(), attributes.end(), [&name = name](const auto& x) {
                return x.id.size() == name.size() &&
                       same_bytes(x.id.data(), name.data(), name.size());
            });
        if (attr == attributes.end()) return false;
        auto k = static_cast<std::size_t>(attr - attributes.begin());
        if (k < 64) given |= 1ull << k;
        if (text == "unknown") continue;
        if (!value(attr->type, text, b.attributes[attr->global])) return false;
    }
    // Attributes the question leaves out take their declared default.
    for (std::size_t k = 0; k < attributes.size(); ++k) {
        const auto& attr = attributes[k];
        if (!attr.has_default) continue;
        bool named = k < 64
                         ? ((given >> k) & 1u) != 0
                         : std::any_of(q.attributes.begin(), q.attributes.end(),
                                       [&](const JsonLine::Pair& x) { return x.name == attr.id; });
        if (!named) b.attributes[attr.global] = attr.default_value;
    }

    b.facts.assign(m.facts.size(), Value::unknown());
    for (const auto& [name, text] : q.facts) {
        auto f = facts_.find(name);
        if (!f) return false;
        if (text == "unknown") {
            b.facts[*f] = Value::stated_unknown();
            continue;
        }
        if (!value(fact_types_[*f], text, b.facts[*f])) return false;
    }

    b.consents = 0;
    for (auto c : q.consents) {
        auto cp = party(c);
        if (!cp) return false;
        b.consents |= 1ull << *cp;
    }
    if (q.has(JsonLine::Date)) {
        b.date = q.date_value; // checked by the reader
        b.date_is_today = false;
    } else {
        b.date = today;
        b.date_is_today = true;
    }
    return true;
}

} // namespace dealcheck::question
