#include "rtl_glyphs.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui.h>

#include <cmath>

#include "text/bidi_text.hpp"

namespace kiosk::ui {

struct RtlGlyphs::Impl {
  FT_Library lib = nullptr;
  FT_Face regular = nullptr;
  FT_Face bold = nullptr;
  float latin_height_em = 1;  // Noto Sans's ascender minus descender, in em

  struct Pending {
    int rect;
    ImFont* font;
    char32_t cp;
    float top;  // bitmap top above the baseline, in px
    std::vector<unsigned char> pixels;
    int w, h;
  };
  std::vector<Pending> pending;

  ~Impl() {
    for (FT_Face f : {regular, bold})
      if (f) FT_Done_Face(f);
    if (lib) FT_Done_FreeType(lib);
  }
};

RtlGlyphs::RtlGlyphs(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RtlGlyphs::~RtlGlyphs() = default;

std::unique_ptr<RtlGlyphs> RtlGlyphs::create(const FontSet& files, std::string* error) {
  auto impl = std::make_unique<Impl>();
  FT_Face latin = nullptr;
  const bool ok = FT_Init_FreeType(&impl->lib) == 0 && files.arabic.found() &&
                  FT_New_Face(impl->lib, files.arabic.path.c_str(), files.arabic.face_index, &impl->regular) == 0 &&
                  FT_New_Face(impl->lib, files.latin.path.c_str(), files.latin.face_index, &latin) == 0;
  if (!ok) {
    if (error) *error = "Noto Sans Arabic not found (Debian package fonts-noto-core)";
    return nullptr;
  }
  impl->latin_height_em = static_cast<float>(latin->ascender - latin->descender) / static_cast<float>(latin->units_per_EM);
  FT_Done_Face(latin);
  if (!files.arabic_bold.found() ||
      FT_New_Face(impl->lib, files.arabic_bold.path.c_str(), files.arabic_bold.face_index, &impl->bold) != 0)
    impl->bold = nullptr;  // titles fall back to the regular weight
  return std::unique_ptr<RtlGlyphs>(new RtlGlyphs(std::move(impl)));
}

void RtlGlyphs::add(ImFontAtlas& atlas, const std::vector<Target>& targets, const std::set<unsigned>& glyphs) {
  for (const Target& t : targets) {
    FT_Face face = t.bold && impl_->bold ? impl_->bold : impl_->regular;
    // Dear ImGui bakes a size so that Noto Sans's ascender-to-descender height is px tall.
    FT_Set_Char_Size(face, 0, static_cast<FT_F26Dot6>(std::lround(t.px / impl_->latin_height_em * 64)), 72, 72);
    for (unsigned g : glyphs) {
      // Unhinted, like Dear ImGui's own rasteriser, so both scripts share one look.
      if (FT_Load_Glyph(face, g, FT_LOAD_NO_HINTING | FT_LOAD_RENDER) != 0) continue;
      const FT_GlyphSlot slot = face->glyph;
      Impl::Pending p;
      p.font = t.font;
      p.cp = BidiText::glyph_base + g;
      p.w = static_cast<int>(slot->bitmap.width);
      p.h = static_cast<int>(slot->bitmap.rows);
      p.top = static_cast<float>(slot->bitmap_top);
      for (int row = 0; row < p.h; ++row)
        p.pixels.insert(p.pixels.end(), slot->bitmap.buffer + row * slot->bitmap.pitch,
                        slot->bitmap.buffer + row * slot->bitmap.pitch + p.w);
      const float advance = static_cast<float>(slot->linearHoriAdvance) / 65536.0f;
      // The baseline is not known before the build: the offset is fixed up in paint().
      p.rect = atlas.AddCustomRectFontGlyph(t.font, static_cast<ImWchar>(p.cp), std::max(p.w, 1), std::max(p.h, 1),
                                            advance, ImVec2(static_cast<float>(slot->bitmap_left), 0));
      impl_->pending.push_back(std::move(p));
    }
  }
}

void RtlGlyphs::paint(ImFontAtlas& atlas) {
  unsigned char* tex = nullptr;
  int tex_w = 0, tex_h = 0;
  atlas.GetTexDataAsAlpha8(&tex, &tex_w, &tex_h);
  for (const Impl::Pending& p : impl_->pending) {
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(p.rect);
    if (!r || !r->IsPacked()) continue;
    for (int row = 0; row < p.h; ++row)
      for (int col = 0; col < p.w; ++col)
        tex[(r->Y + row) * tex_w + r->X + col] = p.pixels[static_cast<std::size_t>(row * p.w + col)];
    // On the font's baseline, like every other glyph of it.
    if (ImFontGlyph* g = const_cast<ImFontGlyph*>(p.font->FindGlyphNoFallback(static_cast<ImWchar>(p.cp)))) {
      g->Y0 = std::floor(p.font->Ascent + 0.5f) - p.top;
      g->Y1 = g->Y0 + static_cast<float>(std::max(p.h, 1));
    }
  }
  impl_->pending.clear();
}

}  // namespace kiosk::ui
