// How each kind of field is written to and read from a deal image: numbers and enums
// as their bytes (the image is for the machine that wrote it: its header names the
// byte order and the engine build), strings and vectors as a 64-bit count and their
// elements, optionals as a flag and the value, structs as their field lists
// (image/fields.hpp).
//
// The reader trusts nothing: every count is checked against the bytes left before
// anything is allocated or read, and a bool must be 0 or 1. A bad image throws
// Corrupt, which the caller reports; it never reads outside the bytes it is given.
#pragma once

#include "image/fields.hpp"

#include <cstddef>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dealcheck::image {

struct Corrupt {
    std::string what; // "a count is larger than the image"
};

// Types whose vectors are copied as one block of bytes: no padding, any bit pattern valid.
template <class T>
inline constexpr bool is_block = (std::is_integral_v<T> && !std::is_same_v<T, bool>) ||
                                 std::is_same_v<T, Date> || std::is_same_v<T, compiler::Cell>;

// A source location names its file by its index in the image's file table, so that an
// image loaded from another spelling of the deal's folder names the files as a load of
// that folder would.
inline constexpr std::uint32_t no_file = 0xffffffffu;

class Writer {
  public:
    explicit Writer(const std::vector<std::string>& paths) {
        for (std::uint32_t i = 0; i < paths.size(); ++i)
            file_of_.emplace(paths[i], i);
    }
    std::string bytes;

    template <class... T> void operator()(const T&... xs) { (put(xs), ...); }

    template <class T> void put(const T& x) {
        if constexpr (std::is_enum_v<T>)
            put(static_cast<std::underlying_type_t<T>>(x));
        else if constexpr (std::is_same_v<T, bool>)
            put(static_cast<std::uint8_t>(x ? 1 : 0));
        else if constexpr (std::is_arithmetic_v<T>)
            raw(&x, sizeof x);
        else
            fields(*this, const_cast<T&>(x)); // the field lists serve both ways; not modified
    }
    void put(const std::string& s) {
        put(static_cast<std::uint64_t>(s.size()));
        raw(s.data(), s.size());
    }
    template <class T> void put(const std::vector<T>& v) {
        put(static_cast<std::uint64_t>(v.size()));
        if constexpr (is_block<T>)
            raw(v.data(), v.size() * sizeof(T));
        else
            for (const auto& x : v)
                put(x);
    }
    template <class T, std::size_t N> void put(const std::array<T, N>& a) {
        for (const auto& x : a)
            put(x);
    }
    template <class T> void put(const std::optional<T>& o) {
        put(o.has_value());
        if (o) put(*o);
    }
    template <class A, class B> void put(const std::pair<A, B>& p) { (*this)(p.first, p.second); }
    void put(const SourceLocation& w) {
        auto it = file_of_.find(w.file);
        put(it == file_of_.end() ? no_file : it->second);
        if (it == file_of_.end()) put(w.file);
        (*this)(w.line, w.column);
    }
    void put(const std::unique_ptr<syntax::Lexicon>& lexicon) { put(lexicon->entries()); }

  private:
    std::unordered_map<std::string, std::uint32_t> file_of_;
    void raw(const void* p, std::size_t n) {
        if (n > 0) bytes.append(static_cast<const char*>(p), n);
    }
};

class Reader {
  public:
    Reader(std::string_view bytes, const std::vector<std::string>& paths)
        : at_(bytes.data()), end_(bytes.data() + bytes.size()), paths_(paths) {}

    template <class... T> void operator()(T&... xs) { (get(xs), ...); }
    bool done() const { return at_ == end_; }

    template <class T> void get(T& x) {
        if constexpr (std::is_enum_v<T>) {
            std::underlying_type_t<T> u;
            get(u);
            x = static_cast<T>(u);
        } else if constexpr (std::is_same_v<T, bool>) {
            std::uint8_t b;
            get(b);
            if (b > 1) throw Corrupt{"a true-or-false field holds " + std::to_string(b)};
            x = b == 1;
        } else if constexpr (std::is_arithmetic_v<T>) {
            raw(&x, sizeof x);
        } else {
            // Structs nest a few levels deep (an aggregate's filter is a program): a
            // crafted image must not nest them until the stack runs out.
            if (++depth_ > max_depth) throw Corrupt{"its structures nest too deeply"};
            fields(*this, x);
            --depth_;
        }
    }
    void get(std::string& s) {
        auto n = count(1);
        s.assign(at_, n);
        at_ += n;
    }
    template <class T> void get(std::vector<T>& v) {
        // Every element takes at least one byte: a count is bounded by what is left.
        auto n = count(is_block<T> ? sizeof(T) : 1);
        v.resize(n);
        if constexpr (is_block<T>)
            raw(v.data(), n * sizeof(T));
        else
            for (auto& x : v)
                get(x);
    }
    template <class T, std::size_t N> void get(std::array<T, N>& a) {
        for (auto& x : a)
            get(x);
    }
    template <class T> void get(std::optional<T>& o) {
        bool has = false;
        get(has);
        o.reset();
        if (has) get(o.emplace());
    }
    template <class A, class B> void get(std::pair<A, B>& p) { (*this)(p.first, p.second); }
    void get(SourceLocation& w) {
        std::uint32_t file = 0;
        get(file);
        if (file == no_file)
            get(w.file);
        else if (file < paths_.size())
            w.file = paths_[file];
        else
            throw Corrupt{"a location names file " + std::to_string(file) + " of " +
                          std::to_string(paths_.size())};
        (*this)(w.line, w.column);
    }
    void get(std::unique_ptr<syntax::Lexicon>& lexicon) {
        std::vector<syntax::LexiconEntry> entries;
        get(entries);
        lexicon = std::make_unique<syntax::Lexicon>(std::move(entries));
    }

  private:
    const char* at_;
    const char* end_;
    const std::vector<std::string>& paths_;
    static constexpr int max_depth = 64;
    int depth_ = 0;

    std::size_t left() const { return static_cast<std::size_t>(end_ - at_); }
    void raw(void* p, std::size_t n) {
        if (n > left()) throw Corrupt{"it ends in the middle of a field"};
        if (n == 0) return;
        std::memcpy(p, at_, n);
        at_ += n;
    }
    std::size_t count(std::size_t element) {
        std::uint64_t n = 0;
        raw(&n, sizeof n);
        if (n > left() / element)
            throw Corrupt{"a count (" + std::to_string(n) + ") is larger than what is left of it"};
        return static_cast<std::size_t>(n);
    }
};

} // namespace dealcheck::image
