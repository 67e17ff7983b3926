// State shared by the loaders of one deal: the files read so far (for quoting
// offending lines) and the diagnostics collected.
#pragma once

#include "dealcheck/diagnostic.hpp"
#include "loader/yaml.hpp"
#include "model/deal.hpp"
#include "model/limits.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace dealcheck::loader {

class Context {
  public:
    Context(model::Deal& deal, Diagnostics& diags) : deal_(deal), diags_(diags) {}

    model::Deal& deal() { return deal_; }
    Diagnostics& diagnostics() { return diags_; }

    std::uint32_t add_file(std::string path, std::string text);
    const model::SourceFile& file(std::uint32_t index) const { return deal_.files[index]; }

    SourceLocation at(std::uint32_t file, const YAML::Mark& mark) const;
    void error(const SourceLocation& where, std::string message, std::string hint = {},
               int span = 1);
    void error(std::uint32_t file, const YAML::Mark& mark, std::string message,
               std::string hint = {}, int span = 1) {
        error(at(file, mark), std::move(message), std::move(hint), span);
    }

    // What the deal's files may still use of the deal-wide limits (model/limits.hpp),
    // and whether one was exceeded (said once: the files after it are skipped).
    struct Budget {
        std::size_t files = limits::max_files;
        std::size_t bytes = limits::max_deal_bytes;
        std::size_t yaml_nodes = limits::max_yaml_nodes;
        std::size_t yaml_text = limits::max_yaml_text;
        bool exceeded = false;
    };
    Budget& budget() { return budget_; }

  private:
    model::Deal& deal_;
    Diagnostics& diags_;
    Budget budget_;
};

} // namespace dealcheck::loader
