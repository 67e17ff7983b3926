#include "name_pattern.hpp"

#include <memory>
#include <regex.h>

namespace dealcheck::cli {

std::function<bool(const std::string&)> name_pattern(const std::string& pattern,
                                                     std::string& error) {
    auto re = std::make_unique<regex_t>();
    if (int code = regcomp(re.get(), pattern.c_str(), REG_EXTENDED | REG_NOSUB); code != 0) {
        char message[256];
        regerror(code, re.get(), message, sizeof message);
        error = message;
        return {}; // a failed regcomp leaves nothing to free
    }
    auto compiled = std::shared_ptr<regex_t>(re.release(), [](regex_t* r) {
        regfree(r);
        delete r;
    });
    return [compiled](const std::string& name) {
        return regexec(compiled.get(), name.c_str(), 0, nullptr, 0) == 0;
    };
}

} // namespace dealcheck::cli
