#include "font_files.hpp"

#include <fontconfig/fontconfig.h>

namespace kiosk {

namespace {

// Asks fontconfig for the best match and accepts it only if it is the family we asked for:
// a silent fallback to another font would hide missing glyphs.
FontFile match(const char* pattern_text, const char* family_prefix) {
  FontFile out;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(pattern_text));
  if (!pattern) return out;
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result;
  FcPattern* font = FcFontMatch(nullptr, pattern, &result);
  if (font) {
    FcChar8* file = nullptr;
    FcChar8* family = nullptr;
    int index = 0;
    if (FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(font, FC_FAMILY, 0, &family) == FcResultMatch &&
        std::string(reinterpret_cast<char*>(family)).rfind(family_prefix, 0) == 0) {
      FcPatternGetInteger(font, FC_INDEX, 0, &index);
      out.path = reinterpret_cast<char*>(file);
      out.face_index = index;
    }
    FcPatternDestroy(font);
  }
  FcPatternDestroy(pattern);
  return out;
}

}  // namespace

FontSet find_fonts() {
  FcInit();
  FontSet set;
  set.latin = match("Noto Sans:style=Regular", "Noto Sans");
  set.latin_bold = match("Noto Sans:style=Bold", "Noto Sans");
  set.cjk = match("Noto Sans CJK SC:style=Regular", "Noto Sans CJK");
  set.cjk_bold = match("Noto Sans CJK SC:style=Bold", "Noto Sans CJK");
  set.arabic = match("Noto Sans Arabic:style=Regular", "Noto Sans Arabic");
  set.arabic_bold = match("Noto Sans Arabic:style=Bold", "Noto Sans Arabic");
  return set;
}

}  // namespace kiosk
