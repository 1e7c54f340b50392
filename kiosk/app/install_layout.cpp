#include "install_layout.hpp"

namespace kiosk::app {

namespace fs = std::filesystem;

fs::path program_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::string default_assets_dir(const std::string& built_in) {
  const fs::path dir = program_dir();
  if (dir.empty()) return built_in;
  const fs::path installed = dir.parent_path() / "share" / "kiosk" / "assets";
  std::error_code ec;
  return fs::is_directory(installed / "i18n", ec) ? installed.string() : built_in;
}

}  // namespace kiosk::app
