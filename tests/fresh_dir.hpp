#pragma once
// An empty folder of the tests' own under the system's temporary directory, emptied first so
// that a run never sees what an earlier one left.
#include <filesystem>
#include <string>

namespace kiosk::test {

inline std::string fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-test-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace kiosk::test
