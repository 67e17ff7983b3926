#include "dealcheck/render.hpp"

namespace dealcheck {

std::string_view to_string(VerdictKind v) {
    switch (v) {
    case VerdictKind::Permitted:
        return "PERMITTED";
    case VerdictKind::Forbidden:
        return "FORBIDDEN";
    case VerdictKind::NeedsConsent:
        return "NEEDS-CONSENT";
    case VerdictKind::NotCovered:
        return "NOT-COVERED";
    case VerdictKind::Depends:
        return "DEPENDS";
    }
    return "DEPENDS";
}

std::string_view verdict_word(VerdictKind v) {
    switch (v) {
    case VerdictKind::Permitted:
        return "permitted";
    case VerdictKind::Forbidden:
        return "forbidden";
    case VerdictKind::NeedsConsent:
        return "needs-consent";
    case VerdictKind::NotCovered:
        return "not-covered";
    case VerdictKind::Depends:
        return "depends";
    }
    return "depends";
}

int exit_code(const Answer& a) {
    switch (a.verdict) {
    case VerdictKind::Permitted:
        return 0;
    case VerdictKind::Forbidden:
        return 1;
    case VerdictKind::NotCovered:
        return a.default_verdict == VerdictKind::Forbidden ? 1 : 0;
    case VerdictKind::NeedsConsent:
    case VerdictKind::Depends:
        return 2;
    }
    return 2;
}

int exit_code(const PeriodAnswer& a) {
    if (a.varies || a.parts.empty()) return exit_varies;
    return exit_code(a.parts.front().answer);
}

} // namespace dealcheck
