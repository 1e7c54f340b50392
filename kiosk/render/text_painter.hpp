#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "fonts/font_files.hpp"
#include "raster.hpp"

namespace kiosk {

class FaceSet;

// Draws UTF-8 text onto a Raster with FreeType and the same Noto fonts as the screens:
// Noto Sans for Latin scripts, Noto Sans CJK for Chinese, and Noto Sans Arabic, each line
// shaped and put in visual order by a Shaper.
class TextPainter {
 public:
  // On faces shared with the screens (used on the same thread), or on faces of its own.
  static std::unique_ptr<TextPainter> create(std::shared_ptr<FaceSet> faces, std::string* error);
  static std::unique_ptr<TextPainter> create(const FontSet& fonts, std::string* error);
  ~TextPainter();

  // Measures and draws one line of logical text; `rtl_paragraph`: the line belongs to a
  // right-to-left paragraph (Shaper::shape).
  float measure(std::string_view line, bool rtl_paragraph, int px, bool bold);
  // Draws with the baseline at `baseline`; coverage of half or more becomes a black dot.
  void draw(Raster& paper, int x, int baseline, std::string_view line, bool rtl_paragraph, int px, bool bold);
  int ascent(int px) const { return px * 107 / 100; }     // Noto's ascender is 1.069 em
  int line_height(int px) const { return px * 140 / 100; }
  int missing_glyphs() const { return missing_; }

  struct Impl;
 private:
  explicit TextPainter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int missing_ = 0;
};

}  // namespace kiosk
