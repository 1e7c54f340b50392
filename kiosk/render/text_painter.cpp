#include "text_painter.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <unordered_map>
#include <vector>

#include "core/utf8.hpp"
#include "fonts/face_set.hpp"
#include "text/bidi_text.hpp"

namespace kiosk {

struct TextPainter::Impl {
  // Shared with the screens; Chinese and Arabic open only for text in them.
  std::shared_ptr<FaceSet> set;  // first: it outlives the sizes below
  // The painter's own size of each face it used.
  std::unordered_map<FT_Face, FaceSize> sizes;
  std::unique_ptr<BidiText> bidi;
  // Advances by (code point, size, bold): measuring is most of the layout's work.
  std::unordered_map<std::uint64_t, float> advances;
  // Drawn glyphs by the same key, as the dots they leave (coverage of half or more): a receipt
  // draws the same few glyphs at a few sizes, and FreeType's hinting of each was most of its
  // layout time.
  struct Dots {
    int left = 0, top = 0, width = 0, rows = 0;
    float advance = 0;
    bool missing = false;
    std::vector<std::uint8_t> on;  // width × rows, 1 where a dot goes
  };
  std::unordered_map<std::uint64_t, Dots> drawn;

  // The face that has this character, or nullptr. A shaped glyph is the Arabic face's.
  FT_Face face_for(char32_t cp, bool want_bold) {
    if (BidiText::is_glyph(cp)) return set->get(FaceSet::arabic, want_bold);
    FT_Face first = set->get(FaceSet::latin, want_bold);
    if (first && FT_Get_Char_Index(first, cp)) return first;
    FT_Face han = set->get(FaceSet::cjk, want_bold);
    if (han && FT_Get_Char_Index(han, cp)) return han;
    return nullptr;
  }

  // The face with the painter's own size active, set to px.
  FT_Face sized(FT_Face face, int px) {
    auto it = sizes.find(face);
    if (it == sizes.end()) it = sizes.emplace(face, FaceSize(face)).first;
    FT_Face f = it->second.activate();
    if (f) FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(px));
    return f;
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
  auto set = FaceSet::create(fonts, error);
  return set ? create(std::move(set), error) : nullptr;
}

std::unique_ptr<TextPainter> TextPainter::create(std::shared_ptr<FaceSet> faces, std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->set = std::move(faces);
  if (!impl->set->get(FaceSet::latin)) {
    if (error) *error = "Noto Sans not found (Debian package fonts-noto-core)";
    return nullptr;
  }
  if (!impl->set->files().cjk.found()) {
    if (error) *error = "Noto Sans CJK not found (Debian package fonts-noto-cjk)";
    return nullptr;
  }
  impl->bidi = BidiText::create(impl->set->files().arabic, error);
  if (!impl->bidi) return nullptr;
  return std::unique_ptr<TextPainter>(new TextPainter(std::move(impl)));
}

std::string TextPainter::visual(std::string_view line, bool rtl_paragraph) const {
  return impl_->bidi->visual(line, rtl_paragraph);
}

namespace {
std::uint64_t glyph_key(char32_t cp, int px, bool bold) {
  return (static_cast<std::uint64_t>(cp) << 16) | (static_cast<std::uint64_t>(px) << 1) | (bold ? 1 : 0);
}
}  // namespace

float TextPainter::measure(std::string_view text, int px, bool bold) {
  float width = 0;
  for (char32_t cp : utf8_decode(text)) {
    const std::uint64_t key = glyph_key(cp, px, bold);
    auto it = impl_->advances.find(key);
    if (it == impl_->advances.end()) {
      float advance = 0;
      if (FT_Face face = impl_->face_for(cp, bold); face && (face = impl_->sized(face, px)))
        if (load(face, cp, FT_LOAD_DEFAULT)) advance = face->glyph->advance.x / 64.0f;
      it = impl_->advances.emplace(key, advance).first;
    }
    width += it->second;
  }
  return width;
}

void TextPainter::draw(Raster& paper, int x, int baseline, std::string_view text, int px, bool bold) {
  float pen = static_cast<float>(x);
  for (char32_t cp : utf8_decode(text)) {
    auto [it, added] = impl_->drawn.try_emplace(glyph_key(cp, px, bold));
    Impl::Dots& d = it->second;
    if (added) {
      FT_Face face = impl_->face_for(cp, bold);
      if (face) face = impl_->sized(face, px);
      if (!face || !load(face, cp, FT_LOAD_RENDER)) {
        d.missing = true;
      } else {
        const FT_GlyphSlot g = face->glyph;
        d.left = g->bitmap_left;
        d.top = g->bitmap_top;
        d.width = static_cast<int>(g->bitmap.width);
        d.rows = static_cast<int>(g->bitmap.rows);
        d.advance = g->advance.x / 64.0f;
        d.on.resize(static_cast<std::size_t>(d.width) * d.rows);
        for (int row = 0; row < d.rows; ++row)
          for (int col = 0; col < d.width; ++col)
            d.on[static_cast<std::size_t>(row) * d.width + col] = g->bitmap.buffer[row * g->bitmap.pitch + col] >= 128;
      }
    }
    if (d.missing) {
      ++missing_;
      continue;
    }
    const int left = static_cast<int>(pen) + d.left;
    const int top = baseline - d.top;
    for (int row = 0; row < d.rows; ++row)
      for (int col = 0; col < d.width; ++col)
        if (d.on[static_cast<std::size_t>(row) * d.width + col]) paper.set(left + col, top + row);
    pen += d.advance;
  }
}

}  // namespace kiosk
