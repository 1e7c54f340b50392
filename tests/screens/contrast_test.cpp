#include <catch2/catch.hpp>

#include "core/brand.hpp"
#include "theme.hpp"

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("Text and controls meet the contrast minimums in every theme") {
  for (const Theme* t : {&standard_theme(), &high_contrast_theme()}) {
    INFO(t->name);
    CHECK(contrast_ratio(t->text, t->background) >= 4.5);
    CHECK(contrast_ratio(t->text, t->surface) >= 4.5);
    CHECK(contrast_ratio(t->text_muted, t->background) >= 4.5);
    CHECK(contrast_ratio(t->text_muted, t->surface) >= 4.5);
    CHECK(contrast_ratio(t->on_primary, t->primary) >= 4.5);
    CHECK(contrast_ratio(t->on_secondary, t->secondary) >= 4.5);
    CHECK(contrast_ratio(t->on_selected, t->selected) >= 4.5);
    CHECK(contrast_ratio(t->danger, t->background) >= 4.5);
    CHECK(contrast_ratio(t->success, t->background) >= 4.5);
    CHECK(contrast_ratio(t->outline, t->background) >= 3.0);
    CHECK(contrast_ratio(t->focus, t->background) >= 3.0);
    CHECK(contrast_ratio(t->primary, t->background) >= 3.0);
    CHECK(contrast_ratio(t->selected, t->background) >= 3.0);
  }
}

TEST_CASE("Brand tiles keep their names readable") {
  for (Brand b : all_brands) {
    INFO(brand_name(b));
    const std::uint32_t ink = brand_tile_dark_text(b) ? 0x000000 : 0xFFFFFF;
    CHECK(contrast_ratio(ink, brand_tile_rgb(b)) >= 4.5);
  }
}

TEST_CASE("The contrast formula matches WCAG's reference points") {
  CHECK(contrast_ratio(0x000000, 0xFFFFFF) == Approx(21.0));
  CHECK(contrast_ratio(0x777777, 0xFFFFFF) == Approx(4.48).margin(0.01));
}
