#include "brand.hpp"

namespace kiosk {

std::string_view brand_id(Brand b) {
  switch (b) {
    case Brand::proximus: return "proximus";
    case Brand::orange: return "orange";
    case Brand::base: return "base";
    case Brand::telenet: return "telenet";
    case Brand::digi: return "digi";
    case Brand::lycamobile: return "lycamobile";
    case Brand::mobile_vikings: return "mobilevikings";
  }
  return "proximus";
}

std::string_view brand_name(Brand b) {
  switch (b) {
    case Brand::proximus: return "Proximus Pay&Go";
    case Brand::orange: return "Orange";
    case Brand::base: return "BASE";
    case Brand::telenet: return "Telenet";
    case Brand::digi: return "DIGI";
    case Brand::lycamobile: return "Lycamobile";
    case Brand::mobile_vikings: return "Mobile Vikings";
  }
  return "";
}

std::optional<Brand> parse_brand(std::string_view id) {
  for (Brand b : all_brands)
    if (brand_id(b) == id) return b;
  return std::nullopt;
}

// Colours are plain brand-like tones chosen for 4.5:1 text contrast, not the operators' marks.
std::uint32_t brand_tile_rgb(Brand b) {
  switch (b) {
    case Brand::proximus: return 0x4B2C85;
    case Brand::orange: return 0xFF7900;
    case Brand::base: return 0x1B6B3A;
    case Brand::telenet: return 0xFFD400;
    case Brand::digi: return 0x1F4E9C;
    case Brand::lycamobile: return 0x8C1D40;
    case Brand::mobile_vikings: return 0x0F5C55;
  }
  return 0x333333;
}

bool brand_tile_dark_text(Brand b) { return b == Brand::orange || b == Brand::telenet; }

}  // namespace kiosk
