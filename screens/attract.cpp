// Welcome: the headline in one language after another, every language by its own name, in its
// own script and voice.
#include <algorithm>
#include <cmath>

#include "language_grid.hpp"
#include "screens.hpp"

namespace kiosk::ui {

namespace {
constexpr double headline_seconds = 4;  // each language's turn
}

void draw_attract(const View& v) {
  // From the kiosk's language on, the next every few seconds (the gallery draws its own).
  std::size_t first = 0;
  while (first < all_langs.size() && all_langs[first] != v.s.session.lang) ++first;
  const double turns = std::floor(v.ui.clock() / headline_seconds);
  const Lang lang = all_langs[(first + static_cast<std::size_t>(turns)) % all_langs.size()];
  v.ui.redraw_within((turns + 1) * headline_seconds - v.ui.clock());
  const Catalog& t = v.all[lang];

  // Laid out from the languages upwards: the prompt just above them, the subtitle and the
  // headline above it, and the picture in the room left at the top (none in large text if the
  // words need it).
  v.ui.set_language(lang);
  const std::string& title = t.text("attract.title");
  const std::string& subtitle = t.text("attract.subtitle");
  // The card terminal is away and the kiosk sells by phone alone: said before anyone starts.
  const std::string start = v.s.terminal_available ? t.text("attract.start")
                                                   : t.text("attract.wallet_only") + "\n" + t.text("attract.start");
  const float ph = v.ui.text_height(start, FontRole::hint, content_w);
  const float sh = v.ui.text_height(subtitle, FontRole::body, content_w);
  const float th = v.ui.text_height(title, FontRole::title, content_w);
  const float prompt_y = 628 - ph, subtitle_y = prompt_y - 16 - sh, title_y = subtitle_y - 16 - th;
  v.ui.text({margin, title_y, content_w, th}, title, FontRole::title, v.theme().text, Align::centre);
  v.ui.text({margin, subtitle_y, content_w, sh}, subtitle, FontRole::body, v.theme().text_muted, Align::centre);
  v.ui.text({margin, prompt_y, content_w, ph}, start, FontRole::hint, v.theme().text, Align::centre);
  const float room = title_y - 30;
  if (room >= 120) v.ui.icon(Icon::phone, screen_w / 2, 30 + room / 2, std::min(80.0f, room / 2 - 10), v.theme().primary);
  if (title_y < 20) v.ui.overflow("attract: the headline runs off the top");
  v.ui.set_language(std::nullopt);
  draw_language_grid(v, std::nullopt);
}

}  // namespace kiosk::ui
