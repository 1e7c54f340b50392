#pragma once
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

namespace kiosk::ui {

// An 8-bit coverage image (glyphs, Dear ImGui's white pixel). The software renderer draws
// from it; its address is the ImTextureID. One byte a texel: a quarter of RGBA. The memory is
// the kernel's zero pages until written, so a page of glyphs costs only the rows it uses.
class AlphaTexture {
 public:
  AlphaTexture() = default;
  AlphaTexture(int width, int height, const std::uint8_t* copy_from = nullptr)
      : width_(width), height_(height), pixels_(static_cast<std::uint8_t*>(std::calloc(size(), 1))) {
    if (!pixels_) throw std::bad_alloc();
    if (copy_from) std::memcpy(pixels_.get(), copy_from, size());
  }

  int width() const { return width_; }
  int height() const { return height_; }
  std::uint8_t at(int x, int y) const { return row(y)[x]; }
  const std::uint8_t* row(int y) const { return pixels_.get() + static_cast<std::size_t>(y) * width_; }
  std::uint8_t* row(int y) { return pixels_.get() + static_cast<std::size_t>(y) * width_; }

 private:
  struct Free {
    void operator()(std::uint8_t* p) const { std::free(p); }
  };
  std::size_t size() const { return static_cast<std::size_t>(width_) * height_; }
  int width_ = 0, height_ = 0;
  std::unique_ptr<std::uint8_t[], Free> pixels_;
};

}  // namespace kiosk::ui
