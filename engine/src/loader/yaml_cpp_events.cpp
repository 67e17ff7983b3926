#include "loader/yaml_events.hpp"

#include <istream>
#include <streambuf>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace dealcheck::loader {

namespace {

class Events final : public YAML::EventHandler {
  public:
    // yaml-cpp's offsets leave out a byte-order mark; the loaders' are the file's.
    Events(Builder& b, int bom) : b_(b), bom_(bom) {}
    yaml::Mark mark_of(const YAML::Mark& m) const {
        return {m.pos < 0 ? m.pos : m.pos + bom_, m.line, m.column};
    }

    void OnDocumentStart(const YAML::Mark& mark) override { b_.document_start(mark_of(mark)); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        b_.null(mark_of(mark), anchor);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        b_.alias(mark_of(mark), anchor);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        b_.scalar(mark_of(mark), tag, anchor, value);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        b_.open(mark_of(mark), tag, anchor, yaml::Kind::List);
    }
    void OnSequenceEnd() override { b_.close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        b_.open(mark_of(mark), tag, anchor, yaml::Kind::Map);
    }
    void OnMapEnd() override { b_.close(); }

  private:
    Builder& b_;
    int bom_;
};

// An istream over text that is not copied.
struct ViewBuffer : std::streambuf {
    explicit ViewBuffer(std::string_view t) {
        char* p = const_cast<char*>(t.data());
        setg(p, p, p + t.size());
    }
};

} // namespace

void yaml_cpp_events(const model::SourceFile& file, Builder& builder) {
    ViewBuffer buffer(file.text);
    std::istream in(&buffer);
    Events events(builder, has_bom(file.text) ? 3 : 0);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(events)) {
        }
    } catch (const YAML::Exception& e) {
        throw YamlSyntaxError{events.mark_of(e.mark), e.msg};
    }
}

} // namespace dealcheck::loader
