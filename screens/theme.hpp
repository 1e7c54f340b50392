#pragma once
#include <cstdint>

#include "core/contrast.hpp"

namespace kiosk::ui {

// Colours as 0xRRGGBB. Every text/background pair is chosen for at least 4.5:1 contrast and
// every control edge for 3:1 (see tests/screens/contrast_test.cpp).
struct Theme {
  const char* name;
  std::uint32_t background;
  std::uint32_t surface;        // cards, rows
  std::uint32_t text;
  std::uint32_t text_muted;     // hints: still 4.5:1 on background and surface
  std::uint32_t primary;        // main action button
  std::uint32_t on_primary;
  std::uint32_t secondary;      // other buttons
  std::uint32_t on_secondary;
  std::uint32_t outline;        // edges of secondary buttons and cards: 3:1 on background
  std::uint32_t selected;       // chosen plan / option
  std::uint32_t on_selected;
  std::uint32_t danger;         // error text
  std::uint32_t success;
  std::uint32_t pressed_overlay;
  std::uint32_t focus;          // the keypad's focus ring: 3:1 on background
  // Words and edge of a control that cannot be used now: a grey, legible (4.5:1 on secondary)
  // but plainly dimmer than any control that can; never an accent colour that looks chosen.
  std::uint32_t disabled;
};

const Theme& standard_theme();
const Theme& high_contrast_theme();

// WCAG 2 contrast ratio of two sRGB colours (the core's: catalogs check brand colours too).
using kiosk::contrast_ratio;

}  // namespace kiosk::ui
