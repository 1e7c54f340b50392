#include "rows.hpp"

#include <algorithm>

namespace kiosk::ui {

float draw_rows(const View& v, float y, const std::vector<Row>& rows) {
  const float pad = 30, label_w = content_w * 0.42f, value_w = content_w - label_w - 3 * pad;
  float h = pad;
  std::vector<float> heights;
  for (const Row& r : rows) {
    const FontRole role = r.strong ? FontRole::button : FontRole::body;
    const float rh = std::max(v.ui.text_height(r.label, FontRole::body, label_w),
                              v.ui.text_height(r.value, role, value_w));
    heights.push_back(rh);
    h += rh + 8;
  }
  h += pad - 8;
  v.ui.panel({margin, y, content_w, h}, v.theme().surface, true);
  float ry = y + pad;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    v.ui.text({margin + pad, ry, label_w, heights[i]}, r.label, FontRole::body, v.theme().text_muted);
    v.ui.text({margin + 2 * pad + label_w, ry, value_w, heights[i]}, r.value,
              r.strong ? FontRole::button : FontRole::body, v.theme().text, Align::right);
    ry += heights[i] + 8;
  }
  return y + h;
}

}  // namespace kiosk::ui
