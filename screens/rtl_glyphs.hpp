#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fonts/font_files.hpp"

struct ImFont;
struct ImFontAtlas;

namespace kiosk::ui {

// The shaped Arabic glyphs (BidiText's private-use code points) as custom glyphs of each baked
// font: rasterised with FreeType at the Latin face's scale, so that Arabic and Latin text of a
// role look the same size, and painted into the atlas once Dear ImGui has packed it.
class RtlGlyphs {
 public:
  struct Target {
    ImFont* font;
    float px;   // the ImFont's size (Dear ImGui scales ascender-to-descender to it)
    bool bold;
  };
  static std::unique_ptr<RtlGlyphs> create(const FontSet& files, std::string* error);
  ~RtlGlyphs();

  // Before ImFontAtlas::Build: reserves a rectangle per glyph and font.
  void add(ImFontAtlas& atlas, const std::vector<Target>& targets, const std::set<unsigned>& glyphs);
  // After Build: copies the glyph images in and puts them on each font's baseline.
  void paint(ImFontAtlas& atlas);

  struct Impl;

 private:
  explicit RtlGlyphs(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::ui
