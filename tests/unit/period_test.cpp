// Questions over a period: the timeline cut to the period (evaluator::clip), and
// Deal::ask_period built on it, each part held to `ask` on every one of its days.
#include "evaluator/period.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace dealcheck;
using namespace dealcheck::test;

namespace {

using Spans = std::vector<std::pair<std::string, std::string>>;

Spans dates(const std::vector<evaluator::PeriodSpan>& spans) {
    Spans out;
    for (const auto& s : spans)
        out.emplace_back(format_date(s.from), format_date(s.until));
    return out;
}

TimelineInterval interval(std::optional<std::string> from, std::optional<std::string> until,
                          VerdictKind verdict, std::string change = {}) {
    TimelineInterval i;
    if (from) i.from = date(*from);
    if (until) i.until = date(*until);
    i.verdict = verdict;
    if (!change.empty()) i.changes.push_back(std::move(change));
    return i;
}

// Before the deal; forbidden from 2021; permitted, open-ended, from 2025-07-01.
Timeline three_intervals() {
    Timeline t;
    t.intervals.push_back(interval(std::nullopt, "2020-12-31", VerdictKind::NotCovered));
    t.intervals.push_back(
        interval("2021-01-01", "2025-06-30", VerdictKind::Forbidden, "first takes effect"));
    t.intervals.push_back(
        interval("2025-07-01", std::nullopt, VerdictKind::Permitted, "ban ends (last day ...)"));
    return t;
}

Period period(std::string_view from, std::string_view until) {
    return Period{date(from), date(until)};
}

// The spans follow one another day after day from the period's first to its last.
void check_covers(const std::vector<evaluator::PeriodSpan>& spans, const Period& p) {
    REQUIRE(!spans.empty());
    CHECK(spans.front().from == p.from);
    CHECK(spans.back().until == p.until);
    for (std::size_t k = 0; k < spans.size(); ++k) {
        CHECK(spans[k].from <= spans[k].until);
        if (k) CHECK(spans[k].from.days == spans[k - 1].until.days + 1);
    }
}

} // namespace

TEST_CASE("clip: a period inside one interval is one span, without changes", "[period]") {
    auto p = period("2022-03-01", "2022-03-31");
    auto spans = evaluator::clip(three_intervals(), p);
    check_covers(spans, p);
    CHECK(dates(spans) == Spans{{"2022-03-01", "2022-03-31"}});
    CHECK(spans[0].changes.empty());
}

TEST_CASE("clip: a period spanning a change is cut on the day of the change", "[period]") {
    auto p = period("2025-01-01", "2025-12-31");
    auto spans = evaluator::clip(three_intervals(), p);
    check_covers(spans, p);
    CHECK(dates(spans) == Spans{{"2025-01-01", "2025-06-30"}, {"2025-07-01", "2025-12-31"}});
    CHECK(spans[0].changes.empty()); // the period starts inside the interval
    CHECK(spans[1].changes == std::vector<std::string>{"ban ends (last day ...)"});
}

TEST_CASE("clip: a period starting before the deal starts with the period", "[period]") {
    auto p = period("2019-06-01", "2021-06-30");
    auto spans = evaluator::clip(three_intervals(), p);
    check_covers(spans, p);
    CHECK(dates(spans) == Spans{{"2019-06-01", "2020-12-31"}, {"2021-01-01", "2021-06-30"}});
    CHECK(spans[1].changes == std::vector<std::string>{"first takes effect"});
}

TEST_CASE("clip: an open-ended interval ends with the period - all three intervals met",
          "[period]") {
    auto p = period("2030-01-01", "2099-12-31");
    CHECK(dates(evaluator::clip(three_intervals(), p)) == Spans{{"2030-01-01", "2099-12-31"}});
    auto all = period("2000-01-01", "2099-12-31");
    auto spans = evaluator::clip(three_intervals(), all);
    check_covers(spans, all);
    CHECK(spans.size() == 3);
}

TEST_CASE("clip: a one-day period is one span, with the changes of that day if any", "[period]") {
    auto on_change = evaluator::clip(three_intervals(), period("2025-07-01", "2025-07-01"));
    CHECK(dates(on_change) == Spans{{"2025-07-01", "2025-07-01"}});
    CHECK(on_change[0].changes.size() == 1);
    auto last_day = evaluator::clip(three_intervals(), period("2025-06-30", "2025-06-30"));
    CHECK(dates(last_day) == Spans{{"2025-06-30", "2025-06-30"}});
    CHECK(last_day[0].changes.empty());
    auto first_of_deal = evaluator::clip(three_intervals(), period("2021-01-01", "2021-01-01"));
    CHECK(first_of_deal[0].changes == std::vector<std::string>{"first takes effect"});
}

namespace {

// Alpha hosting on AWS: not covered (default permitted) until 2021; forbidden in the
// first half of 2022; not covered again; permitted by `aws-2025` from 2025, and by
// `aws-2025` and `aws-2026` from 2026 (the same verdict, other clauses).
Deal aws_deal(MiniDeal& mini) {
    mini.clauses("first", clause("no-aws-2022", "alpha", "host", "forbid",
                                 "when: cloud == aws\nfrom: 2022-01-01\nuntil: 2022-06-30"));
    mini.clauses("second", clause("aws-2025", "alpha", "host", "permit", "when: cloud == aws") +
                               clause("aws-2026", "alpha", "host", "permit",
                                      "when: cloud == aws\nfrom: 2026-01-01"));
    return load_ok(mini);
}

Question on_aws(std::optional<Period> p) {
    Question q;
    q.party = "alpha";
    q.action = "host";
    q.attributes = {{"cloud", "aws"}};
    q.period = p;
    return q;
}

PeriodAnswer ask_over(const Deal& deal, std::string_view from, std::string_view until) {
    auto r = deal.ask_period(on_aws(period(from, until)));
    INFO(summary(r.diagnostics));
    REQUIRE(r.answer);
    return *r.answer;
}

std::vector<VerdictKind> verdicts(const PeriodAnswer& a) {
    std::vector<VerdictKind> out;
    for (const auto& p : a.parts)
        out.push_back(p.answer.verdict);
    return out;
}

Spans dates(const PeriodAnswer& a) {
    Spans out;
    for (const auto& p : a.parts)
        out.emplace_back(format_date(p.from), format_date(p.until));
    return out;
}

} // namespace

TEST_CASE("ask_period: a month inside one interval holds for the whole month", "[period]") {
    MiniDeal mini;
    Deal deal = aws_deal(mini);
    auto a = ask_over(deal, "2022-03-01", "2022-03-31");
    CHECK_FALSE(a.varies);
    CHECK(dates(a) == Spans{{"2022-03-01", "2022-03-31"}});
    CHECK(a.parts[0].answer.verdict == VerdictKind::Forbidden);
    CHECK(ids(a.parts[0].answer.deciding) == std::vector<std::string>{"no-aws-2022"});
    CHECK(format_date(a.parts[0].answer.date) == "2022-03-01");
    CHECK_FALSE(a.parts[0].answer.date_is_today);
    CHECK_FALSE(a.parts[0].answer.question.period);
}

TEST_CASE("ask_period: a year across a window's end varies, each part with its changes",
          "[period]") {
    MiniDeal mini;
    Deal deal = aws_deal(mini);
    auto a = ask_over(deal, "2022-01-01", "2022-12-31");
    CHECK(a.varies);
    CHECK(dates(a) == Spans{{"2022-01-01", "2022-06-30"}, {"2022-07-01", "2022-12-31"}});
    CHECK(verdicts(a) == std::vector{VerdictKind::Forbidden, VerdictKind::NotCovered});
    CHECK(a.parts[0].changes ==
          std::vector<std::string>{"no-aws-2022 starts"}); // the period starts on the change
    REQUIRE(a.parts[1].changes.size() == 1);
    CHECK_THAT(a.parts[1].changes[0], Catch::Contains("no-aws-2022 ends"));
}

TEST_CASE("ask_period: before the deal, and a one-day period", "[period]") {
    MiniDeal mini;
    Deal deal = aws_deal(mini);
    auto before = ask_over(deal, "2010-01-01", "2010-12-31");
    CHECK_FALSE(before.varies);
    CHECK(verdicts(before) == std::vector{VerdictKind::NotCovered});
    auto one_day = ask_over(deal, "2022-06-30", "2022-06-30");
    CHECK(dates(one_day) == Spans{{"2022-06-30", "2022-06-30"}});
    CHECK(verdicts(one_day) == std::vector{VerdictKind::Forbidden});
    auto open_ended = ask_over(deal, "2027-01-01", "2099-12-31");
    CHECK(dates(open_ended) == Spans{{"2027-01-01", "2099-12-31"}});
}

TEST_CASE("ask_period: the same verdict by other clauses is two parts, and does not vary",
          "[period]") {
    MiniDeal mini;
    Deal deal = aws_deal(mini);
    auto a = ask_over(deal, "2025-06-01", "2026-06-30");
    CHECK_FALSE(a.varies);
    CHECK(dates(a) == Spans{{"2025-06-01", "2025-12-31"}, {"2026-01-01", "2026-06-30"}});
    CHECK(verdicts(a) == std::vector{VerdictKind::Permitted, VerdictKind::Permitted});
    CHECK(ids(a.parts[1].answer.deciding) == std::vector<std::string>{"aws-2025", "aws-2026"});
}

TEST_CASE("ask_period: every day of the period gets from ask the verdict of its part", "[period]") {
    MiniDeal mini;
    Deal deal = aws_deal(mini);
    auto a = ask_over(deal, "2019-06-01", "2026-06-30");
    CHECK(a.parts.size() == 5);
    for (const auto& part : a.parts) {
        // The part's answer is ask's on its first day, in full.
        auto first = ask(deal, [&] {
            auto q = on_aws(std::nullopt);
            q.date = part.from;
            return q;
        }());
        CHECK(render_json(first) == render_json(part.answer));
        for (Date d = part.from; d <= part.until; d = Date{d.days + 1}) {
            auto q = on_aws(std::nullopt);
            q.date = d;
            auto on_day = ask(deal, q);
            INFO(format_date(d));
            REQUIRE(on_day.verdict == part.answer.verdict);
            REQUIRE(ids(on_day.deciding) == ids(part.answer.deciding));
        }
    }
}

TEST_CASE("ask_period: a date with a period, a period ending before it starts, and ask of a "
          "period are errors",
          "[period]") {
    MiniDeal mini;
    Deal deal = aws_deal(mini);
    auto both = on_aws(period("2022-01-01", "2022-12-31"));
    both.date = date("2022-03-01");
    auto r = deal.ask_period(both);
    CHECK_FALSE(r.answer);
    CHECK_THAT(summary(r.diagnostics), Catch::Contains("both a date (2022-03-01) and a period"));

    auto backwards = deal.ask_period(on_aws(period("2022-12-31", "2022-01-01")));
    CHECK_FALSE(backwards.answer);
    CHECK_THAT(summary(backwards.diagnostics),
               Catch::Contains("the period ends on 2022-01-01, before it starts on 2022-12-31"));

    auto day = deal.ask(on_aws(period("2022-01-01", "2022-12-31")), date("2022-03-01"));
    CHECK_FALSE(day.answer);
    CHECK_THAT(summary(day.diagnostics), Catch::Contains("over a period"));

    auto none = deal.ask_period(on_aws(std::nullopt));
    CHECK_FALSE(none.answer);
    CHECK_THAT(summary(none.diagnostics), Catch::Contains("no period"));
}
