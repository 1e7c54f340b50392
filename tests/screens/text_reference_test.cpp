// The screens' text against a reference render of the same run: HarfBuzz's own positions for the
// glyphs, FreeType's unhinted images of them, each glyph's origin on a whole pixel. A mark or a
// dot out of place, cut off or missing shows as pixels that differ.
#include <catch2/catch.hpp>
#include <imgui.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <hb-ft.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "alpha_texture.hpp"
#include "core/utf8.hpp"
#include "fonts/face_set.hpp"
#include "fonts/font_files.hpp"
#include "i18n/catalog.hpp"
#include "imgui_atlas.hpp"
#include "software_renderer.hpp"
#include "text/shaper.hpp"
#include "ui.hpp"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

constexpr int canvas_w = 2200, canvas_h = 220;

// Grey levels, 0 ink to 255 paper.
struct Grey {
  int w = canvas_w, h = canvas_h;
  std::vector<int> v = std::vector<int>(static_cast<std::size_t>(canvas_w) * canvas_h, 255);
  int& at(int x, int y) { return v[static_cast<std::size_t>(y) * w + x]; }
  int at(int x, int y) const { return v[static_cast<std::size_t>(y) * w + x]; }
};

struct Fixture {
  std::shared_ptr<FaceSet> faces;
  std::unique_ptr<GlyphCache> glyphs;
  std::unique_ptr<Shaper> shaper;
  UiFontSets fonts;

  Fixture() {
    std::string error;
    faces = FaceSet::create(find_fonts(), &error);
    REQUIRE(faces);
    glyphs = GlyphCache::create(faces, &error);
    REQUIRE(glyphs);
    shaper = Shaper::create(faces, &error);
    REQUIRE(shaper);
    fonts = font_sets(*glyphs, *shaper);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// The line as a screen draws it: Ui::text in a frame, rendered on the CPU, black on white.
Grey screen_render(const std::string& text, FontRole role) {
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(canvas_w, canvas_h);
  AlphaTexture white;
  build_shape_atlas(*io.Fonts, white);
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("reference", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
  FrameReport report;
  Ui ui(fixture().fonts.normal, standard_theme(), report);
  ui.text({40, 40, canvas_w - 80, canvas_h - 80}, text, role, 0x000000);
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::Render();
  SoftwareRenderer canvas(canvas_w, canvas_h);
  canvas.clear(IM_COL32(255, 255, 255, 255));
  canvas.render(ImGui::GetDrawData());
  ImGui::DestroyContext(ctx);
  REQUIRE(report.missing_glyphs == 0);
  REQUIRE(report.clipped.empty());
  Grey out;
  for (int i = 0; i < canvas_w * canvas_h; ++i) out.v[static_cast<std::size_t>(i)] = static_cast<int>(canvas.pixels()[i] & 0xFF);
  return out;
}

// The reference: HarfBuzz shapes the run in one face at the screens' size, FreeType draws each
// glyph where HarfBuzz put it.
Grey reference_render(const std::string& text, const FontFile& file, float em_px, bool rtl) {
  FT_Library lib = nullptr;
  REQUIRE(FT_Init_FreeType(&lib) == 0);
  FT_Face face = nullptr;
  REQUIRE(FT_New_Face(lib, file.path.c_str(), file.face_index, &face) == 0);
  FT_Set_Char_Size(face, 0, std::lround(em_px * 64), 72, 72);
  hb_font_t* font = hb_ft_font_create_referenced(face);
  hb_ft_font_set_load_flags(font, FT_LOAD_NO_HINTING);
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, -1);
  hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_guess_segment_properties(buffer);
  hb_shape(font, buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  Grey out;
  const int baseline = canvas_h / 2;
  double pen = 40;
  for (unsigned i = 0; i < count; ++i) {
    REQUIRE(FT_Load_Glyph(face, info[i].codepoint, FT_LOAD_NO_HINTING | FT_LOAD_RENDER) == 0);
    const FT_GlyphSlot g = face->glyph;
    const int x0 = static_cast<int>(std::lround(pen + pos[i].x_offset / 64.0)) + g->bitmap_left;
    const int y0 = baseline - static_cast<int>(std::lround(pos[i].y_offset / 64.0)) - g->bitmap_top;
    for (unsigned row = 0; row < g->bitmap.rows; ++row)
      for (unsigned col = 0; col < g->bitmap.width; ++col) {
        const int x = x0 + static_cast<int>(col), y = y0 + static_cast<int>(row);
        if (x < 0 || y < 0 || x >= canvas_w || y >= canvas_h) continue;
        const int cover = g->bitmap.buffer[static_cast<int>(row) * g->bitmap.pitch + static_cast<int>(col)];
        out.at(x, y) = std::max(0, out.at(x, y) - cover);  // glyphs that touch add their ink
      }
    pen += pos[i].x_advance / 64.0;
  }
  hb_buffer_destroy(buffer);
  hb_font_destroy(font);
  FT_Done_Face(face);
  FT_Done_FreeType(lib);
  return out;
}

// The top left corner of the ink.
std::pair<int, int> ink_origin(const Grey& g) {
  int left = g.w, top = g.h;
  for (int y = 0; y < g.h; ++y)
    for (int x = 0; x < g.w; ++x)
      if (g.at(x, y) < 128) left = std::min(left, x), top = std::min(top, y);
  return {left, top};
}

struct Difference {
  int ink = 0;        // dark pixels of the reference
  int different = 0;  // pixels of either image with no close match near them in the other
};

// Pixels compared after lining up the two inks' corners (the screens' line spacing is theirs to
// choose); a pixel matches if the other image has a grey within a quarter of it at most one
// pixel away, so that sub-pixel rounding of a glyph's origin is not a difference.
Difference compare(const Grey& screen, const Grey& reference) {
  const auto [sx, sy] = ink_origin(screen);
  const auto [rx, ry] = ink_origin(reference);
  const int dx = sx - rx, dy = sy - ry;
  const auto matched = [](const Grey& a, int ax, int ay, const Grey& b, int bx, int by) {
    for (int oy = -1; oy <= 1; ++oy)
      for (int ox = -1; ox <= 1; ++ox) {
        const int x = bx + ox, y = by + oy;
        const int other = x >= 0 && y >= 0 && x < b.w && y < b.h ? b.at(x, y) : 255;
        if (std::abs(other - a.at(ax, ay)) <= 64) return true;
      }
    return false;
  };
  Difference d;
  for (int y = 0; y < reference.h; ++y)
    for (int x = 0; x < reference.w; ++x) {
      d.ink += reference.at(x, y) < 128;
      if (!matched(reference, x, y, screen, x + dx, y + dy)) ++d.different;
      const int sx2 = x + dx, sy2 = y + dy;
      if (sx2 >= 0 && sy2 >= 0 && sx2 < screen.w && sy2 < screen.h && !matched(screen, sx2, sy2, reference, x, y))
        ++d.different;
    }
  return d;
}

// Noto Sans's scale in the screens' sizing: a style of px is the face's ascender-to-descender
// height (Dear ImGui's convention); Chinese is sized by its own such height, Arabic takes the
// Latin em.
float em_of(const FontFile& file, float px) {
  FT_Library lib = nullptr;
  FT_Init_FreeType(&lib);
  FT_Face face = nullptr;
  FT_New_Face(lib, file.path.c_str(), file.face_index, &face);
  const auto* hhea = static_cast<const TT_HoriHeader*>(FT_Get_Sfnt_Table(face, FT_SFNT_HHEA));
  const float em = px * static_cast<float>(face->units_per_EM) / static_cast<float>(hhea->Ascender - hhea->Descender);
  FT_Done_Face(face);
  FT_Done_FreeType(lib);
  return em;
}

bool all_of(const std::string& text, bool (*allowed)(char32_t)) {
  for (char32_t cp : utf8_decode(text))
    if (!allowed(cp)) return false;
  return true;
}

bool arabic_or_space(char32_t cp) { return cp == U' ' || (cp >= 0x0600 && cp <= 0x06FF); }
bool han(char32_t cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }
bool no_placeholder(char32_t cp) { return cp != U'{' && cp != U'\n'; }

// Short single-script texts of a catalog: the run a reference render can draw in one face.
std::vector<std::string> samples(const Catalog& catalog, bool (*allowed)(char32_t), std::size_t how_many) {
  std::vector<std::string> out;
  for (const auto& [key, text] : catalog.entries()) {
    const std::size_t chars = utf8_decode(text).size();
    if (chars >= 8 && chars <= 40 && all_of(text, allowed)) out.push_back(text);
    if (out.size() == how_many) break;
  }
  return out;
}

void check_against_reference(const std::string& text, const FontFile& file, float em, FontRole role, bool rtl) {
  const Grey screen = screen_render(text, role);
  const Grey reference = reference_render(text, file, em, rtl);
  const Difference d = compare(screen, reference);
  INFO(text << ": " << d.different << " of " << d.ink << " ink pixels differ");
  REQUIRE(d.ink > 100);
  // Rounding may put an edge pixel of a glyph a shade off; a shadda drawn without its offset
  // is 17 pixels at body size, a mark left out or cut off more.
  CHECK(d.different <= 4 + d.ink / 1000);
}

}  // namespace

TEST_CASE("Shaped lines of every script the catalogs use match a FreeType and HarfBuzz reference render") {
  std::string error;
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  INFO(error);
  REQUIRE(catalogs);
  const FontSet files = find_fonts();
  const Fixture& f = fixture();
  for (const bool bold : {false, true}) {
    const FontRole role = bold ? FontRole::title : FontRole::body;
    const float px = f.fonts.normal.size(role);
    const FontFile& latin = bold ? files.latin_bold : files.latin;
    const FontFile& cjk = bold ? files.cjk_bold : files.cjk;
    const FontFile& arabic = bold ? files.arabic_bold : files.arabic;
    const float latin_em = em_of(latin, px);
    for (Lang lang : all_langs) {
      INFO(lang_code(lang) << (bold ? " bold" : " regular"));
      const Catalog& catalog = (*catalogs)[lang];
      if (lang == Lang::ar) {
        const auto lines = samples(catalog, arabic_or_space, 6);
        REQUIRE(lines.size() == 6);
        for (const std::string& line : lines) check_against_reference(line, arabic, latin_em, role, true);
      } else if (lang == Lang::zh) {
        const auto lines = samples(catalog, han, 4);
        REQUIRE(lines.size() == 4);
        for (const std::string& line : lines) check_against_reference(line, cjk, em_of(cjk, px), role, false);
      } else {
        const auto lines = samples(catalog, no_placeholder, 3);
        REQUIRE(lines.size() == 3);
        for (const std::string& line : lines) check_against_reference(line, latin, latin_em, role, false);
      }
    }
  }
}

TEST_CASE("The words of the Arabic defect report keep their dots and marks") {
  // ش ت ق of the attract title and the meem of المدة, where dots and marks were cut or moved.
  const FontSet files = find_fonts();
  const Fixture& f = fixture();
  for (const char* words : {"جدّد أو اشحن رصيد هاتفك المسبق الدفع", "المدة"}) {
    check_against_reference(words, files.arabic_bold, em_of(files.latin_bold, f.fonts.normal.size(FontRole::title)),
                            FontRole::title, true);
    check_against_reference(words, files.arabic, em_of(files.latin, f.fonts.normal.size(FontRole::body)), FontRole::body,
                            true);
  }
}
