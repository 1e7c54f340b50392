#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace kiosk {

// 8-bit grey (1 channel) or RGB(A) (3 or 4 channels; a 4th byte per pixel is skipped: the PNG
// is RGB) pixels, rows `stride` bytes apart. Grey may also be 1 bit a pixel (bit_depth 1: eight
// pixels a byte from the left, 0 black, 1 white), as paper is.
struct PngPixels {
  const std::uint8_t* data = nullptr;
  int width = 0, height = 0, channels = 1;
  std::size_t stride = 0;
  int bit_depth = 8;
};

// Writes a PNG with zlib at its fastest setting and a row filter that turns flat screens and
// paper into runs of zeros. The file appears whole or not at all (written aside, then renamed).
bool write_png(const std::string& path, const PngPixels& image, std::string* error);

}  // namespace kiosk
