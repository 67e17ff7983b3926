// The `dealcheck` Python module (docs/python.md).
#include "bindings.hpp"

PYBIND11_MODULE(dealcheck, m) {
    using namespace dealcheck::python;
    m.doc() = "dealcheck: ask a deal's rules what a party may do, and why (docs/python.md).";
    m.attr("__version__") = DEALCHECK_VERSION;
    bind_diagnostics(m);
    bind_answers(m);
    bind_timeline(m);
    bind_tests(m);
    bind_deal(m);
}
