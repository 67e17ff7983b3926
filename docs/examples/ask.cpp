// Asks the Windsurf question through the library: load a deal, parse a phrase, ask,
// print the verdict and the clauses that decided it. docs/library.md explains it.
#include <dealcheck/dealcheck.hpp>
#include <iostream>

int main(int argc, char** argv) {
    auto fail = [](const dealcheck::Diagnostics& why, int code) {
        std::cerr << render(why);
        return code;
    };
    auto loaded = dealcheck::Deal::load(argc > 1 ? argv[1] : DEALCHECK_EXAMPLE_DEAL);
    if (!loaded.deal) return fail(loaded.diagnostics, 3);

    auto q = loaded.deal->parse_phrase("OpenAI acquires Windsurf for 3B USD on 2025-06-01");
    if (!q.question) return fail(q.diagnostics, 64);

    auto a = loaded.deal->ask(*q.question, dealcheck::today());
    if (!a.answer) return fail(a.diagnostics, 64);

    std::cout << to_string(a.answer->verdict) << "\n";
    for (const auto& clause : a.answer->deciding)
        std::cout << "  " << clause.id << "  " << clause.where.file << ":" << clause.where.line
                  << "\n";
    return dealcheck::exit_code(*a.answer);
}
