// State shared by the loaders of one deal: the files read so far (for quoting
// offending lines) and the diagnostics collected.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "loader/yaml_tree.hpp"
#include "model/deal.hpp"
#include "model/limits.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace dealcheck::loader {

class Context {
  public:
    Context(model::Deal& deal, Diagnostics& diags,
            const limits::DealLimits& limits = limits::standard)
        : deal_(deal), diags_(diags),
          limits_(limits), budget_{limits.files, limits.bytes, limits.yaml_nodes,
                                   limits.yaml_text} {}

    model::Deal& deal() { return deal_; }
    Diagnostics& diagnostics() { return diags_; }

    std::uint32_t add_file(std::string path, std::string text);
    const model::SourceFile& file(std::uint32_t index) const { return deal_.files[index]; }

    SourceLocation at(std::uint32_t file, const yaml::Mark& mark) const;
    static model::Place place(std::uint32_t file, const yaml::Mark& mark) {
        return {file, position(mark)};
    }
    // The 1-based line and column alone, for what records its file elsewhere.
    static model::Position position(const yaml::Mark& mark);
    void error(DiagnosticCode code, const SourceLocation& where, std::string message,
               std::string hint = {}, int span = 1, std::vector<RelatedLocation> related = {});
    void error(DiagnosticCode code, std::uint32_t file, const yaml::Mark& mark, std::string message,
               std::string hint = {}, int span = 1, std::vector<RelatedLocation> related = {}) {
        error(code, at(file, mark), std::move(message), std::move(hint), span, std::move(related));
    }

    // The deal-wide limits this load runs under (model/limits.hpp), and the hint that
    // goes with going over one of them.
    const limits::DealLimits& limits() const { return limits_; }
    std::string over_limit_hint() const;

    // What the deal's files may still use of the deal-wide limits, and whether one was
    // exceeded (said once: the files after it are skipped).
    struct Budget {
        std::size_t files, bytes, yaml_nodes, yaml_text;
        bool exceeded = false;
    };
    Budget& budget() { return budget_; }
    const Budget& budget() const { return budget_; }

  private:
    model::Deal& deal_;
    Diagnostics& diags_;
    const limits::DealLimits& limits_;
    Budget budget_;
};

} // namespace dealcheck::loader
