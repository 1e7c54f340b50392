#include "outcome.hpp"

#include <algorithm>

namespace kiosk::ui {

float draw_outcome(const View& v, std::string_view title, const std::vector<std::string>& paragraphs,
                   std::uint32_t title_rgb, Icon icon, bool centred) {
  // Smaller where more follows below.
  const float icon_r = centred ? 100 : 70, pad = centred ? 36 : 24, gap = 24, top = centred ? 60 : 40;
  constexpr float bottom = action_y - 40;
  const float inner = content_w - 2 * pad;
  const float th = v.ui.text_height(title, FontRole::title, content_w);
  std::vector<float> heights;
  float panel_h = 2 * pad - gap;
  for (const std::string& p : paragraphs) {
    heights.push_back(v.ui.text_height(p, FontRole::body, inner));
    panel_h += heights.back() + gap;
  }
  const float spacing = centred ? 36 : 24;
  const float block = 2 * icon_r + 2 * spacing + th + panel_h;
  // A little above the middle, where the eye goes first.
  float y = centred ? std::max(top, top + (bottom - top - block) * 0.4f) : top;
  // The picture in the title's colour, the title centred under it.
  v.ui.icon(icon, screen_w / 2, y + icon_r, icon_r, title_rgb);
  y += 2 * icon_r + spacing;
  v.ui.text({margin, y, content_w, th}, title, FontRole::title, title_rgb, Align::centre);
  y += th + spacing;
  v.ui.panel({margin, y, content_w, panel_h}, v.theme().surface, true);
  y += pad;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    v.ui.text({margin + pad, y, inner, heights[i]}, paragraphs[i], FontRole::body, v.theme().text, Align::centre);
    y += heights[i] + gap;
  }
  y += pad - gap;
  if (y > action_y) v.ui.overflow(title);
  return y;
}

}  // namespace kiosk::ui
