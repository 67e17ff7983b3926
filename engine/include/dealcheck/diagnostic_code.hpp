// Stable diagnostic codes: every diagnostic names its kind of problem as a code
// (`DC1101`) and a short name (`unknown-key`), so that tools and tests match on the
// kind rather than on the wording. The table is diagnostic_codes.def.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dealcheck {

enum class DiagnosticCode : std::uint16_t {
#define DEALCHECK_DIAGNOSTIC(enumerator, number, name, summary, fix) enumerator,
#include "dealcheck/diagnostic_codes.def"
#undef DEALCHECK_DIAGNOSTIC
};

struct DiagnosticCodeInfo {
    DiagnosticCode code;
    int number;               // 1101
    std::string_view name;    // "unknown-key"
    std::string_view summary; // one line; docs/diagnostics.md has an example and the fix
};

const DiagnosticCodeInfo& info(DiagnosticCode code);
// "DC1101"
std::string code_id(DiagnosticCode code);
// Every code, in the table's order.
std::span<const DiagnosticCodeInfo> diagnostic_codes();

} // namespace dealcheck
