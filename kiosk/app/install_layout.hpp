#pragma once
#include <filesystem>
#include <string>

namespace kiosk::app {

// Where the running program lives, and what sits around it: the build tree (build/bin with
// the sources' assets) or an installed kiosk (/usr/bin, /usr/lib/kiosk, /usr/share/kiosk).
// Empty when /proc/self/exe cannot be read.
std::filesystem::path program_dir();

// The assets: ../share/kiosk/assets beside the program's folder when that holds the message
// catalogs (an installed kiosk), else `built_in` (the source tree the build was made from).
std::string default_assets_dir(const std::string& built_in);

}  // namespace kiosk::app
