// A timeline as an SVG chart: one bar of the verdict over time, a tick and date at each
// change point, and below it one row per interval with its dates, verdict, deciding
// clauses and what changed. `dealcheck timeline --svg` and the web page of `dealcheck
// serve` both draw it here.
#include "dealcheck/render.hpp"

#include <algorithm>
#include <cstdio>

namespace dealcheck {

namespace {

std::string xml(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& v, const char* separator = ", ") {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : separator) + s;
    return out;
}

// Fill colours by verdict: green permits, red forbids, amber asks for consent, violet
// depends on an unknown, grey is not covered (its default decides).
const char* colour(VerdictKind v) {
    switch (v) {
    case VerdictKind::Permitted:
        return "#2e7d32";
    case VerdictKind::Forbidden:
        return "#c62828";
    case VerdictKind::NeedsConsent:
        return "#b26a00";
    case VerdictKind::Depends:
        return "#6a1b9a";
    case VerdictKind::NotCovered:
        break;
    }
    return "#757575";
}

std::string verdict_label(const TimelineInterval& i) {
    std::string v(to_string(i.verdict));
    if (i.verdict == VerdictKind::NeedsConsent) v += " of " + join(i.consent_of);
    if (i.verdict == VerdictKind::Depends) v += " on " + join(i.depends_on);
    if (i.verdict == VerdictKind::NotCovered)
        v += " (default " + std::string(verdict_word(i.default_verdict)) + ")";
    return v;
}

std::string span(const TimelineInterval& i) {
    return (i.from ? format_date(*i.from) : std::string("before")) + " .. " +
           (i.until ? format_date(*i.until) : std::string("on"));
}

std::string number(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", x);
    return buffer;
}

} // namespace

std::string render_timeline_svg(const Timeline& t) {
    constexpr double width = 960, left = 10, bar_top = 40, bar_height = 34, open_width = 80,
                     min_width = 28, row_height = 18;
    const auto& intervals = t.intervals;
    // Widths: days for intervals with both ends (at least min_width, so that a short
    // one stays visible), a fixed stub for the open-ended first and last ones.
    std::vector<double> widths;
    double finite_days = 0, open = 0;
    for (const auto& i : intervals) {
        if (i.from && i.until)
            finite_days += i.until->days - i.from->days + 1;
        else
            open += open_width;
    }
    double room = std::max(0.0, width - 2 * left - open);
    for (const auto& i : intervals)
        widths.push_back(i.from && i.until
                             ? std::max(min_width, room * (i.until->days - i.from->days + 1) /
                                                       std::max(1.0, finite_days))
                             : open_width);
    double total = 0;
    for (double w : widths)
        total += w;
    double scale = total > width - 2 * left ? (width - 2 * left) / total : 1;

    const auto& q = t.question;
    std::string title = q.party + " " + q.action;
    std::vector<std::string> attributes;
    for (const auto& [k, v] : q.attributes)
        attributes.push_back(k + "=" + v);
    if (!attributes.empty()) title += " (" + join(attributes) + ")";
    double rows_top = bar_top + bar_height + 48;
    double height = rows_top + row_height * static_cast<double>(intervals.size()) + 10;

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dealcheck-timeline\" "
                      "width=\"" +
                      number(width) + "\" height=\"" + number(height) + "\" viewBox=\"0 0 " +
                      number(width) + " " + number(height) +
                      "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"" +
                      xml("Timeline: " + title) + "\">\n";
    out += "<text x=\"" + number(left) + "\" y=\"22\" font-size=\"15\" font-weight=\"bold\">" +
           xml(title) + "</text>\n";
    double x = left;
    for (std::size_t n = 0; n < intervals.size(); ++n) {
        const auto& i = intervals[n];
        double w = widths[n] * scale;
        std::string tip = span(i) + ": " + verdict_label(i);
        if (!i.clauses.empty()) tip += "; deciding: " + join(i.clauses);
        if (!i.changes.empty()) tip += "; changes: " + join(i.changes, "; ");
        out += "<g class=\"interval\" data-verdict=\"" + std::string(verdict_word(i.verdict)) +
               "\" data-from=\"" + (i.from ? format_date(*i.from) : "") + "\" data-clauses=\"" +
               xml(join(i.clauses, " ")) + "\">\n<title>" + xml(tip) + "</title>\n";
        out += "<rect x=\"" + number(x) + "\" y=\"" + number(bar_top) + "\" width=\"" + number(w) +
               "\" height=\"" + number(bar_height) + "\" fill=\"" + colour(i.verdict) +
               "\" stroke=\"#fff\"/>\n";
        if (w > 60)
            out += "<text x=\"" + number(x + 4) + "\" y=\"" + number(bar_top + 21) +
                   "\" fill=\"#fff\">" + xml(std::string(verdict_word(i.verdict))) + "</text>\n";
        out += "</g>\n";
        if (i.from) { // a change point: its tick and date, alternating rows so they do not collide
            double y = bar_top + bar_height + 14 + static_cast<double>(n % 2) * 14;
            out += "<line class=\"change\" x1=\"" + number(x) + "\" y1=\"" + number(bar_top - 4) +
                   "\" x2=\"" + number(x) + "\" y2=\"" + number(y - 10) +
                   "\" stroke=\"#333\"/>\n<text x=\"" + number(x + 2) + "\" y=\"" + number(y) +
                   "\" font-size=\"10\">" + format_date(*i.from) + "</text>\n";
        }
        x += w;
    }
    for (std::size_t n = 0; n < intervals.size(); ++n) {
        const auto& i = intervals[n];
        double y = rows_top + row_height * static_cast<double>(n);
        out += "<g class=\"row\"><rect x=\"" + number(left) + "\" y=\"" + number(y - 10) +
               "\" width=\"10\" height=\"10\" fill=\"" + colour(i.verdict) + "\"/><text x=\"" +
               number(left + 16) + "\" y=\"" + number(y) + "\">" +
               xml(span(i) + "  " + verdict_label(i) +
                   (i.clauses.empty() ? "" : "  — " + join(i.clauses)) +
                   (i.changes.empty() ? "" : "  (" + join(i.changes, "; ") + ")")) +
               "</text></g>\n";
    }
    return out + "</svg>\n";
}

} // namespace dealcheck
