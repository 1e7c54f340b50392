#include "fonts.hpp"

#include <imgui.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <vector>

#include "core/utf8.hpp"
#include "rtl_glyphs.hpp"
#include "text/bidi_text.hpp"

namespace kiosk::ui {

namespace {

std::vector<char> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

bool build_fonts(ImFontAtlas& atlas, const FontSet& files, const std::string& glyph_text,
                 const std::vector<std::string>& rtl_texts, const BidiText* bidi, UiFontSets* out,
                 std::string* error) {
  std::unique_ptr<RtlGlyphs> rtl;
  std::set<unsigned> rtl_glyphs;
  if (bidi) {
    rtl = RtlGlyphs::create(files, error);
    if (!rtl) return false;
    for (const std::string& text : rtl_texts)
      for (char32_t cp : utf8_decode(bidi->visual(text)))
        if (BidiText::is_glyph(cp)) rtl_glyphs.insert(BidiText::glyph_index(cp));
  }
  if (!files.latin.found() || !files.latin_bold.found() || !files.cjk.found()) {
    if (error) *error = "Noto Sans / Noto Sans CJK not found: install fonts-noto-core and fonts-noto-cjk";
    return false;
  }
  // The TTF data is read once and handed to every size; the atlas only borrows it.
  std::vector<char> regular = read_file(files.latin.path);
  std::vector<char> bold = read_file(files.latin_bold.path);
  std::vector<char> cjk = read_file(files.cjk.path);
  // Bold Chinese next to bold Latin; the regular face stands in if the bold one is missing.
  const FontFile& cjk_bold_file = files.cjk_bold.found() ? files.cjk_bold : files.cjk;
  std::vector<char> cjk_bold = read_file(cjk_bold_file.path);
  if (regular.empty() || bold.empty() || cjk.empty() || cjk_bold.empty()) {
    if (error) *error = "cannot read the font files";
    return false;
  }

  ImFontGlyphRangesBuilder text_builder;
  text_builder.AddRanges(atlas.GetGlyphRangesDefault());  // Basic Latin + Latin-1 for data
  text_builder.AddText(glyph_text.c_str());
  static ImVector<ImWchar> text_ranges;
  text_ranges.clear();
  text_builder.BuildRanges(&text_ranges);

  static const ImWchar digit_ranges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x20AC, 0x20AC, 0};

  // Larger text is about a quarter bigger: a capital H grows from about 10 to 12 mm on a 27"
  // portrait panel, well above ux.md's 6 mm. The keypad digits are already large.
  struct Spec { UiFonts* set; FontRole role; float px; bool bold; bool with_cjk; };
  const Spec specs[] = {{&out->normal, FontRole::hint, 40, false, true},
                        {&out->normal, FontRole::body, 46, false, true},
                        {&out->normal, FontRole::button, 50, true, true},
                        {&out->normal, FontRole::title, 64, true, true},
                        {&out->normal, FontRole::digits, 88, true, false},
                        {&out->large, FontRole::hint, 50, false, true},
                        {&out->large, FontRole::body, 58, false, true},
                        {&out->large, FontRole::button, 62, true, true},
                        {&out->large, FontRole::title, 78, true, true}};
  atlas.Clear();
  // The texture is as tall as the glyphs need, not the next power of two (about a third of it
  // would be empty); SDL's renderers take any size.
  atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  std::vector<RtlGlyphs::Target> rtl_targets;
  for (const Spec& s : specs) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 1;  // one baked size per role: no need for sub-pixel positions
    cfg.OversampleV = 1;
    std::vector<char>& latin = s.bold ? bold : regular;
    ImFont* f = atlas.AddFontFromMemoryTTF(latin.data(), static_cast<int>(latin.size()), s.px, &cfg,
                                           s.with_cjk ? text_ranges.Data : digit_ranges);
    if (s.with_cjk) {
      ImFontConfig merge = cfg;
      merge.MergeMode = true;
      std::vector<char>& han = s.bold ? cjk_bold : cjk;
      merge.FontNo = static_cast<unsigned>(s.bold ? cjk_bold_file.face_index : files.cjk.face_index);
      atlas.AddFontFromMemoryTTF(han.data(), static_cast<int>(han.size()), s.px, &merge, text_ranges.Data);
    }
    s.set->font[static_cast<int>(s.role)] = f;
    s.set->px[static_cast<int>(s.role)] = s.px;
    if (s.with_cjk) rtl_targets.push_back({f, s.px, s.bold});
  }
  if (rtl) rtl->add(atlas, rtl_targets, rtl_glyphs);
  const int digits = static_cast<int>(FontRole::digits);
  out->large.font[digits] = out->normal.font[digits];
  out->large.px[digits] = out->normal.px[digits];
  if (!atlas.Build()) {
    if (error) *error = "the font atlas could not be built";
    return false;
  }
  if (rtl) rtl->paint(atlas);
  out->normal.bidi = out->large.bidi = bidi;
  atlas.ClearInputData();  // the TTF buffers go away with this function
  return true;
}

}  // namespace kiosk::ui
