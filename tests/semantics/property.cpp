#include "property.hpp"

#include "temp_dir.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace dealcheck::semantics {

namespace {

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

// The first failure of the property on the deal's questions, if any.
std::optional<Counterexample> first_failure(const Property& property, const DealSpec& spec,
                                            const std::vector<Question>& questions,
                                            std::size_t& cases) {
    std::string error;
    auto deal = load_deal(spec, &error);
    if (!deal) return Counterexample{spec, {}, "the generated deal does not load:\n" + error};
    for (const auto& q : questions) {
        ++cases;
        auto why = property(Case{spec, *deal, q});
        if (!why.empty()) return Counterexample{spec, q, why};
    }
    return std::nullopt;
}

// Whether the property still fails on this smaller deal and question (the deal must
// load: a shrink never trades the failure for a load error).
std::optional<std::string> still_fails(const Property& property, const DealSpec& spec,
                                       const Question& q) {
    auto deal = load_deal(spec);
    if (!deal) return std::nullopt;
    auto why = property(Case{spec, *deal, q});
    if (why.empty()) return std::nullopt;
    return why;
}

void erase_id(std::vector<std::string>& ids, const std::string& id) {
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

// The deal without one clause, and without every reference to it: a clause that
// amended it writes its full terms instead.
DealSpec without_clause(DealSpec spec, std::size_t agreement, std::size_t clause) {
    auto& clauses = spec.agreements[agreement].clauses;
    std::string id = clauses[clause].id;
    clauses.erase(clauses.begin() + static_cast<std::ptrdiff_t>(clause));
    for (auto& a : spec.agreements) {
        erase_id(a.terminates, id);
        for (auto& c : a.clauses) {
            erase_id(c.exception_to, id);
            erase_id(c.replaces, id);
            if (c.amends == id) {
                c.amends.clear();
                c.writes.clear();
            }
        }
    }
    return spec;
}

// The deal without one obligation: what its violation or fulfilment triggered is
// triggered on its agreement's date instead, and the powers it opened go with it.
DealSpec without_obligation(DealSpec spec, std::size_t agreement, std::size_t obligation) {
    auto& obligations = spec.agreements[agreement].obligations;
    std::string id = obligations[obligation].id;
    obligations.erase(obligations.begin() + static_cast<std::ptrdiff_t>(obligation));
    for (auto& a : spec.agreements) {
        erase_id(a.terminates, id);
        for (auto& o : a.obligations)
            if (o.trigger.obligation == id) o.trigger = {"date", "effective", {}, {}, {}};
        for (auto& w : a.powers)
            erase_id(w.obligations, id);
        std::erase_if(a.powers, [&](const PowerSpec& w) {
            return (w.opened_by_kind == "violated" && w.opened_by == id) ||
                   (w.effect != "terminate" && w.obligations.empty());
        });
    }
    return spec;
}

// The deal without one power, and the powers it opened.
DealSpec without_power(DealSpec spec, std::size_t agreement, std::size_t power) {
    auto& powers = spec.agreements[agreement].powers;
    std::string id = powers[power].id;
    powers.erase(powers.begin() + static_cast<std::ptrdiff_t>(power));
    for (auto& a : spec.agreements)
        std::erase_if(a.powers, [&](const PowerSpec& w) {
            return w.opened_by_kind == "exercised" && w.opened_by == id;
        });
    return spec;
}

// Every deal one step smaller than `spec`.
std::vector<DealSpec> smaller_deals(const DealSpec& spec) {
    std::vector<DealSpec> out;
    for (std::size_t a = 0; a < spec.agreements.size(); ++a) {
        for (std::size_t k = 0; k < spec.agreements[a].obligations.size(); ++k)
            out.push_back(without_obligation(spec, a, k));
        for (std::size_t k = 0; k < spec.agreements[a].powers.size(); ++k)
            out.push_back(without_power(spec, a, k));
    }
    if (!spec.holidays.empty() || !spec.weekend.empty()) {
        auto s = spec;
        s.holidays.clear();
        s.weekend.clear();
        out.push_back(std::move(s));
    }
    for (std::size_t e = 0; e < spec.history.size(); ++e) {
        auto s = spec;
        s.history.erase(s.history.begin() + static_cast<std::ptrdiff_t>(e));
        out.push_back(std::move(s));
    }
    for (std::size_t a = 0; a < spec.agreements.size(); ++a) {
        const auto& ag = spec.agreements[a];
        if (ag.clauses.empty() && ag.terminates.empty() && ag.obligations.empty() &&
            ag.powers.empty() && spec.agreements.size() > 1) {
            auto s = spec;
            s.agreements.erase(s.agreements.begin() + static_cast<std::ptrdiff_t>(a));
            out.push_back(std::move(s));
        }
        for (std::size_t t = 0; t < ag.terminates.size(); ++t) {
            auto s = spec;
            auto& ts = s.agreements[a].terminates;
            ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(t));
            out.push_back(std::move(s));
        }
        for (std::size_t k = 0; k < ag.clauses.size(); ++k)
            out.push_back(without_clause(spec, a, k));
        for (std::size_t k = 0; k < ag.clauses.size(); ++k) {
            const auto& c = ag.clauses[k];
            auto edit = [&](auto change) {
                auto s = spec;
                change(s.agreements[a].clauses[k]);
                out.push_back(std::move(s));
            };
            for (std::size_t i = 0; i < c.when.size(); ++i)
                edit([i](ClauseSpec& x) {
                    x.when.erase(x.when.begin() + static_cast<std::ptrdiff_t>(i));
                });
            for (std::size_t i = 0; i < c.until.size(); ++i)
                edit([i](ClauseSpec& x) {
                    x.until.erase(x.until.begin() + static_cast<std::ptrdiff_t>(i));
                });
            for (std::size_t i = 0; i < c.exception_to.size(); ++i)
                edit([i](ClauseSpec& x) {
                    x.exception_to.erase(x.exception_to.begin() + static_cast<std::ptrdiff_t>(i));
                });
            for (std::size_t i = 0; i < c.replaces.size(); ++i)
                edit([i](ClauseSpec& x) {
                    x.replaces.erase(x.replaces.begin() + static_cast<std::ptrdiff_t>(i));
                });
            if (!c.from.empty()) edit([](ClauseSpec& x) { x.from.clear(); });
            if (c.consequence && !c.consequence->until.empty())
                edit([](ClauseSpec& x) { x.consequence->until.clear(); });
            if (c.actions.size() > 1) edit([](ClauseSpec& x) { x.actions.pop_back(); });
        }
    }
    return out;
}

// Every question one step smaller than `q`.
std::vector<Question> smaller_questions(const Question& q) {
    std::vector<Question> out;
    for (const auto& [name, value] : q.attributes) {
        auto s = q;
        s.attributes.erase(name);
        out.push_back(std::move(s));
    }
    for (const auto& [name, value] : q.facts) {
        auto s = q;
        s.facts.erase(name);
        out.push_back(std::move(s));
    }
    for (std::size_t k = 0; k < q.consents.size(); ++k) {
        auto s = q;
        s.consents.erase(s.consents.begin() + static_cast<std::ptrdiff_t>(k));
        out.push_back(std::move(s));
    }
    if (!q.readings.empty()) {
        auto s = q;
        s.readings.clear();
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

Outcome run(const Property& property, const RunOptions& options) {
    Outcome outcome;
    for (std::size_t d = 0; d < options.deals && !outcome.failure; ++d) {
        auto seed = options.first_seed + d;
        auto spec = generate_deal(seed, options.generator);
        auto questions = generate_questions(spec, seed, options.questions_per_deal);
        outcome.failure = first_failure(property, spec, questions, outcome.cases);
    }
    if (outcome.failure && !outcome.failure->question.action.empty())
        outcome.failure = shrink(std::move(*outcome.failure), property, options.shrink_budget);
    return outcome;
}

Counterexample shrink(Counterexample failure, const Property& property, int budget) {
    // Greedy: take the first smaller case that still fails, until none does. Bounded,
    // so that a slow property cannot stall the run.
    while (budget > 0) {
        bool smaller = false;
        for (auto& spec : smaller_deals(failure.spec)) {
            if (--budget <= 0) break;
            if (auto why = still_fails(property, spec, failure.question)) {
                failure = {std::move(spec), failure.question, *why};
                smaller = true;
                break;
            }
        }
        if (!smaller)
            for (auto& q : smaller_questions(failure.question)) {
                if (--budget <= 0) break;
                if (auto why = still_fails(property, failure.spec, q)) {
                    failure = {failure.spec, std::move(q), *why};
                    smaller = true;
                    break;
                }
            }
        if (!smaller) break;
    }
    return failure;
}

std::string question_text(const Question& q) {
    std::ostringstream out;
    out << "{\"party\": " << quoted(q.party) << ", \"action\": " << quoted(q.action);
    if (q.date) out << ", \"date\": " << quoted(format_date(*q.date));
    auto map = [&](const char* key, const std::map<std::string, std::string>& values) {
        out << ", \"" << key << "\": {";
        const char* sep = "";
        for (const auto& [name, value] : values) {
            out << sep << quoted(name) << ": " << quoted(value);
            sep = ", ";
        }
        out << "}";
    };
    auto list = [&](const char* key, const std::vector<std::string>& values) {
        out << ", \"" << key << "\": [";
        for (std::size_t k = 0; k < values.size(); ++k)
            out << (k ? ", " : "") << quoted(values[k]);
        out << "]";
    };
    map("attributes", q.attributes);
    map("facts", q.facts);
    list("consents", q.consents);
    list("readings", q.readings);
    out << "}";
    return out.str();
}

std::string report(const Counterexample& failure) {
    std::ostringstream out;
    out << failure.why << "\n\nShrunk deal (" << failure.spec.agreements.size() << " agreements):\n"
        << deal_text(failure.spec) << "Question (dealcheck ask --file):\n"
        << question_text(failure.question) << "\n";
    return out.str();
}

std::size_t deal_count(std::size_t fallback) {
    if (const char* n = std::getenv("DEALCHECK_DIFFTEST_DEALS"))
        if (auto v = std::strtoul(n, nullptr, 10); v > 0) return v;
#ifdef DEALCHECK_DIFFTEST_SANITIZED
    return std::max<std::size_t>(1, fallback / 4);
#else
    return fallback;
#endif
}

std::string schema_errors(const std::string& schema, const std::vector<std::string>& documents) {
    test::TempDir dir;
    auto lines = dir.path() / "documents.jsonl", out = dir.path() / "validator.txt";
    {
        std::ofstream f(lines);
        for (const auto& d : documents)
            f << d << "\n";
    }
    auto command = std::string(DEALCHECK_PYTHON) + " " + DEALCHECK_VALIDATOR + " " + schema + " " +
                   lines.string() + " > " + out.string() + " 2>&1";
    int status = std::system(command.c_str());
    std::ifstream f(out);
    std::string report((std::istreambuf_iterator<char>(f)), {});
    return status == 0 ? std::string{} : report.empty() ? "the validator did not run" : report;
}

} // namespace dealcheck::semantics
