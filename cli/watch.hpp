// `--watch`: wait until a file under some paths changes. Polls, so that it works the
// same on every file system (network mounts and containers included).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dealcheck::cli {

// Each regular file under the paths (folders recursively) with its time of last
// change and size.
using FileStates =
    std::map<std::string, std::pair<std::filesystem::file_time_type, std::uintmax_t>>;

FileStates file_states(const std::vector<std::string>& paths);

// Returns once the files under `paths` differ from `before`: a file changed, came or went.
void wait_for_change(const std::vector<std::string>& paths, const FileStates& before);

} // namespace dealcheck::cli
