#pragma once
#include <cstdint>

namespace kiosk {

// WCAG 2 contrast ratio of two sRGB colours (0xRRGGBB): 1 to 21.
double contrast_ratio(std::uint32_t a, std::uint32_t b);

}  // namespace kiosk
