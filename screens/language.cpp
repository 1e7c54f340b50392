// The language switch: reachable from every screen, returns to where the user was.
#include "language_grid.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_language(const View& v) {
  v.heading(v.tr("language.title"));
  draw_language_grid(v, v.s.session.lang);
}

}  // namespace kiosk::ui
