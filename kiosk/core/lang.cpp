#include "lang.hpp"

namespace kiosk {

namespace {

struct LangNames {
  std::string_view code;
  std::string_view endonym;
};

constexpr LangNames names(Lang lang) {
  switch (lang) {
    case Lang::nl: return {"nl", "Nederlands"};
    case Lang::fr: return {"fr", "Français"};
    case Lang::de: return {"de", "Deutsch"};
    case Lang::en: return {"en", "English"};
    case Lang::ar: return {"ar", "العربية"};
    case Lang::es: return {"es", "Español"};
    case Lang::it: return {"it", "Italiano"};
    case Lang::pl: return {"pl", "Polski"};
    case Lang::pt: return {"pt", "Português"};
    case Lang::ro: return {"ro", "Română"};
    case Lang::tr: return {"tr", "Türkçe"};
    case Lang::uk: return {"uk", "Українська"};
    case Lang::zh: return {"zh", "中文"};
  }
  return {"en", "English"};
}

}  // namespace

std::string_view lang_code(Lang lang) { return names(lang).code; }
std::string_view lang_endonym(Lang lang) { return names(lang).endonym; }

std::optional<Lang> parse_lang(std::string_view code) {
  for (Lang l : all_langs)
    if (lang_code(l) == code) return l;
  return std::nullopt;
}

}  // namespace kiosk
