#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// A picture of paper: one byte per dot, 0 = white, 1 = black. Thermal printers are 1-bit.
struct Raster {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> dots;

  Raster() = default;
  Raster(int w, int h) : width(w), height(h), dots(static_cast<std::size_t>(w) * h, 0) {}
  std::uint8_t at(int x, int y) const { return dots[static_cast<std::size_t>(y) * width + x]; }
  void set(int x, int y) {
    if (x >= 0 && y >= 0 && x < width && y < height) dots[static_cast<std::size_t>(y) * width + x] = 1;
  }
  // Rows [from, to) as a raster of their own.
  Raster rows(int from, int to) const {
    Raster r(width, to - from);
    std::copy(dots.begin() + static_cast<std::ptrdiff_t>(from) * width,
              dots.begin() + static_cast<std::ptrdiff_t>(to) * width, r.dots.begin());
    return r;
  }
  void grow_to(int h) {
    if (h > height) {
      dots.resize(static_cast<std::size_t>(width) * h, 0);
      height = h;
    }
  }
};

// Writes the raster as a PNG (white paper, black dots).
bool write_png(const Raster& raster, const std::string& path, std::string* error);

}  // namespace kiosk
