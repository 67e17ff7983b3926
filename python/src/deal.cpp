// dealcheck.load, dealcheck.check and the Deal: asking, timelines, batches, tests.
// The GIL is released while the engine works; a loaded deal is immutable, so Python
// threads may ask one deal at once.
#include "bindings.hpp"
#include "date_caster.hpp"
#include "dealcheck/batch.hpp"
#include "dealcheck/render.hpp"
#include "questions.hpp"

#include <filesystem>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

namespace dealcheck::python {

namespace {

LoadResult load_deal(const std::string& path, const LoadOptions& options) {
    py::gil_scoped_release release;
    return Deal::load(path, options);
}

LoadOptions load_options(bool large, std::vector<std::string> history, bool own_history) {
    LoadOptions options;
    options.large = large;
    options.history = std::move(history);
    options.own_history = own_history;
    return options;
}

std::shared_ptr<LoadedDeal> load(const std::filesystem::path& path, bool large,
                                 std::vector<std::string> history, bool own_history) {
    auto options = load_options(large, std::move(history), own_history);
    auto loaded = load_deal(path.string(), options);
    if (!loaded.deal) raise_load_error(loaded.diagnostics);
    return std::make_shared<LoadedDeal>(LoadedDeal{std::move(*loaded.deal), path.string(),
                                                   std::move(options), loaded.diagnostics.items()});
}

std::vector<Diagnostic> check(const std::filesystem::path& path, bool large,
                              std::vector<std::string> history, bool own_history) {
    return load_deal(path.string(), load_options(large, std::move(history), own_history))
        .diagnostics.items();
}

py::object ask(const LoadedDeal& d, const py::object& question, std::optional<Date> today,
               bool explain, bool what_if, const py::kwargs& fields) {
    auto q = to_question(d.deal, question, fields);
    AskOptions options{explain, what_if};
    if (q.period) {
        PeriodAnswerResult result;
        {
            py::gil_scoped_release release;
            result = d.deal.ask_period(q, options);
        }
        if (!result.answer) raise_question_error(result.diagnostics);
        return py::cast(std::move(*result.answer));
    }
    AnswerResult result;
    {
        py::gil_scoped_release release;
        result = d.deal.ask(q, today.value_or(dealcheck::today()), options);
    }
    if (!result.answer) raise_question_error(result.diagnostics);
    return py::cast(std::move(*result.answer));
}

Timeline timeline(const LoadedDeal& d, const py::object& question, bool all_obligations,
                  const py::kwargs& fields) {
    auto q = to_question(d.deal, question, fields);
    TimelineOptions options;
    options.all_obligations = all_obligations;
    TimelineResult result;
    {
        py::gil_scoped_release release;
        result = d.deal.timeline(q, options);
    }
    if (!result.timeline) raise_question_error(result.diagnostics);
    return std::move(*result.timeline);
}

// `dealcheck batch` over a Python iterable, lazily: each item (a phrase, or a dict with
// a question file's fields and an optional `id`) becomes one JSON line, and its answer
// line comes back as a dict, an error object for an item that does not parse.
class BatchIterator {
  public:
    BatchIterator(std::shared_ptr<const LoadedDeal> deal, const py::iterable& items, Date today)
        : deal_(std::move(deal)), items_(py::iter(items)), answerer_(deal_->deal, today) {}

    py::object next() {
        auto item = py::reinterpret_steal<py::object>(PyIter_Next(items_.ptr()));
        if (!item) {
            if (PyErr_Occurred()) throw py::error_already_set();
            throw py::stop_iteration();
        }
        auto line = json_line(item);
        answer_.clear();
        {
            py::gil_scoped_release release;
            answerer_.answer(line, ++count_, answer_);
        }
        return json_to_python(answer_);
    }

  private:
    static std::string json_line(const py::object& item) {
        auto dumps = py::module_::import("json").attr("dumps");
        if (py::isinstance<py::str>(item))
            return dumps(py::dict(py::arg("question") = item)).cast<std::string>();
        if (py::isinstance(item, py::module_::import("collections.abc").attr("Mapping")))
            return dumps(py::dict(item),
                         py::arg("default") = py::module_::import("builtins").attr("str"))
                .cast<std::string>();
        throw py::type_error(
            "a batch item is a phrase or a dict of a question file's fields, not " +
            py::str(py::type::of(item).attr("__name__")).cast<std::string>());
    }

    std::shared_ptr<const LoadedDeal> deal_;
    py::iterator items_;
    BatchAnswerer answerer_;
    std::uint64_t count_ = 0;
    std::string answer_;
};

void bind_summary(py::module_& m) {
    py::class_<DealSummary>(m, "Summary", "What a deal declares.")
        .def_readonly("id", &DealSummary::id)
        .def_readonly("title", &DealSummary::title)
        .def_readonly("parties", &DealSummary::parties)
        .def_readonly("actions", &DealSummary::actions)
        .def_readonly("facts", &DealSummary::facts)
        .def_readonly("agreements", &DealSummary::agreements)
        .def_readonly("clauses", &DealSummary::clauses)
        .def_readonly("obligations", &DealSummary::obligations)
        .def_readonly("powers", &DealSummary::powers)
        .def_readonly("event_count", &DealSummary::event_count);
}

} // namespace

void bind_deal(py::module_& m) {
    bind_summary(m);
    py::class_<BatchIterator>(m, "BatchAnswers", "The answers of Deal.batch, one dict per item.")
        .def("__iter__", [](BatchIterator& b) -> BatchIterator& { return b; })
        .def("__next__", &BatchIterator::next);

    py::class_<LoadedDeal, std::shared_ptr<LoadedDeal>>(m, "Deal",
                                                        "A loaded, checked and compiled deal.")
        .def_readonly("path", &LoadedDeal::path)
        .def_readonly("warnings", &LoadedDeal::warnings)
        .def_property_readonly("summary", [](const LoadedDeal& d) { return d.deal.summary(); })
        .def(
            "question",
            [](const LoadedDeal& d, const py::object& q, const py::kwargs& fields) {
                return to_question(d.deal, q, fields);
            },
            py::arg("question") = py::none(), "Parses a question without asking it.")
        .def("ask", &ask, py::arg("question") = py::none(), py::kw_only(),
             py::arg("today") = py::none(), py::arg("explain") = false, py::arg("what_if") = false,
             "Answers a question: an Answer, or a PeriodAnswer for a question over a period.")
        .def("timeline", &timeline, py::arg("question") = py::none(), py::kw_only(),
             py::arg("all_obligations") = false,
             "The question's verdict over the life of the deal (its date is ignored), with the "
             "obligations and powers related to it (every one with all_obligations=True).")
        .def(
            "batch",
            [](const std::shared_ptr<LoadedDeal>& d, const py::iterable& items,
               std::optional<Date> today) {
                return BatchIterator(d, items, today.value_or(dealcheck::today()));
            },
            py::arg("questions"), py::kw_only(), py::arg("today") = py::none(),
            "Answers many questions lazily, as `dealcheck batch` does: one dict per item.")
        .def(
            "test",
            [](const LoadedDeal& d, const std::string& filter, std::optional<Date> today) {
                return run_deal_tests(d, filter, today.value_or(dealcheck::today()));
            },
            py::kw_only(), py::arg("filter") = "", py::arg("today") = py::none(),
            "Runs the deal's regression tests (tests/*.yaml).")
        .def(
            "status",
            [](const LoadedDeal& d, std::optional<Date> as_of) {
                DealStatus status;
                {
                    py::gil_scoped_release release;
                    status = d.deal.status(as_of.value_or(dealcheck::today()));
                }
                return json_to_python(render_status_json(status));
            },
            py::arg("as_of") = py::none(),
            "Obligations and powers as of a day, as `dealcheck status --json` prints them.")
        .def(
            "vocabulary",
            [](const LoadedDeal& d) {
                return json_to_python(render_vocabulary_json(d.deal.vocabulary()));
            },
            "What questions can say, as `dealcheck vocab --json` prints it.")
        .def("__repr__", [](const LoadedDeal& d) {
            auto s = d.deal.summary();
            return "<Deal " + s.id + ": " + std::to_string(s.clause_count) + " clauses>";
        });

    m.def("load", &load, py::arg("path"), py::kw_only(), py::arg("large") = false,
          py::arg("history") = std::vector<std::string>{}, py::arg("own_history") = true,
          "Loads, checks and compiles a deal folder; raises LoadError with every problem.");
    m.def(
        "check", &check, py::arg("path"), py::kw_only(), py::arg("large") = false,
        py::arg("history") = std::vector<std::string>{}, py::arg("own_history") = true,
        "Every diagnostic of a deal folder, errors and warnings, as `dealcheck check` finds them.");
}

} // namespace dealcheck::python
