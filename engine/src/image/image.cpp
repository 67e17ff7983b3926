#include "image/image.hpp"

#include "image/format.hpp"
#include "image/sources.hpp"
#include "image/stream.hpp"
#include "image/validate.hpp"

#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dealcheck::image {

// A warning of the load the image was compiled by (Diagnostic has no default state).
struct Warning {
    DiagnosticCode code = DiagnosticCode::internal_error;
    Severity severity = Severity::Warning;
    SourceLocation where;
    std::string message, source_line, hint;
    int span = 1;
    std::vector<RelatedLocation> related;
};
template <class V> void fields(V& v, Warning& x) {
    v(x.code, x.severity, x.where, x.message, x.source_line, x.hint, x.span, x.related);
}

namespace {

// The image's bytes, mapped read-only for as long as it is read.
class Mapping {
  public:
    explicit Mapping(const std::string& path) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            opened_ = true;
            size_ = static_cast<std::size_t>(st.st_size);
            if (size_ > 0) {
                void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
                if (p != MAP_FAILED)
                    data_ = static_cast<const char*>(p);
                else
                    opened_ = false;
            }
        }
        ::close(fd);
    }
    ~Mapping() {
        if (data_) ::munmap(const_cast<char*>(data_), size_);
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    bool opened() const { return opened_; }
    std::string_view bytes() const { return {data_ ? data_ : "", data_ ? size_ : 0}; }

  private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    bool opened_ = false;
};

// A refusal: `image: error[DCxxxx]: message` with a hint.
struct Refusal {
    DiagnosticCode code;
    std::string message, hint;
};

std::string compile_again(const std::string& deal_path) {
    return "compile it again: dealcheck compile --rules " +
           (deal_path.empty() ? std::string("DEAL") : deal_path);
}

std::shared_ptr<const CompiledDeal> read_bytes(std::string_view bytes, const std::string& deal_path,
                                               const LoadOptions& options, Diagnostics& out) {
    auto refuse = [](DiagnosticCode code, std::string message, std::string hint) {
        throw Refusal{code, std::move(message), std::move(hint)};
    };
    if (bytes.empty())
        refuse(DiagnosticCode::image_corrupt, "the image is empty", compile_again(""));
    Header h;
    if (bytes.size() < sizeof h || std::memcmp(bytes.data(), magic, sizeof magic) != 0)
        refuse(DiagnosticCode::image_corrupt,
               "this is not a dealcheck image (its first bytes differ)",
               "give a deal folder, or an image written by `dealcheck compile`");
    std::memcpy(&h, bytes.data(), sizeof h);
    if (h.version != format_version)
        refuse(DiagnosticCode::image_version,
               "the image is of format version " + std::to_string(h.version) +
                   "; this dealcheck reads version " + std::to_string(format_version),
               compile_again(""));
    if (h.byte_order != byte_order || h.engine != engine_build())
        refuse(DiagnosticCode::image_version, "the image was written by another build of dealcheck",
               compile_again(""));
    std::uint64_t payload_at = aligned(sizeof h + h.sources_size);
    if (h.sources_size > bytes.size() || payload_at > bytes.size() ||
        h.payload_size != bytes.size() - payload_at)
        refuse(DiagnosticCode::image_corrupt,
               "the image is damaged: it is " + std::to_string(bytes.size()) +
                   " bytes, not the size its header gives (truncated?)",
               compile_again(""));
    auto sources_bytes = bytes.substr(sizeof h, h.sources_size);
    auto payload = bytes.substr(payload_at);
    if (checksum(sources_bytes) != h.sources_checksum)
        refuse(DiagnosticCode::image_corrupt,
               "the image is damaged: its source table fails its checksum", compile_again(""));
    Sources sources;
    Reader sr(sources_bytes, {});
    try {
        sr(sources);
    } catch (const Corrupt& c) {
        refuse(DiagnosticCode::image_corrupt, "the image is damaged: its source table: " + c.what,
               compile_again(""));
    }
    const std::string& from = deal_path.empty() ? sources.deal_path : deal_path;
    if (!sr.done() || key_of(sources) != h.key)
        refuse(DiagnosticCode::image_corrupt, "the image is damaged: its key does not match",
               compile_again(from));
    auto spelling = spell(sources, from);
    if (auto stale = staleness(sources, spelling, options))
        refuse(stale->code, stale->message,
               stale->code == DiagnosticCode::image_stale
                   ? "run `dealcheck compile --rules " + from + "` again"
                   : stale->hint);
    if (checksum(payload) != h.payload_checksum)
        refuse(DiagnosticCode::image_corrupt,
               "the image is damaged: its contents fail their checksum", compile_again(from));
    auto deal = std::make_shared<CompiledDeal>();
    std::vector<Warning> warnings;
    try {
        Reader r(payload, spelling.paths);
        r(warnings, *deal);
        if (!r.done()) throw Corrupt{"bytes are left after its end"};
        if (deal->model.files.size() != spelling.paths.size())
            throw Corrupt{"its files do not match its source table"};
        validate(*deal);
    } catch (const Corrupt& c) {
        refuse(DiagnosticCode::image_corrupt, "the image is damaged: " + c.what,
               compile_again(from));
    }
    for (std::size_t i = 0; i < spelling.paths.size(); ++i)
        deal->model.files[i].path = spelling.paths[i];
    deal->model.root = spelling.root;
    deal->build_index();
    for (auto& w : warnings) {
        Diagnostic d(w.code);
        d.severity = w.severity;
        d.where = std::move(w.where);
        d.message = std::move(w.message);
        d.source_line = std::move(w.source_line);
        d.span = w.span;
        d.hint = std::move(w.hint);
        d.related = std::move(w.related);
        out.add(std::move(d));
    }
    return deal;
}

} // namespace

std::string write(const CompiledDeal& deal, const std::string& deal_path,
                  const LoadOptions& options, const Diagnostics& warnings) {
    auto sources = sources_of(deal.model, deal_path, options);
    Writer sw({});
    sw(sources);
    std::vector<std::string> paths;
    for (const auto& f : deal.model.files)
        paths.push_back(f.path);
    std::vector<Warning> kept;
    for (const auto& d : warnings.items())
        if (d.severity != Severity::Error)
            kept.push_back(
                {d.code, d.severity, d.where, d.message, d.source_line, d.hint, d.span, d.related});
    Writer pw(paths);
    pw(kept, deal);

    Header h{};
    std::memcpy(h.magic, magic, sizeof magic);
    h.version = format_version;
    h.byte_order = byte_order;
    h.engine = engine_build();
    h.key = key_of(sources);
    h.sources_size = sw.bytes.size();
    h.sources_checksum = checksum(sw.bytes);
    h.payload_size = pw.bytes.size();
    h.payload_checksum = checksum(pw.bytes);
    std::string out(reinterpret_cast<const char*>(&h), sizeof h);
    out += sw.bytes;
    out.resize(aligned(out.size()), '\0');
    out += pw.bytes;
    return out;
}

bool is_image(const std::string& path) {
    if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".dcx") == 0) return true;
    Mapping m(path);
    auto b = m.bytes();
    return b.size() >= sizeof magic && std::memcmp(b.data(), magic, sizeof magic) == 0;
}

Read read(const std::string& image_path, const std::string& deal_path, const LoadOptions& options) {
    Read r;
    Mapping m(image_path);
    try {
        if (!m.opened())
            throw Refusal{DiagnosticCode::file_not_found, "cannot read the image",
                          "give the path of an image written by `dealcheck compile`"};
        r.deal = read_bytes(m.bytes(), deal_path, options, r.diagnostics);
    } catch (const Refusal& refusal) {
        Diagnostic d(refusal.code);
        d.where.file = image_path;
        d.message = refusal.message;
        d.hint = refusal.hint;
        r.diagnostics = {};
        r.diagnostics.add(std::move(d));
        r.deal = nullptr;
    }
    return r;
}

} // namespace dealcheck::image
