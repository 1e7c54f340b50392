#pragma once
#include <string>

namespace kiosk {

struct FontFile {
  std::string path;
  int face_index = 0;
  bool found() const { return !path.empty(); }
};

// The Noto fonts from Debian's packages, located through fontconfig (never a fixed path).
struct FontSet {
  FontFile latin;       // Noto Sans Regular: Latin, Greek, Cyrillic
  FontFile latin_bold;  // Noto Sans Bold
  FontFile cjk;         // Noto Sans CJK, the Simplified Chinese face of the collection
  FontFile cjk_bold;    // the same in bold, for titles and buttons
  FontFile arabic;      // Noto Sans Arabic Regular: its lines shaped by the Shaper
  FontFile arabic_bold; // Noto Sans Arabic Bold (the same glyph order as the regular face)
};

FontSet find_fonts();

}  // namespace kiosk
