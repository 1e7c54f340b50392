#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// A picture of paper, one bit per dot (1 = black), each row packed eight dots a byte from the
// left as ESC/POS rasters are. Thermal printers are 1-bit: a byte per dot made a receipt's
// pictures (laid out, sent, printed by the virtual printer) 3 MB at the moment of printing.
struct Raster {
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes a row
  std::vector<std::uint8_t> bits;

  Raster() = default;
  Raster(int w, int h) : width(w), height(h), stride((w + 7) / 8), bits(static_cast<std::size_t>(stride) * h, 0) {}
  std::uint8_t at(int x, int y) const {
    return (bits[static_cast<std::size_t>(y) * stride + static_cast<std::size_t>(x / 8)] >> (7 - x % 8)) & 1;
  }
  void set(int x, int y) {
    if (x >= 0 && y >= 0 && x < width && y < height)
      bits[static_cast<std::size_t>(y) * stride + static_cast<std::size_t>(x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
  }
  // Rows [from, to) as a raster of their own.
  Raster rows(int from, int to) const {
    Raster r(width, to - from);
    std::copy(bits.begin() + static_cast<std::ptrdiff_t>(from) * stride,
              bits.begin() + static_cast<std::ptrdiff_t>(to) * stride, r.bits.begin());
    return r;
  }
  void grow_to(int h) {
    if (h > height) {
      bits.resize(static_cast<std::size_t>(stride) * h, 0);
      height = h;
    }
  }
};

// Writes the raster as a PNG (white paper, black dots).
bool write_png(const Raster& raster, const std::string& path, std::string* error);

}  // namespace kiosk
