#include "outcome.hpp"

namespace kiosk::ui {

float draw_outcome(const View& v, std::string_view title, const std::vector<std::string>& paragraphs,
                   std::uint32_t title_rgb, Icon icon) {
  // The picture in the title's colour, the title centred under it.
  v.ui.icon(icon, screen_w / 2, 170, 90, title_rgb);
  const float th = v.ui.text_height(title, FontRole::title, content_w);
  v.ui.text({margin, 290, content_w, th}, title, FontRole::title, title_rgb, Align::centre);
  float y = 290 + th + 40;
  for (const std::string& p : paragraphs) {
    const float h = v.ui.text_height(p, FontRole::body, content_w);
    v.ui.text({margin, y, content_w, h}, p, FontRole::body, v.theme().text, Align::centre);
    y += h + 30;
  }
  if (y > action_y) v.ui.overflow(title);
  return y;
}

}  // namespace kiosk::ui
