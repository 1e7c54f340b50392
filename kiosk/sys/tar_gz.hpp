#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kiosk {

// Files as a gzip-compressed tar archive (POSIX ustar), made in memory: names up to 100 bytes,
// regular files only, mode 0644, owned by nobody in particular. Empty when zlib fails.
using ArchiveFiles = std::vector<std::pair<std::string, std::string>>;  // name, contents
std::string tar_gz(const ArchiveFiles& files, long long mtime);

}  // namespace kiosk
