#include "image/format.hpp"

#include <cstring>
#include <string>

namespace dealcheck::image {

namespace {

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

} // namespace

// Eight bytes a step, each step mixed in with a multiply and a rotation; the length
// and a final avalanche make prefixes and permutations hash apart.
std::uint64_t checksum(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t h = seed ^ (0x9e3779b97f4a7c15ull * (bytes.size() + 1));
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, bytes.data() + i, 8);
        h = (h ^ (w * 0x87c37b91114253d5ull)) * 0x4cf5ad432745937full;
        h = (h << 31) | (h >> 33);
    }
    std::uint64_t tail = 0;
    if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    h ^= tail * 0x87c37b91114253d5ull;
    return mix(h);
}

std::uint64_t engine_build() {
    static const std::uint64_t id = checksum(std::string("dealcheck ") + DEALCHECK_VERSION +
                                             " image " + std::to_string(format_version) + " " +
                                             __VERSION__ + " " + std::to_string(sizeof(void*)));
    return id;
}

} // namespace dealcheck::image
