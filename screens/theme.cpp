#include "theme.hpp"

namespace kiosk::ui {

const Theme& standard_theme() {
  static const Theme t{"standard",
                       0xF3F5F8, 0xFFFFFF, 0x14181F, 0x454C57, 0x0B4A8B, 0xFFFFFF, 0xFFFFFF,
                       0x14181F, 0x5E6673, 0x0B6B3A, 0xFFFFFF, 0xA8001C, 0x0B6B3A, 0x000000, 0xC2410C,
                       0x707070};
  return t;
}

const Theme& high_contrast_theme() {
  static const Theme t{"high_contrast",
                       0x000000, 0x000000, 0xFFFFFF, 0xFFFF00, 0xFFFF00, 0x000000, 0x000000,
                       0xFFFFFF, 0xFFFFFF, 0x00FFFF, 0x000000, 0xFF8080, 0x7CFC00, 0xFFFFFF, 0xFF00FF,
                       0x9E9E9E};
  return t;
}

}  // namespace kiosk::ui
