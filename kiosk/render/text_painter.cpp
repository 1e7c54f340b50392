#include "text_painter.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <unordered_map>

#include "core/utf8.hpp"
#include "text/bidi_text.hpp"

namespace kiosk {

struct TextPainter::Impl {
  FT_Library lib = nullptr;
  FT_Face regular = nullptr;
  FT_Face bold = nullptr;
  FT_Face cjk = nullptr;
  FT_Face cjk_bold = nullptr;
  FT_Face arabic = nullptr;
  FT_Face arabic_bold = nullptr;
  std::unique_ptr<BidiText> bidi;
  // Advances by (code point, size, bold): measuring is most of the layout's work.
  std::unordered_map<std::uint64_t, float> advances;

  ~Impl() {
    for (FT_Face f : {regular, bold, cjk, cjk_bold, arabic, arabic_bold})
      if (f) FT_Done_Face(f);
    if (lib) FT_Done_FreeType(lib);
  }

  // The face that has this character, or nullptr. A shaped glyph is the Arabic face's.
  FT_Face face_for(char32_t cp, bool want_bold) const {
    if (BidiText::is_glyph(cp)) return want_bold && arabic_bold ? arabic_bold : arabic;
    FT_Face first = want_bold && bold ? bold : regular;
    if (FT_Get_Char_Index(first, cp)) return first;
    FT_Face han = want_bold && cjk_bold ? cjk_bold : cjk;
    if (han && FT_Get_Char_Index(han, cp)) return han;
    return nullptr;
  }
};

namespace {

bool load(FT_Face face, char32_t cp, FT_Int32 flags) {
  if (BidiText::is_glyph(cp)) return FT_Load_Glyph(face, BidiText::glyph_index(cp), flags) == 0;
  return FT_Load_Char(face, cp, flags) == 0;
}

}  // namespace

TextPainter::TextPainter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TextPainter::~TextPainter() = default;

std::unique_ptr<TextPainter> TextPainter::create(const FontSet& fonts, std::string* error) {
  auto impl = std::make_unique<Impl>();
  if (FT_Init_FreeType(&impl->lib) != 0) {
    if (error) *error = "FreeType could not start";
    return nullptr;
  }
  auto open = [&](const FontFile& f, FT_Face* face) {
    return f.found() && FT_New_Face(impl->lib, f.path.c_str(), f.face_index, face) == 0;
  };
  if (!open(fonts.latin, &impl->regular)) {
    if (error) *error = "Noto Sans not found (Debian package fonts-noto-core)";
    return nullptr;
  }
  open(fonts.latin_bold, &impl->bold);
  open(fonts.cjk_bold, &impl->cjk_bold);
  if (!open(fonts.cjk, &impl->cjk)) {
    if (error) *error = "Noto Sans CJK not found (Debian package fonts-noto-cjk)";
    return nullptr;
  }
  impl->bidi = BidiText::create(fonts.arabic, error);
  if (!impl->bidi) return nullptr;
  if (!open(fonts.arabic, &impl->arabic)) {
    if (error) *error = "cannot open " + fonts.arabic.path;
    return nullptr;
  }
  open(fonts.arabic_bold, &impl->arabic_bold);
  return std::unique_ptr<TextPainter>(new TextPainter(std::move(impl)));
}

std::string TextPainter::visual(std::string_view line, bool rtl_paragraph) const {
  return impl_->bidi->visual(line, rtl_paragraph);
}

float TextPainter::measure(std::string_view text, int px, bool bold) {
  float width = 0;
  for (char32_t cp : utf8_decode(text)) {
    const std::uint64_t key = (static_cast<std::uint64_t>(cp) << 16) | (static_cast<std::uint64_t>(px) << 1) | (bold ? 1 : 0);
    auto it = impl_->advances.find(key);
    if (it == impl_->advances.end()) {
      float advance = 0;
      if (FT_Face face = impl_->face_for(cp, bold)) {
        FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(px));
        if (load(face, cp, FT_LOAD_DEFAULT)) advance = face->glyph->advance.x / 64.0f;
      }
      it = impl_->advances.emplace(key, advance).first;
    }
    width += it->second;
  }
  return width;
}

void TextPainter::draw(Raster& paper, int x, int baseline, std::string_view text, int px, bool bold) {
  float pen = static_cast<float>(x);
  for (char32_t cp : utf8_decode(text)) {
    FT_Face face = impl_->face_for(cp, bold);
    if (!face) {
      ++missing_;
      continue;
    }
    FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(px));
    if (!load(face, cp, FT_LOAD_RENDER)) {
      ++missing_;
      continue;
    }
    const FT_GlyphSlot g = face->glyph;
    const int left = static_cast<int>(pen) + g->bitmap_left;
    const int top = baseline - g->bitmap_top;
    for (unsigned row = 0; row < g->bitmap.rows; ++row)
      for (unsigned col = 0; col < g->bitmap.width; ++col)
        if (g->bitmap.buffer[row * g->bitmap.pitch + col] >= 128) paper.set(left + col, top + row);
    pen += g->advance.x / 64.0f;
  }
}

}  // namespace kiosk
