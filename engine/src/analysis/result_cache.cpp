#include "analysis/result_cache.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dealcheck::analysis {

namespace {

constexpr const char* magic = "dealcheck-analysis-cache 2";

// Tokens: numbers, and strings as LENGTH:BYTES.
class Writer {
  public:
    Writer& number(std::int64_t n) {
        out_ << n << ' ';
        return *this;
    }
    Writer& text(const std::string& s) {
        out_ << s.size() << ':' << s << ' ';
        return *this;
    }
    void line() { out_ << '\n'; }
    std::string str() const { return out_.str(); }

  private:
    std::ostringstream out_;
};

class Reader {
  public:
    explicit Reader(std::string text) : s_(std::move(text)) {}
    bool ok() const { return ok_; }
    bool at_end() {
        skip();
        return i_ >= s_.size();
    }
    std::int64_t number() {
        skip();
        std::size_t used = 0;
        std::int64_t n = 0;
        try {
            n = std::stoll(s_.substr(i_, 24), &used);
        } catch (const std::exception&) {
            ok_ = false;
            return 0;
        }
        i_ += used;
        return n;
    }
    std::string text() {
        auto n = number();
        if (!ok_ || i_ >= s_.size() || s_[i_] != ':' || n < 0 ||
            static_cast<std::size_t>(n) > s_.size() - i_ - 1) {
            ok_ = false;
            return {};
        }
        auto out = s_.substr(i_ + 1, static_cast<std::size_t>(n));
        i_ += 1 + static_cast<std::size_t>(n);
        return out;
    }
    // A count of items that follow, each at least `min_bytes` long: bounded by what is left.
    std::size_t count(std::size_t min_bytes = 2) {
        auto n = number();
        if (n < 0 || static_cast<std::size_t>(n) > (s_.size() - i_) / min_bytes + 1) ok_ = false;
        return ok_ ? static_cast<std::size_t>(n) : 0;
    }

  private:
    void skip() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n'))
            ++i_;
    }
    std::string s_;
    std::size_t i_ = 0;
    bool ok_ = true;
};

void write_map(Writer& w, const std::map<std::string, std::string>& m) {
    w.number(static_cast<std::int64_t>(m.size()));
    for (const auto& [k, v] : m)
        w.text(k).text(v);
}

std::map<std::string, std::string> read_map(Reader& r) {
    std::map<std::string, std::string> m;
    for (std::size_t n = r.count(4); r.ok() && n > 0; --n) {
        auto k = r.text();
        m[k] = r.text();
    }
    return m;
}

void write_question(Writer& w, const Question& q) {
    w.text(q.party).text(q.action).number(q.date ? q.date->days : 0);
    write_map(w, q.attributes);
    write_map(w, q.facts);
    w.number(static_cast<std::int64_t>(q.consents.size()));
    for (const auto& c : q.consents)
        w.text(c);
    w.number(static_cast<std::int64_t>(q.readings.size()));
    for (const auto& c : q.readings)
        w.text(c);
}

Question read_question(Reader& r) {
    Question q;
    q.party = r.text();
    q.action = r.text();
    q.date = Date{static_cast<std::int32_t>(r.number())};
    q.attributes = read_map(r);
    q.facts = read_map(r);
    for (std::size_t n = r.count(); r.ok() && n > 0; --n)
        q.consents.push_back(r.text());
    for (std::size_t n = r.count(); r.ok() && n > 0; --n)
        q.readings.push_back(r.text());
    return q;
}

} // namespace

Fingerprint ResultCache::key(const Fingerprint& bucket, const CompiledDeal& cd,
                             const BucketPlan& plan, const AnalysisOptions& options) {
    Hasher h;
    h.bytes(magic)
        .number(static_cast<std::int64_t>(bucket.hi))
        .number(static_cast<std::int64_t>(bucket.lo))
        .number(options.timeout_ms)
        .number(options.solver_steps);
    for (const auto& c : plan.checks)
        h.number(static_cast<int>(c.kind))
            .text(cd.model.clauses[c.clause].id)
            .text(cd.model.clauses[c.other].id);
    return h.done();
}

ResultCache ResultCache::load(const std::string& path) {
    ResultCache cache;
    std::ifstream in(path, std::ios::binary);
    if (!in) return cache;
    std::string first;
    std::getline(in, first);
    if (first != magic) return cache;
    std::ostringstream rest;
    rest << in.rdbuf();
    Reader r(rest.str());
    while (r.ok() && !r.at_end()) {
        auto hi = static_cast<std::uint64_t>(r.number());
        auto lo = static_cast<std::uint64_t>(r.number());
        Entry e;
        for (std::size_t n = r.count(); r.ok() && n > 0; --n) {
            CheckResult c;
            auto outcome = r.number(), why = r.number();
            if (outcome < 0 || outcome > static_cast<int>(Outcome::Yes) || why < 0 ||
                why > static_cast<int>(DeadWhy::AfterEnd))
                return {};
            c.outcome = static_cast<Outcome>(outcome);
            c.why = static_cast<DeadWhy>(why);
            c.hypothetical = r.number() != 0;
            if (r.number() != 0) c.example = read_question(r);
            e.result.results.push_back(std::move(c));
        }
        if (!r.ok()) return {};
        cache.entries_[{hi, lo}] = std::move(e);
    }
    return r.ok() ? cache : ResultCache{};
}

const BucketResult* ResultCache::find(const Fingerprint& key) {
    auto it = entries_.find({key.hi, key.lo});
    if (it == entries_.end()) return nullptr;
    it->second.used = true;
    return &it->second.result;
}

void ResultCache::put(const Fingerprint& key, BucketResult result) {
    for (const auto& c : result.results)
        if (c.outcome == Outcome::TimeLimit || c.outcome == Outcome::Failed) return;
    result.stats = {};
    entries_[{key.hi, key.lo}] = Entry{std::move(result), true};
}

bool ResultCache::save(const std::string& path) const {
    Writer w;
    for (const auto& [key, e] : entries_) {
        if (!e.used) continue;
        w.number(static_cast<std::int64_t>(key.first))
            .number(static_cast<std::int64_t>(key.second))
            .number(static_cast<std::int64_t>(e.result.results.size()));
        for (const auto& c : e.result.results) {
            w.number(static_cast<int>(c.outcome))
                .number(static_cast<int>(c.why))
                .number(c.hypothetical)
                .number(c.example.has_value());
            if (c.example) write_question(w, *c.example);
        }
        w.line();
    }
    std::error_code ec;
    auto target = std::filesystem::path(path);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
    auto tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out << magic << '\n' << w.str();
        if (!out.flush()) return false;
    }
    std::filesystem::rename(tmp, target, ec);
    return !ec;
}

} // namespace dealcheck::analysis
