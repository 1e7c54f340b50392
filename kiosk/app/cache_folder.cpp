#include "cache_folder.hpp"

#include <cstdlib>
#include <filesystem>

namespace kiosk::app {

namespace {

// The variable's value if it is an absolute path (the XDG rule: a relative one is ignored).
std::string absolute_from(const char* variable) {
  const char* value = std::getenv(variable);
  if (!value || value[0] != '/') return "";
  std::string path(value);
  // systemd may list several folders, separated by colons: the first is ours.
  if (const auto colon = path.find(':'); colon != std::string::npos) path.resize(colon);
  return path;
}

bool usable(const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  return !ec && std::filesystem::is_directory(folder, ec);
}

}  // namespace

std::string cache_folder(const Config& config) {
  std::string candidates[4] = {config.cache_dir, absolute_from("CACHE_DIRECTORY"), absolute_from("XDG_CACHE_HOME"),
                               absolute_from("HOME")};
  if (!candidates[2].empty()) candidates[2] += "/kiosk";
  if (!candidates[3].empty()) candidates[3] += "/.cache/kiosk";
  for (const std::string& folder : candidates)
    if (!folder.empty() && usable(folder)) return folder;
  const std::string own = config.data_dir + "/cache";
  usable(own);
  return own;
}

}  // namespace kiosk::app
