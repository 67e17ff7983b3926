// Questions and answers as Python objects: verdicts as the JSON words ("permitted",
// "needs-consent"), dates as datetime.date, and the engine's own text and JSON forms.
#include "bindings.hpp"
#include "date_caster.hpp"
#include "dealcheck/render.hpp"

#include <algorithm>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

namespace dealcheck::python {

namespace {

std::string word(VerdictKind v) {
    return std::string(verdict_word(v));
}

std::string located(const SourceLocation& where) {
    return where.file + ":" + std::to_string(where.line);
}

// One verdict holds for the whole period, or it varies.
std::string period_verdict(const PeriodAnswer& a) {
    if (a.varies || a.parts.empty()) return "varies";
    return word(a.parts.front().answer.verdict);
}

// Every clause the parts of a period answer cite, each once, in order.
std::vector<ClauseRef> period_clauses(const PeriodAnswer& a) {
    std::vector<ClauseRef> out;
    for (const auto& part : a.parts)
        for (const auto& c : part.answer.deciding)
            if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.id == c.id; }))
                out.push_back(c);
    return out;
}

void bind_question(py::module_& m) {
    py::class_<Question>(m, "Question",
                         "A question as the deal understood it: ids resolved, values normalised.")
        .def_readonly("party", &Question::party)
        .def_readonly("action", &Question::action)
        .def_readonly("attributes", &Question::attributes)
        .def_readonly("date", &Question::date)
        .def_property_readonly("period",
                               [](const Question& q) -> py::object {
                                   if (!q.period) return py::none();
                                   return py::make_tuple(q.period->from, q.period->until);
                               })
        .def_readonly("facts", &Question::facts)
        .def_readonly("consents", &Question::consents)
        .def_readonly("readings", &Question::readings)
        .def(py::self == py::self)
        .def("__repr__", [](const Question& q) {
            std::string text = "<Question " + q.party + " " + q.action;
            for (const auto& [name, value] : q.attributes)
                text += " " + name + "=" + value;
            if (q.date) text += " on " + format_date(*q.date);
            if (q.period)
                text += " from " + format_date(q.period->from) + " until " +
                        format_date(q.period->until);
            return text + ">";
        });
}

void bind_answer_parts(py::module_& m) {
    py::class_<ClauseRef>(m, "Clause", "A clause as an answer quotes it.")
        .def_readonly("id", &ClauseRef::id)
        .def_readonly("title", &ClauseRef::title)
        .def_readonly("quote", &ClauseRef::quote)
        .def_readonly("cite", &ClauseRef::cite)
        .def_readonly("tag", &ClauseRef::tag)
        .def_readonly("effect", &ClauseRef::effect)
        .def_readonly("agreement", &ClauseRef::agreement)
        .def_property_readonly("file", [](const ClauseRef& c) { return c.where.file; })
        .def_property_readonly("line", [](const ClauseRef& c) { return c.where.line; })
        .def("__repr__", [](const ClauseRef& c) {
            return "<Clause " + c.id + " at " + located(c.where) + ">";
        });
    py::class_<Override>(m, "Override", "A clause that applied but lost to an exception.")
        .def_readonly("clause", &Override::clause)
        .def_readonly("overridden_by", &Override::overridden_by);
    py::class_<Conflict>(m, "Conflict", "Clauses with opposite effects and no precedence.")
        .def_readonly("clauses", &Conflict::clauses)
        .def_readonly("resolution", &Conflict::resolution);
    py::class_<ConsequenceRef>(m, "Consequence", "A right granted or an obligation that follows.")
        .def_readonly("kind", &ConsequenceRef::kind)
        .def_readonly("party", &ConsequenceRef::party)
        .def_readonly("text", &ConsequenceRef::text)
        .def_readonly("until", &ConsequenceRef::until)
        .def_readonly("until_events", &ConsequenceRef::until_events)
        .def_readonly("clause", &ConsequenceRef::clause);
    py::class_<Dependency::Outcome>(m, "Outcome", "What one value of an unknown gives.")
        .def_readonly("value", &Dependency::Outcome::value)
        .def_property_readonly("verdict",
                               [](const Dependency::Outcome& o) { return word(o.verdict); })
        .def_readonly("consent_of", &Dependency::Outcome::consent_of);
    py::class_<Dependency>(m, "Dependency", "An unknown fact or attribute the verdict hinges on.")
        .def_readonly("name", &Dependency::name)
        .def_readonly("is_attribute", &Dependency::is_attribute)
        .def_readonly("outcomes", &Dependency::outcomes)
        .def("__repr__", [](const Dependency& d) { return "<Dependency " + d.name + ">"; });
    py::class_<AssumedFact>(m, "AssumedFact", "A fact taken from what the rules record.")
        .def_readonly("name", &AssumedFact::name)
        .def_readonly("value", &AssumedFact::value)
        .def_readonly("known_through", &AssumedFact::known_through)
        .def_readonly("event", &AssumedFact::event);
    py::class_<WhatIf>(m, "WhatIf", "A single change to the question that flips the verdict.")
        .def_readonly("kind", &WhatIf::kind)
        .def_readonly("name", &WhatIf::name)
        .def_readonly("value", &WhatIf::value)
        .def_readonly("change", &WhatIf::change)
        .def_property_readonly("verdict", [](const WhatIf& w) { return word(w.verdict); })
        .def_readonly("consent_of", &WhatIf::consent_of)
        .def_readonly("question", &WhatIf::question)
        .def("__repr__",
             [](const WhatIf& w) { return "<WhatIf " + w.change + ": " + word(w.verdict) + ">"; });
}

// render_why_not and render_explanation need the trace that AskOptions::explain records.
const Answer& explained(const Answer& a) {
    if (!a.explanation) throw py::value_error("ask with explain=True for the explanation");
    return a;
}

void bind_answer(py::module_& m) {
    py::class_<Answer>(m, "Answer", "The verdict on a question as of one day, and its reasons.")
        .def_property_readonly("verdict", [](const Answer& a) { return word(a.verdict); })
        .def_readonly("consent_of", &Answer::consent_of)
        .def_property_readonly("default_verdict",
                               [](const Answer& a) -> py::object {
                                   if (a.verdict != VerdictKind::NotCovered) return py::none();
                                   return py::str(word(a.default_verdict));
                               })
        .def_readonly("question", &Answer::question)
        .def_readonly("date", &Answer::date)
        .def_readonly("date_is_today", &Answer::date_is_today)
        .def_readonly("agreements_in_force", &Answer::agreements_in_force)
        .def_readonly("clauses", &Answer::deciding, "The clauses that decided the verdict.")
        .def_readonly("overridden", &Answer::overridden)
        .def_readonly("conflicts", &Answer::conflicts)
        .def_readonly("consequences", &Answer::consequences)
        .def_readonly("depends_on", &Answer::depends_on)
        .def_readonly("assumed", &Answer::assumed)
        .def_readonly("what_if", &Answer::what_if)
        .def_property_readonly("exit_code", [](const Answer& a) { return exit_code(a); })
        .def(
            "text", [](const Answer& a) { return render_text(a); }, "As `dealcheck ask` prints it.")
        .def(
            "json", [](const Answer& a) { return render_json(a); },
            "As `dealcheck ask --json` prints it (docs/json-output.md).")
        .def("to_dict", [](const Answer& a) { return json_to_python(render_json(a)); })
        .def("why_not", [](const Answer& a) { return render_why_not(explained(a)); })
        .def("explanation", [](const Answer& a) { return render_explanation(explained(a)); })
        .def("__str__", [](const Answer& a) { return render_text(a); })
        .def("__repr__", [](const Answer& a) {
            std::string text = "<Answer " + word(a.verdict);
            for (std::size_t i = 0; i < a.deciding.size(); ++i)
                text += (i ? ", " : ": ") + a.deciding[i].id;
            return text + ">";
        });

    py::class_<PeriodPart>(m, "PeriodPart", "A stretch of a period with one answer.")
        .def_readonly("from_", &PeriodPart::from)
        .def_readonly("until", &PeriodPart::until)
        .def_readonly("changes", &PeriodPart::changes)
        .def_readonly("answer", &PeriodPart::answer)
        .def("__repr__", [](const PeriodPart& p) {
            return "<PeriodPart " + format_date(p.from) + ".." + format_date(p.until) + " " +
                   word(p.answer.verdict) + ">";
        });
    py::class_<PeriodAnswer>(m, "PeriodAnswer",
                             "The answer over a period: its parts, each answered on its first day.")
        .def_property_readonly("verdict", &period_verdict)
        .def_readonly("varies", &PeriodAnswer::varies)
        .def_property_readonly(
            "period",
            [](const PeriodAnswer& a) { return py::make_tuple(a.period.from, a.period.until); })
        .def_readonly("parts", &PeriodAnswer::parts)
        .def_property_readonly("clauses", &period_clauses,
                               "Every clause that decides some part, each once.")
        .def_property_readonly("exit_code", [](const PeriodAnswer& a) { return exit_code(a); })
        .def("text", [](const PeriodAnswer& a) { return render_period_text(a); })
        .def("json", [](const PeriodAnswer& a) { return render_period_json(a); })
        .def("to_dict", [](const PeriodAnswer& a) { return json_to_python(render_period_json(a)); })
        .def("__str__", [](const PeriodAnswer& a) { return render_period_text(a); })
        .def("__repr__", [](const PeriodAnswer& a) {
            return "<PeriodAnswer " + format_date(a.period.from) + ".." +
                   format_date(a.period.until) + " " + period_verdict(a) + ">";
        });
}

} // namespace

void bind_answers(py::module_& m) {
    bind_question(m);
    bind_answer_parts(m);
    bind_answer(m);
}

} // namespace dealcheck::python
