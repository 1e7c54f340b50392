// Welcome: every language by its own name, each with "start" in that language.
#include "screens.hpp"

namespace kiosk::ui {

void draw_attract(const View& v) {
  v.ui.text({margin, 150, content_w, 240}, v.tr("attract.title"), FontRole::title, v.theme().text, Align::centre);
  v.ui.text({margin, 400, content_w, 130}, v.tr("attract.subtitle"), FontRole::body, v.theme().text_muted,
            Align::centre);
  // Five languages, the lowest within reach of a seated user.
  float y = 640;
  for (Lang lang : all_langs) {
    const std::string id = "lang_" + std::string(lang_code(lang));
    v.ui.set_language(lang);
    // Each button's hint is in its own language, whatever the kiosk's default.
    if (v.ui.button(id.c_str(), {margin + 90, y, content_w - 180, 170}, lang_endonym(lang), ButtonKind::secondary,
                    true, v.all[lang].text("attract.start")))
      v.emit(ev::LanguageChosen{lang});
    y += 190;
  }
  v.ui.set_language(std::nullopt);
}

}  // namespace kiosk::ui
