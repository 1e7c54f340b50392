// Which operator: coloured tiles with the name in text, no guessing; an operator's own logo
// above its name where the operator supplied one.
#include "screens.hpp"

namespace kiosk::ui {

void draw_brand(const View& v) {
  v.heading(v.tr("brand.title"), v.tr("brand.hint"));
  const float gap = 30, w = (content_w - gap) / 2, h = 230;
  int i = 0;
  for (Brand b : all_brands) {
    const float x = margin + (i % 2) * (w + gap);
    const float y = 640 + (i / 2) * (h + gap);  // the lower two thirds
    const std::string id = "brand_" + std::string(brand_id(b));
    const std::uint32_t ink = brand_tile_dark_text(b) ? 0x000000 : 0xFFFFFF;
    const RgbaImage* logo = v.logos ? v.logos->get(b) : nullptr;
    if (v.ui.tile(id.c_str(), {x, y, w, h}, brand_name(b), brand_tile_rgb(b), ink, logo)) v.emit(ev::BrandChosen{b});
    ++i;
  }
  v.actions("cancel", v.tr("app.cancel"), ev::CancelPressed{}, nullptr, "", ev::CancelPressed{});
}

}  // namespace kiosk::ui
