#include "small_file.hpp"

#include <fstream>

namespace kiosk {

std::optional<std::string> read_small_file(const std::string& path, std::size_t limit, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return *error = "cannot read " + path, std::nullopt;
  // One byte more than allowed tells a file that is too large from one that is just right.
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return *error = "cannot read " + path, std::nullopt;
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > limit) return *error = path + " is larger than " + std::to_string(limit) + " bytes", std::nullopt;
  return text;
}

}  // namespace kiosk
