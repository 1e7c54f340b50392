#pragma once
#include <string>
#include <string_view>
#include <sys/types.h>

namespace kiosk {

// Replaces the file at `path` with `content` so that a crash or a power cut leaves either the old
// file or the new one, whole: written to `path`.tmp, fsynced, renamed over `path`, and the folder
// fsynced so that the rename itself is on disk. Makes the folder when it is missing.
bool write_file_durably(const std::string& path, std::string_view content, mode_t mode, std::string* error);

}  // namespace kiosk
