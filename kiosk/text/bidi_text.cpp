#include "bidi_text.hpp"

#include <fribidi.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <algorithm>
#include <vector>

#include "core/utf8.hpp"

namespace kiosk {

namespace {

bool is_rtl_letter(char32_t cp) {
  const FriBidiCharType t = fribidi_get_bidi_type(static_cast<FriBidiChar>(cp));
  return t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL;
}

struct Run {
  std::size_t start, end;  // logical [start, end)
  FriBidiLevel level;
};

// Unicode's rule L2 on whole level runs: from the highest level down to the lowest odd one,
// reverse every stretch of runs at that level or above.
void reorder(std::vector<Run>& runs) {
  FriBidiLevel highest = 0, lowest_odd = 255;
  for (const Run& r : runs) {
    highest = std::max(highest, r.level);
    if (r.level % 2) lowest_odd = std::min(lowest_odd, r.level);
  }
  for (int level = highest; level >= lowest_odd && level > 0; --level) {
    for (std::size_t i = 0; i < runs.size();) {
      if (runs[i].level < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < runs.size() && runs[j].level >= level) ++j;
      std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i), runs.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
}

}  // namespace

struct BidiText::Impl {
  FT_Library lib = nullptr;
  FT_Face face = nullptr;
  hb_font_t* font = nullptr;
  hb_buffer_t* buffer = nullptr;

  ~Impl() {
    if (buffer) hb_buffer_destroy(buffer);
    if (font) hb_font_destroy(font);
    if (face) FT_Done_Face(face);
    if (lib) FT_Done_FreeType(lib);
  }

  // A right-to-left run, shaped: its glyphs in visual order. Characters the Arabic face does not
  // have (Latin punctuation between Arabic words) pass through as themselves, mirrored.
  void shape(const std::vector<char32_t>& cps, std::size_t start, std::size_t end, std::string& out) {
    hb_buffer_clear_contents(buffer);
    for (std::size_t i = start; i < end; ++i) hb_buffer_add(buffer, static_cast<hb_codepoint_t>(cps[i]), static_cast<unsigned>(i));
    hb_buffer_set_content_type(buffer, HB_BUFFER_CONTENT_TYPE_UNICODE);
    hb_buffer_set_direction(buffer, HB_DIRECTION_RTL);
    hb_buffer_set_script(buffer, HB_SCRIPT_ARABIC);
    hb_buffer_set_language(buffer, hb_language_from_string("ar", -1));
    hb_shape(font, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    for (unsigned g = 0; g < count; ++g) {
      if (info[g].codepoint != 0 && info[g].codepoint < max_glyphs) {
        utf8_append(out, glyph_base + info[g].codepoint);
      } else {
        FriBidiChar mirrored = 0;
        const char32_t cp = cps[info[g].cluster];
        utf8_append(out, fribidi_get_mirror_char(static_cast<FriBidiChar>(cp), &mirrored) ? mirrored : cp);
      }
    }
  }
};

BidiText::BidiText(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BidiText::~BidiText() = default;

std::unique_ptr<BidiText> BidiText::create(const FontFile& arabic, std::string* error) {
  auto impl = std::make_unique<Impl>();
  if (!arabic.found()) {
    if (error) *error = "Noto Sans Arabic not found (Debian package fonts-noto-core)";
    return nullptr;
  }
  if (FT_Init_FreeType(&impl->lib) != 0 || FT_New_Face(impl->lib, arabic.path.c_str(), arabic.face_index, &impl->face) != 0) {
    if (error) *error = "cannot open " + arabic.path;
    return nullptr;
  }
  // Glyph choice does not depend on the size; one size serves every renderer.
  FT_Set_Char_Size(impl->face, 0, 64 * 64, 72, 72);
  impl->font = hb_ft_font_create_referenced(impl->face);
  impl->buffer = hb_buffer_create();
  return std::unique_ptr<BidiText>(new BidiText(std::move(impl)));
}

bool BidiText::has_rtl(std::string_view utf8) {
  for (char32_t cp : utf8_decode(utf8))
    if (is_rtl_letter(cp)) return true;
  return false;
}

std::string BidiText::visual(std::string_view logical, bool rtl) const {
  if (!rtl) return without_bidi_controls(logical);
  if (cache_.size() > 8192) cache_.clear();
  auto [it, fresh] = cache_.try_emplace(std::string(logical));
  if (!fresh) return it->second;
  std::string& out = it->second;
  const std::vector<char32_t> cps = utf8_decode(logical);
  const auto n = static_cast<FriBidiStrIndex>(cps.size());
  std::vector<FriBidiChar> chars(cps.begin(), cps.end());
  std::vector<FriBidiCharType> types(cps.size());
  std::vector<FriBidiBracketType> brackets(cps.size());
  std::vector<FriBidiLevel> levels(cps.size());
  fribidi_get_bidi_types(chars.data(), n, types.data());
  fribidi_get_bracket_types(chars.data(), n, types.data(), brackets.data());
  FriBidiParType base = FRIBIDI_PAR_RTL;
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base, levels.data()) == 0) {
    out = without_bidi_controls(logical);  // out of memory: logical order beats nothing
    return out;
  }

  std::vector<Run> runs;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (is_bidi_control(cps[i])) continue;
    if (!runs.empty() && runs.back().end == i && runs.back().level == levels[i]) {
      runs.back().end = i + 1;
    } else {
      runs.push_back({i, i + 1, levels[i]});
    }
  }
  reorder(runs);
  for (const Run& r : runs) {
    if (r.level % 2) {
      impl_->shape(cps, r.start, r.end, out);
    } else {
      for (std::size_t i = r.start; i < r.end; ++i) utf8_append(out, cps[i]);
    }
  }
  return out;
}

}  // namespace kiosk
