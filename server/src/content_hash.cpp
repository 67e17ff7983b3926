#include "content_hash.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace dealcheck::server {

namespace fs = std::filesystem;

namespace {

struct Fnv1a {
    std::uint64_t h = 0xcbf29ce484222325ull;
    void add(const char* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<unsigned char>(p[i]);
            h *= 0x100000001b3ull;
        }
    }
    void add(const std::string& s) { add(s.data(), s.size() + 1); } // with its NUL: a separator
};

// The regular files under `root` (or `root` itself), in path order; empty when they
// cannot be listed.
std::vector<fs::path> files_under(const fs::path& root) {
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_regular_file(root, ec)) {
        files.push_back(root);
    } else {
        for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) files.clear();
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

std::string files_signature(const std::string& folder) {
    std::string out;
    for (const auto& file : files_under(folder)) {
        std::error_code ec;
        auto size = fs::file_size(file, ec);
        auto time = fs::last_write_time(file, ec).time_since_epoch().count();
        out += file.string() + '\0' + std::to_string(size) + '\0' + std::to_string(time) + '\n';
    }
    return out;
}

std::string content_hash(const std::string& folder) {
    fs::path root(folder);
    auto files = files_under(root);
    if (files.empty()) return "";
    Fnv1a hash;
    std::vector<char> buffer(1 << 16);
    for (const auto& file : files) {
        hash.add(file.lexically_relative(root).generic_string());
        std::ifstream in(file, std::ios::binary);
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            hash.add(buffer.data(), static_cast<std::size_t>(in.gcount()));
        }
    }
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, hash.h >>= 4)
        out[static_cast<std::size_t>(i)] = digits[hash.h & 0xf];
    return out;
}

} // namespace dealcheck::server
