#pragma once
#include <cstdint>
#include <vector>

namespace kiosk::ui {

// An 8-bit coverage image (glyphs, Dear ImGui's white pixel). The software renderer draws
// from it; its address is the ImTextureID. One byte a texel: a quarter of RGBA.
struct AlphaTexture {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

}  // namespace kiosk::ui
