#include "theme.hpp"

#include <algorithm>
#include <cmath>

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

namespace {
double channel(std::uint32_t c) {
  const double v = c / 255.0;
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
double luminance(std::uint32_t rgb) {
  return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) +
         0.0722 * channel(rgb & 0xFF);
}
}  // namespace

double contrast_ratio(std::uint32_t a, std::uint32_t b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace kiosk::ui
