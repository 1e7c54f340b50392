#pragma once
#include <string>

#include "config.hpp"

namespace kiosk::app {

// The folder for what a start can make again (Config::cache_dir), made if need be: the
// configured one; else systemd's $CACHE_DIRECTORY (CacheDirectory=), $XDG_CACHE_HOME/kiosk or
// ~/.cache/kiosk; else, or when none of those can be made, <data_dir>/cache. Nothing in it is
// trusted: each file there names what it was made from and is made again when that changed.
std::string cache_folder(const Config& config);

}  // namespace kiosk::app
