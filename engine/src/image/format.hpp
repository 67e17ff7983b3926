// The fixed part of a deal image (docs/image.md): a 64-byte header, then the source
// table and the compiled deal, each at a 64-byte boundary and each with its checksum.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dealcheck::image {

// Bump whenever image/fields.hpp or the types it lists change: an image of another
// version is refused, never misread.
inline constexpr std::uint32_t format_version = 2;
inline constexpr char magic[8] = {'D', 'E', 'A', 'L', 'C', 'D', 'X', '\x1a'};
inline constexpr std::uint32_t byte_order = 0x01020304;
inline constexpr std::size_t alignment = 64;

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint64_t engine; // engine_build(): the dealcheck version and compiler that wrote it
    std::uint64_t key;    // of the sources and load options (image/sources.hpp)
    std::uint64_t sources_size, sources_checksum;
    std::uint64_t payload_size, payload_checksum;
};
static_assert(sizeof(Header) == 64);

// A fast 64-bit hash: catches accidental corruption and changed files, not attacks.
std::uint64_t checksum(std::string_view bytes, std::uint64_t seed = 0);

std::uint64_t engine_build();

inline std::size_t aligned(std::size_t n) {
    return (n + alignment - 1) / alignment * alignment;
}

} // namespace dealcheck::image
