// Fuzz target: the compiled deal image's reader (docs/image.md). The input is the
// image's contents section: it is put behind the header and source table of a fresh
// image of the bundled sale-of-goods deal, with its checksum rewritten to match, so that
// mutations reach the structural reader and the validation instead of all failing the
// checksum. Any input must load or be refused with an image error, never crash, hang
// or exhaust memory; what loads is answered (its vocabulary's example questions, its
// status), which only a fully validated deal survives under ASan.
#include "dealcheck/dealcheck.hpp"
#include "image/format.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace dealcheck;

struct Base {
    fs::path dir, image;
    image::Header header{};
    std::string sources; // the header's source table, up to the contents
    Base() {
        fs::path tmp = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        dir = tmp / ("dealcheck-fuzz-image-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::copy(fs::path(DEALCHECK_RULES_DIR) / "sale-of-goods", dir, fs::copy_options::recursive);
        image = dir / "fuzz.dcx";
        auto d = Deal::compile_image(dir.string(), image.string());
        if (d.has_errors()) std::abort();
        std::ifstream in(image, std::ios::binary);
        std::string bytes(std::istreambuf_iterator<char>(in), {});
        std::memcpy(&header, bytes.data(), sizeof header);
        sources = bytes.substr(sizeof header,
                               image::aligned(sizeof header + header.sources_size) - sizeof header);
    }
    ~Base() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

const Base& base() {
    static const Base b;
    return b;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& b = base();
    std::string_view contents(reinterpret_cast<const char*>(data), size);
    auto h = b.header;
    h.payload_size = size;
    h.payload_checksum = image::checksum(contents);
    {
        std::ofstream out(b.image, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(&h), sizeof h);
        out.write(b.sources.data(), static_cast<std::streamsize>(b.sources.size()));
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    }
    auto loaded = Deal::load(b.image.string());
    if (!loaded.deal) {
        // Refused: with one image error, located at the image.
        const auto& items = loaded.diagnostics.items();
        if (items.size() != 1 || items[0].where.file != b.image.string()) std::abort();
        return 0;
    }
    (void)loaded.deal->vocabulary();
    (void)loaded.deal->status(Date{20000});
    (void)loaded.deal->summary();
    return 0;
}
