#include "text_painter.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cmath>
#include <unordered_map>
#include <vector>

#include "fonts/face_set.hpp"
#include "text/shaper.hpp"

namespace kiosk {

struct TextPainter::Impl {
  // Shared with the screens; Chinese and Arabic open only for text in them.
  std::shared_ptr<FaceSet> set;  // first: it outlives the sizes below
  // The painter's own size of each face it used.
  std::unordered_map<FT_Face, FaceSize> sizes;
  std::unique_ptr<Shaper> shaper;
  // Drawn glyphs by (glyph id, size, bold), as the dots they leave (coverage of half or more):
  // a receipt draws the same few glyphs at a few sizes, and FreeType's hinting of each was most
  // of its layout time.
  struct Dots {
    int left = 0, top = 0, width = 0, rows = 0;
    bool missing = false;
    std::vector<std::uint8_t> on;  // width × rows, 1 where a dot goes
  };
  std::unordered_map<std::uint64_t, Dots> drawn;

  // The face a shaped glyph comes from (the shaper's choice of weight), or nullptr.
  FT_Face face_of(const ShapedGlyph& g, bool bold) {
    return set->get(static_cast<FaceSet::Role>(static_cast<int>(g.slot()) * 2), bold);
  }

  // Dots per font unit of a glyph's face at px dots to the em.
  float scale(const ShapedGlyph& g, int px, bool bold) {
    FT_Face face = face_of(g, bold);
    return face ? static_cast<float>(px) / static_cast<float>(face->units_per_EM) : 0.0f;
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
  impl->shaper = Shaper::create(impl->set, error);
  if (!impl->shaper) return nullptr;
  return std::unique_ptr<TextPainter>(new TextPainter(std::move(impl)));
}

namespace {
std::uint64_t glyph_key(std::uint32_t id, int px, bool bold) {
  return (static_cast<std::uint64_t>(id) << 16) | (static_cast<std::uint64_t>(px) << 1) | (bold ? 1 : 0);
}
}  // namespace

float TextPainter::measure(std::string_view line, bool rtl_paragraph, int px, bool bold) {
  float width = 0;
  for (const ShapedGlyph& g : impl_->shaper->shape(line, rtl_paragraph, bold))
    width += static_cast<float>(g.advance) * impl_->scale(g, px, bold);
  return width;
}

void TextPainter::draw(Raster& paper, int x, int baseline, std::string_view line, bool rtl_paragraph, int px, bool bold) {
  float pen = static_cast<float>(x);
  for (const ShapedGlyph& shaped : impl_->shaper->shape(line, rtl_paragraph, bold)) {
    const float scale = impl_->scale(shaped, px, bold);
    auto [it, added] = impl_->drawn.try_emplace(glyph_key(shaped.id, px, bold));
    Impl::Dots& d = it->second;
    if (added) {
      FT_Face face = shaped.missing() ? nullptr : impl_->face_of(shaped, bold);
      if (face) face = impl_->sized(face, px);
      if (!face || FT_Load_Glyph(face, shaped.index(), FT_LOAD_RENDER) != 0) {
        d.missing = true;
      } else {
        const FT_GlyphSlot g = face->glyph;
        d.left = g->bitmap_left;
        d.top = g->bitmap_top;
        d.width = static_cast<int>(g->bitmap.width);
        d.rows = static_cast<int>(g->bitmap.rows);
        d.on.resize(static_cast<std::size_t>(d.width) * d.rows);
        for (int row = 0; row < d.rows; ++row)
          for (int col = 0; col < d.width; ++col)
            d.on[static_cast<std::size_t>(row) * d.width + col] = g->bitmap.buffer[row * g->bitmap.pitch + col] >= 128;
      }
    }
    if (d.missing) ++missing_;
    const int left = static_cast<int>(std::lround(pen + static_cast<float>(shaped.x_offset) * scale)) + d.left;
    const int top = baseline - static_cast<int>(std::lround(static_cast<float>(shaped.y_offset) * scale)) - d.top;
    for (int row = 0; row < d.rows; ++row)
      for (int col = 0; col < d.width; ++col)
        if (d.on[static_cast<std::size_t>(row) * d.width + col]) paper.set(left + col, top + row);
    pen += static_cast<float>(shaped.advance) * scale;
  }
}

}  // namespace kiosk
