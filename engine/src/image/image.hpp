// A compiled deal as a file (docs/image.md): written by `dealcheck compile`, read back
// by Deal::load instead of the YAML when it is given one or finds a fresh one.
#pragma once

#include "compiler/compiled_deal.hpp"
#include "dealcheck/deal.hpp"

#include <memory>
#include <string>

namespace dealcheck::image {

// The bytes of the image of `deal`, loaded from `deal_path` with `options`, and the
// warnings its load reported (an image load reports them again).
std::string write(const CompiledDeal& deal, const std::string& deal_path,
                  const LoadOptions& options, const Diagnostics& warnings);

// Whether `path` names an image rather than a deal folder or manifest: its name ends in
// `.dcx`, or it starts with the image's magic bytes.
bool is_image(const std::string& path);

struct Read {
    std::shared_ptr<const CompiledDeal> deal; // null when refused
    Diagnostics diagnostics;                  // why refused; or the load's warnings
};
// Reads the image at `image_path`. The deal's files are looked for where `deal_path`
// says (empty: where the image was compiled from); the image is refused, with the
// reason, when one of them changed, when `options` are not those it was compiled
// with, or when it is not an image of this engine or is damaged.
Read read(const std::string& image_path, const std::string& deal_path, const LoadOptions& options);

} // namespace dealcheck::image
