// Which operator: coloured tiles with the name in text, no guessing; an operator's own logo
// above its name where the operator supplied one.
#include <algorithm>

#include "screens.hpp"

namespace kiosk::ui {

void draw_brand(const View& v) {
  v.heading(v.tr("brand.title"), v.tr("brand.hint"));
  // Two a row in the lower two thirds, as tall as the rows that fit above the actions allow; a
  // last tile alone stands in the middle.
  constexpr int count = static_cast<int>(all_brands.size()), rows = (count + 1) / 2;
  constexpr float gap = 30, top = 640, w = (content_w - gap) / 2;
  const float h = std::min(230.0f, (action_y - 30 - top - (rows - 1) * gap) / rows);
  int i = 0;
  for (Brand b : all_brands) {
    const bool alone = i == count - 1 && count % 2 == 1;
    const float x = alone ? margin + (content_w - w) / 2 : margin + (i % 2) * (w + gap);
    const float y = top + (i / 2) * (h + gap);
    const std::string id = "brand_" + std::string(brand_id(b));
    const std::uint32_t ink = brand_tile_dark_text(b) ? 0x000000 : 0xFFFFFF;
    const RgbaImage* logo = v.logos ? v.logos->get(b) : nullptr;
    if (v.ui.tile(id.c_str(), {x, y, w, h}, brand_name(b), brand_tile_rgb(b), ink, logo)) v.emit(ev::BrandChosen{b});
    ++i;
  }
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, nullptr, "", ev::CancelPressed{});
}

}  // namespace kiosk::ui
