#pragma once
#include <string>
#include <vector>

#include "fonts/font_files.hpp"

namespace kiosk {
class BidiText;
}

struct ImFont;
struct ImFontAtlas;

namespace kiosk::ui {

// A few baked sizes instead of scaling (ux.md): crisp text, small atlas.
enum class FontRole { hint, body, button, title, digits };
inline constexpr int font_role_count = 5;

struct UiFonts {
  ImFont* font[font_role_count] = {};
  float px[font_role_count] = {};
  ImFont* get(FontRole r) const { return font[static_cast<int>(r)]; }
  float size(FontRole r) const { return px[static_cast<int>(r)]; }
  // Puts right-to-left lines in visual order with shaped glyphs the fonts hold; null when no
  // language needs it.
  const BidiText* bidi = nullptr;
};

// The normal sizes and the larger-text mode's, baked into one atlas.
struct UiFontSets {
  UiFonts normal;
  UiFonts large;
  const UiFonts& get(bool large_text) const { return large_text ? large : normal; }
};

// Bakes the atlas from exactly the characters in `glyph_text` (the catalogs and data), so
// Chinese costs only the few hundred ideographs the kiosk says, and from the Arabic glyphs that
// shaping `rtl_texts` (each text on its own) through `bidi` gives. Digits get one large size,
// shared by both text sizes.
bool build_fonts(ImFontAtlas& atlas, const FontSet& files, const std::string& glyph_text,
                 const std::vector<std::string>& rtl_texts, const BidiText* bidi, UiFontSets* out,
                 std::string* error);

}  // namespace kiosk::ui
