#include "lang.hpp"

namespace kiosk {

std::string_view lang_code(Lang lang) {
  switch (lang) {
    case Lang::nl: return "nl";
    case Lang::fr: return "fr";
    case Lang::de: return "de";
    case Lang::en: return "en";
    case Lang::zh: return "zh";
  }
  return "en";
}

std::string_view lang_endonym(Lang lang) {
  switch (lang) {
    case Lang::nl: return "Nederlands";
    case Lang::fr: return "Français";
    case Lang::de: return "Deutsch";
    case Lang::en: return "English";
    case Lang::zh: return "中文";
  }
  return "English";
}

std::optional<Lang> parse_lang(std::string_view code) {
  for (Lang l : all_langs)
    if (lang_code(l) == code) return l;
  return std::nullopt;
}

}  // namespace kiosk
