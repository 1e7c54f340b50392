#pragma once
#include <string>

#include "fonts/font_files.hpp"

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
};

// The normal sizes and the larger-text mode's, baked into one atlas.
struct UiFontSets {
  UiFonts normal;
  UiFonts large;
  const UiFonts& get(bool large_text) const { return large_text ? large : normal; }
};

// Bakes the atlas from exactly the characters in `glyph_text` (the catalogs and data), so
// Chinese costs only the few hundred ideographs the kiosk says. Digits get one large size,
// shared by both text sizes.
bool build_fonts(ImFontAtlas& atlas, const FontSet& files, const std::string& glyph_text,
                 UiFontSets* out, std::string* error);

}  // namespace kiosk::ui
