// Welcome: every language by its own name, in its own script and voice.
#include "language_grid.hpp"
#include "screens.hpp"

namespace kiosk::ui {

void draw_attract(const View& v) {
  v.ui.text({margin, 150, content_w, 240}, v.tr("attract.title"), FontRole::title, v.theme().text, Align::centre);
  v.ui.text({margin, 400, content_w, 200}, v.tr("attract.subtitle"), FontRole::body, v.theme().text_muted,
            Align::centre);
  draw_language_grid(v, std::nullopt);
}

}  // namespace kiosk::ui
