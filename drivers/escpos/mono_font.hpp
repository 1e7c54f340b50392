#pragma once
#include <memory>

#include "render/raster.hpp"

namespace kiosk::escpos {

// The printer's resident font, stood in for by a monospaced outline font (DejaVu Sans Mono
// through fontconfig): Font A is 12×24 dots, Font B 9×17.
class MonoFont {
 public:
  static std::unique_ptr<MonoFont> create();
  ~MonoFont();
  // Draws one character into a cell of cell_w × cell_h dots at (x, y), stretched by the
  // width and height multipliers; bold thickens strokes by one dot.
  void draw(Raster& paper, int x, int y, char32_t ch, int cell_w, int cell_h, int mul_w, int mul_h, bool bold);

  struct Impl;
 private:
  explicit MonoFont(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::escpos
