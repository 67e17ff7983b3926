// English verb forms, so that a vocabulary declares "acquires" once and questions may
// say "acquire" (after a modal), "acquiring" or "acquires". Only the first word of a
// verb phrase changes: "serves its API" -> "serve its API", "serving its API".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dealcheck::util {

// The base form, the third person and the -ing form of a verb phrase given in either
// of its first two forms. Regular rules only; a vocabulary lists irregular forms itself.
struct VerbForms {
    std::string base, third_person, ing;
};
VerbForms verb_forms(std::string_view verb);

} // namespace dealcheck::util
