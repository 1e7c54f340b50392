// Which operator: coloured tiles with the name in text, no guessing; an operator's own logo
// above its name where the operator supplied one.
#include <algorithm>

#include "screens.hpp"

namespace kiosk::ui {

void draw_brand(const View& v) {
  v.heading(v.tr("brand.title"), v.tr("brand.hint"));
  // Two a row in the lower two thirds, as tall as the rows that fit above the actions allow; a
  // last tile alone stands in the middle.
  // The catalog's brands in its order (at most catalog::max_brands: all on one screen).
  const std::vector<BrandInfo>& brands = v.s.catalog.brands;
  const int count = static_cast<int>(brands.size()), rows = (count + 1) / 2;
  constexpr float gap = 30, top = 640, w = (content_w - gap) / 2;
  const float h = std::min(230.0f, (action_y - 30 - top - static_cast<float>(rows - 1) * gap) / static_cast<float>(std::max(rows, 1)));
  int i = 0;
  for (const BrandInfo& b : brands) {
    const bool alone = i == count - 1 && count % 2 == 1;
    const float x = alone ? margin + (content_w - w) / 2 : margin + static_cast<float>(i % 2) * (w + gap);
    const float y = top + static_cast<float>(i / 2) * (h + gap);
    const std::string id = "brand_" + b.brand.id;
    const RgbaImage* logo = v.logos ? v.logos->get(b.logo) : nullptr;
    if (v.ui.tile(id.c_str(), {x, y, w, h}, b.name, b.colour, b.text_colour, logo)) v.emit(ev::BrandChosen{b.brand});
    ++i;
  }
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, nullptr, "", ev::CancelPressed{});
}

}  // namespace kiosk::ui
