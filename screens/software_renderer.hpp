#pragma once
// Draws Dear ImGui's output into a frame in memory, on the CPU, whatever shows it afterwards
// (a window's streaming texture, a screenshot, a test). It knows the shapes the screens make:
// axis-aligned quads (glyphs, plain rectangles) are copied or filled a row at a time, and
// everything else (rounded corners, anti-aliased edges, lines) is scan-converted triangle by
// triangle, with colours and texture coordinates interpolated only where they vary.
#include <cstdint>
#include <memory>

struct ImDrawData;

namespace kiosk::ui {

class SoftwareRenderer {
 public:
  SoftwareRenderer(int width, int height);
  ~SoftwareRenderer();
  SoftwareRenderer(SoftwareRenderer&&) noexcept;

  // Pixels are ImU32 colours (R in the low byte: RGBA bytes in memory), always opaque.
  void clear(std::uint32_t rgba);
  // Textures are AlphaTexture pointers; a null texture is plain colour. Pictures in colour come
  // as image commands (add_image).
  void render(const ImDrawData* data);

  int width() const { return width_; }
  int height() const { return height_; }
  const std::uint32_t* pixels() const { return pixels_.get(); }

 private:
  struct Free {
    void operator()(std::uint32_t* p) const;
  };
  int width_, height_;
  std::unique_ptr<std::uint32_t[], Free> pixels_;
};

}  // namespace kiosk::ui
