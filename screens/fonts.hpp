#pragma once
#include "glyph_cache.hpp"

namespace kiosk::ui {

// A few fixed sizes instead of scaling (ux.md): crisp text, few glyph images.
enum class FontRole { hint, body, button, title, digits };
inline constexpr int font_role_count = 5;

// The styles of one text size: a role's glyphs come from `glyphs` in style[role].
struct UiFonts {
  GlyphCache* glyphs = nullptr;
  int style[font_role_count] = {};
  float px[font_role_count] = {};
  int get(FontRole r) const { return style[static_cast<int>(r)]; }
  float size(FontRole r) const { return px[static_cast<int>(r)]; }
  // Turns lines into the glyphs `glyphs` draws.
  const Shaper* shaper = nullptr;
};

// The normal sizes and the larger-text mode's.
struct UiFontSets {
  UiFonts normal;
  UiFonts large;
  const UiFonts& get(bool large_text) const { return large_text ? large : normal; }
};

// The roles' sizes and weights in both text sizes. Digits have one large size, shared by both.
UiFontSets font_sets(GlyphCache& glyphs, const Shaper& shaper);

}  // namespace kiosk::ui
