#include "language_grid.hpp"

namespace kiosk::ui {

void draw_language_grid(const View& v, std::optional<Lang> selected) {
  constexpr float top = 640, gap = 16;  // the lower two thirds: within reach from a wheelchair
  constexpr int columns = 2;
  const int rows = (static_cast<int>(all_langs.size()) + columns - 1) / columns;
  const float w = (content_w - gap) / columns;
  const float h = std::min(170.0f, (action_y + action_h - top) / static_cast<float>(rows) - gap);
  for (std::size_t i = 0; i < all_langs.size(); ++i) {
    const Lang lang = all_langs[i];
    const std::string id = "lang_" + std::string(lang_code(lang));
    const int row = static_cast<int>(i) / columns, column = static_cast<int>(i) % columns;
    v.ui.set_language(lang);
    const ButtonKind kind = selected == lang ? ButtonKind::selected : ButtonKind::secondary;
    if (v.ui.button(id.c_str(), {margin + column * (w + gap), top + row * (h + gap), w, h}, lang_endonym(lang), kind))
      v.emit(ev::LanguageChosen{lang});
  }
  v.ui.set_language(std::nullopt);
}

}  // namespace kiosk::ui
