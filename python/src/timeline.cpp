// A question's verdict over the life of the deal, as a sequence of intervals; in a
// notebook it shows as the SVG chart of `dealcheck timeline --svg`.
#include "bindings.hpp"
#include "date_caster.hpp"
#include "dealcheck/render.hpp"

#include <pybind11/stl.h>

namespace dealcheck::python {

void bind_timeline(py::module_& m) {
    py::class_<TimelineInterval>(m, "Interval",
                                 "Days with one verdict; `from_`/`until` are None when open.")
        .def_readonly("from_", &TimelineInterval::from)
        .def_readonly("until", &TimelineInterval::until)
        .def_property_readonly("verdict",
                               [](const TimelineInterval& i) { return verdict_word(i.verdict); })
        .def_readonly("consent_of", &TimelineInterval::consent_of)
        .def_readonly("clauses", &TimelineInterval::clauses)
        .def_readonly("depends_on", &TimelineInterval::depends_on)
        .def_readonly("changes", &TimelineInterval::changes)
        .def("__repr__", [](const TimelineInterval& i) {
            return "<Interval " + (i.from ? format_date(*i.from) : std::string("...")) + ".." +
                   (i.until ? format_date(*i.until) : std::string("...")) + " " +
                   std::string(verdict_word(i.verdict)) + ">";
        });
    py::class_<Timeline>(m, "Timeline", "A question's verdict over time; iterate its intervals.")
        .def_readonly("question", &Timeline::question)
        .def_readonly("intervals", &Timeline::intervals)
        .def("__len__", [](const Timeline& t) { return t.intervals.size(); })
        .def(
            "__iter__",
            [](const Timeline& t) {
                return py::make_iterator(t.intervals.begin(), t.intervals.end());
            },
            py::keep_alive<0, 1>())
        .def("text", [](const Timeline& t) { return render_timeline_text(t); })
        .def("json", [](const Timeline& t) { return render_timeline_json(t); })
        .def("to_dict", [](const Timeline& t) { return json_to_python(render_timeline_json(t)); })
        .def("svg", [](const Timeline& t) { return render_timeline_svg(t); })
        .def("_repr_svg_", [](const Timeline& t) { return render_timeline_svg(t); })
        .def("__str__", [](const Timeline& t) { return render_timeline_text(t); });
}

} // namespace dealcheck::python
