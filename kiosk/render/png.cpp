#include <stb/stb_image_write.h>

#include "raster.hpp"

namespace kiosk {

bool write_png(const Raster& r, const std::string& path, std::string* error) {
  std::vector<std::uint8_t> gray(r.dots.size());
  for (std::size_t i = 0; i < r.dots.size(); ++i) gray[i] = r.dots[i] ? 0 : 255;
  if (r.width <= 0 || r.height <= 0 ||
      !stbi_write_png(path.c_str(), r.width, r.height, 1, gray.data(), r.width)) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace kiosk
