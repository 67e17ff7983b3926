#include "watch.hpp"

#include <chrono>
#include <thread>

namespace dealcheck::cli {

namespace fs = std::filesystem;

FileStates file_states(const std::vector<std::string>& paths) {
    FileStates states;
    auto add = [&](const fs::path& p) {
        std::error_code ec;
        auto time = fs::last_write_time(p, ec);
        auto size = fs::file_size(p, ec);
        if (!ec) states[p.string()] = {time, size};
    };
    for (const auto& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            add(path);
            continue;
        }
        for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec)) add(it->path());
    }
    return states;
}

void wait_for_change(const std::vector<std::string>& paths, const FileStates& before) {
    using namespace std::chrono_literals;
    while (file_states(paths) == before)
        std::this_thread::sleep_for(250ms);
}

} // namespace dealcheck::cli
