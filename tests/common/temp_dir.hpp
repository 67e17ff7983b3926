// A fresh folder under the system's temporary directory, removed with its contents
// when destroyed: where tests write the deals and files they are about.
#pragma once

#include <filesystem>

namespace dealcheck::test {

class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

} // namespace dealcheck::test
