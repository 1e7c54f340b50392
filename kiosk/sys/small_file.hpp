#pragma once
#include <optional>
#include <string>

namespace kiosk {

// A file of at most `limit` bytes, whole; nothing, with why, when it cannot be read or is larger.
std::optional<std::string> read_small_file(const std::string& path, std::size_t limit, std::string* error);

}  // namespace kiosk
