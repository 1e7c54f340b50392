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

TEST_CASE("A control that cannot be used is legible, grey, and plainly dimmer than one that can") {
  for (const Theme* t : {&standard_theme(), &high_contrast_theme()}) {
    INFO(t->name);
    const std::uint32_t d = t->disabled;
    CHECK(contrast_ratio(d, t->secondary) >= 4.5);
    CHECK(((d >> 16) & 0xFF) == ((d >> 8) & 0xFF));  // a grey: no accent colour that looks lit
    CHECK(((d >> 8) & 0xFF) == (d & 0xFF));
    // Clearly less contrast (by 1.3 times or more) than any enabled control's words on their fill.
    for (const auto& [ink, fill] : {std::pair{t->on_secondary, t->secondary}, std::pair{t->on_primary, t->primary},
                                    std::pair{t->on_selected, t->selected}})
      CHECK(contrast_ratio(d, t->secondary) * 1.3 <= contrast_ratio(ink, fill));
  }
}

TEST_CASE("The contrast formula matches WCAG's reference points") {
  CHECK(contrast_ratio(0x000000, 0xFFFFFF) == Approx(21.0));
  CHECK(contrast_ratio(0x777777, 0xFFFFFF) == Approx(4.48).margin(0.01));
}
