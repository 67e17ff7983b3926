// Collects the fields on which an implementation under test and its reference differ,
// as the one-line explanations a property returns.
#pragma once

#include "dealcheck/answer.hpp"
#include "property.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace dealcheck::semantics {

inline std::string show(VerdictKind v) {
    return std::string(to_string(v));
}
inline std::string show(const std::string& s) {
    return s;
}
inline std::string show(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t k = 0; k < items.size(); ++k)
        out += (k ? ", " : "") + items[k];
    return out + "]";
}

class Differences {
  public:
    template <class T> void compare(const char* what, const T& tested, const T& reference) {
        if (!(tested == reference))
            out_ << what << ": " << show(tested) << ", the reference gives " << show(reference)
                 << "\n";
    }
    void note(const std::string& text) { out_ << text << "\n"; }
    // Empty when nothing differed; else the differences after `context`.
    std::string str(const std::string& context) const {
        auto s = out_.str();
        return s.empty() ? s : context + "\n" + s;
    }

  private:
    std::ostringstream out_;
};

inline std::vector<std::string> clause_ids(const std::vector<ClauseRef>& clauses) {
    std::vector<std::string> out;
    for (const auto& c : clauses)
        out.push_back(c.id);
    return out;
}

inline std::vector<std::string> dependency_names(const Answer& a) {
    std::vector<std::string> out;
    for (const auto& d : a.depends_on)
        out.push_back(d.name);
    return out;
}

// The property held on every generated case (and there were cases).
inline void require_holds(const Outcome& outcome, std::size_t at_least) {
    if (outcome.failure) FAIL(report(*outcome.failure));
    CHECK(outcome.cases >= at_least);
}

// Negative control: fed a wrong implementation, the property does report it (on a deal
// that loads and a question that binds).
inline void require_caught(const Outcome& outcome) {
    REQUIRE(outcome.failure);
    INFO(report(*outcome.failure));
    CHECK_FALSE(outcome.failure->why.starts_with("the generated deal does not load"));
    CHECK_FALSE(outcome.failure->why.starts_with("the question does not bind"));
}

} // namespace dealcheck::semantics
