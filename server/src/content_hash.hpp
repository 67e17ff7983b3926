// A deal's revision: a hash of the contents of its files, so that the same files give
// the same revision on every replica and any edit gives a new one.
#pragma once

#include <string>

namespace dealcheck::server {

// 16 hex digits (FNV-1a, 64 bits) over the relative path and bytes of every regular
// file under `folder` (or of the file itself), in path order. A change detector and a
// name for what was served, not a cryptographic digest. "" when nothing can be read.
std::string content_hash(const std::string& folder);

// What the file system says of those files without reading them: their paths, sizes
// and modification times. Cheap to compare on every poll; when it changes, the
// content_hash says whether the contents did.
std::string files_signature(const std::string& folder);

} // namespace dealcheck::server
