#include "mono_font.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <string>

namespace kiosk::escpos {

struct MonoFont::Impl {
  bool tried = false;
  FT_Library lib = nullptr;
  FT_Face face = nullptr;
  ~Impl() {
    if (face) FT_Done_Face(face);
    if (lib) FT_Done_FreeType(lib);
  }

  // Looked up on the first character drawn, not when the printer is made: fontconfig's set-up
  // costs milliseconds the kiosk's start does not have.
  FT_Face get() {
    if (tried) return face;
    tried = true;
    FcInit();
    std::string path;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("monospace"));
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    if (FcPattern* font = FcFontMatch(nullptr, pattern, &result)) {
      FcChar8* file = nullptr;
      if (FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch) path = reinterpret_cast<char*>(file);
      FcPatternDestroy(font);
    }
    FcPatternDestroy(pattern);
    // Without a font the virtual printer still works: text shows as hollow boxes.
    if (FT_Init_FreeType(&lib) == 0 && !path.empty() && FT_New_Face(lib, path.c_str(), 0, &face) != 0) face = nullptr;
    return face;
  }
};

MonoFont::MonoFont(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MonoFont::~MonoFont() = default;

std::unique_ptr<MonoFont> MonoFont::create() { return std::unique_ptr<MonoFont>(new MonoFont(std::make_unique<Impl>())); }

void MonoFont::draw(Raster& paper, int x, int y, char32_t ch, int cell_w, int cell_h, int mul_w, int mul_h, bool bold) {
  if (ch == U' ' || ch == 0xA0) return;
  FT_Face face = impl_->get();
  if (!face || FT_Get_Char_Index(face, ch) == 0) {
    // Unknown glyph: a hollow box, as printers do.
    for (int i = 1; i < cell_w * mul_w - 1; ++i) {
      paper.set(x + i, y + 2);
      paper.set(x + i, y + cell_h * mul_h - 3);
    }
    for (int j = 2; j < cell_h * mul_h - 2; ++j) {
      paper.set(x + 1, y + j);
      paper.set(x + cell_w * mul_w - 2, y + j);
    }
    return;
  }
  // DejaVu Sans Mono advances 0.6 em: this size fills a 12-dot-wide cell.
  const int px = cell_w * 10 / 6;
  FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(px));
  if (FT_Load_Char(face, ch, FT_LOAD_RENDER) != 0) return;
  const FT_GlyphSlot g = face->glyph;
  const int baseline = cell_h * 4 / 5;
  for (unsigned row = 0; row < g->bitmap.rows; ++row)
    for (unsigned col = 0; col < g->bitmap.width; ++col) {
      if (g->bitmap.buffer[row * g->bitmap.pitch + col] < 110) continue;
      const int cx = g->bitmap_left + static_cast<int>(col);
      const int cy = baseline - g->bitmap_top + static_cast<int>(row);
      if (cx < 0 || cy < 0 || cx >= cell_w || cy >= cell_h) continue;
      for (int dy = 0; dy < mul_h; ++dy)
        for (int dx = 0; dx < mul_w + (bold ? 1 : 0); ++dx) paper.set(x + cx * mul_w + dx, y + cy * mul_h + dy);
    }
}

}  // namespace kiosk::escpos
