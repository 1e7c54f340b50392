// The language switch: reachable from every screen, returns to where the user was.
#include "screens.hpp"

namespace kiosk::ui {

void draw_language(const View& v) {
  v.heading(v.tr("language.title"));
  float y = 640;  // the lower two thirds: within reach from a wheelchair
  for (Lang lang : all_langs) {
    const std::string id = "lang_" + std::string(lang_code(lang));
    v.ui.set_language(lang);
    const ButtonKind kind = lang == v.s.session.lang ? ButtonKind::selected : ButtonKind::secondary;
    if (v.ui.button(id.c_str(), {margin + 90, y, content_w - 180, 170}, lang_endonym(lang), kind, true,
                    v.all[lang].text("language.title")))
      v.emit(ev::LanguageChosen{lang});
    y += 190;
  }
  v.ui.set_language(std::nullopt);
}

}  // namespace kiosk::ui
