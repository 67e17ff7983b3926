#include "util/inflect.hpp"

namespace dealcheck::util {

namespace {

bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool ends_with(std::string_view w, std::string_view s) {
    return w.size() > s.size() && w.substr(w.size() - s.size()) == s;
}

// "acquires" -> "acquire", "publishes" -> "publish", "buries" -> "bury"; a word that
// is not a third-person form is returned as it is.
std::string base_of(std::string_view w) {
    if (!ends_with(w, "s") || ends_with(w, "ss") || ends_with(w, "us") || ends_with(w, "is"))
        return std::string(w);
    if (ends_with(w, "ies") && w.size() > 4) return std::string(w.substr(0, w.size() - 3)) + "y";
    for (std::string_view es : {"sses", "shes", "ches", "xes", "zes", "oes"})
        if (ends_with(w, es)) return std::string(w.substr(0, w.size() - 2));
    return std::string(w.substr(0, w.size() - 1));
}

std::string third_person_of(const std::string& base) {
    if (ends_with(base, "s") || ends_with(base, "sh") || ends_with(base, "ch") ||
        ends_with(base, "x") || ends_with(base, "z") || ends_with(base, "o"))
        return base + "es";
    if (ends_with(base, "y") && !is_vowel(base[base.size() - 2]))
        return base.substr(0, base.size() - 1) + "ies";
    return base + "s";
}

// One vowel group ending consonant-vowel-consonant doubles its consonant: "ship" ->
// "shipping", "run" -> "running"; "buy", "offer" and "rent" do not.
bool doubles_final_consonant(const std::string& w) {
    if (w.size() < 3) return false;
    char last = w.back(), mid = w[w.size() - 2], before = w[w.size() - 3];
    if (is_vowel(last) || last == 'w' || last == 'x' || last == 'y' || !is_vowel(mid) ||
        is_vowel(before))
        return false;
    int groups = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1]))) ++groups;
    return groups == 1;
}

std::string ing_of(const std::string& base) {
    if (ends_with(base, "ie")) return base.substr(0, base.size() - 2) + "ying";
    if (ends_with(base, "e") && !ends_with(base, "ee") && !ends_with(base, "ye") &&
        !ends_with(base, "oe"))
        return base.substr(0, base.size() - 1) + "ing";
    if (doubles_final_consonant(base)) return base + base.back() + "ing";
    return base + "ing";
}

} // namespace

VerbForms verb_forms(std::string_view verb) {
    auto space = verb.find(' ');
    std::string_view first = verb.substr(0, space);
    std::string rest = space == std::string_view::npos ? "" : std::string(verb.substr(space));
    std::string base = base_of(first);
    return {base + rest, third_person_of(base) + rest, ing_of(base) + rest};
}

} // namespace dealcheck::util
