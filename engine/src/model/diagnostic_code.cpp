#include "dealcheck/diagnostic_code.hpp"

#include <array>

namespace dealcheck {

namespace {

constexpr std::array table = {
#define DEALCHECK_DIAGNOSTIC(enumerator, number, name, summary, fix)                               \
    DiagnosticCodeInfo{DiagnosticCode::enumerator, number, name, summary},
#include "dealcheck/diagnostic_codes.def"
#undef DEALCHECK_DIAGNOSTIC
};

// The enumerators are numbered in table order, so a code indexes its row; numbers
// and names are unique.
constexpr bool well_formed() {
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (static_cast<std::size_t>(table[i].code) != i) return false;
        for (std::size_t k = 0; k < i; ++k)
            if (table[k].number == table[i].number || table[k].name == table[i].name) return false;
    }
    return true;
}
static_assert(well_formed(), "diagnostic_codes.def: a number or a name is used twice");

} // namespace

const DiagnosticCodeInfo& info(DiagnosticCode code) {
    return table[static_cast<std::size_t>(code)];
}

std::string code_id(DiagnosticCode code) {
    return "DC" + std::to_string(info(code).number);
}

std::span<const DiagnosticCodeInfo> diagnostic_codes() {
    return table;
}

} // namespace dealcheck
