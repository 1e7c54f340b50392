#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "money.hpp"

namespace kiosk {

// The user picks the brand; the number's prefix never decides it (number portability).
enum class Brand { proximus, orange, base, telenet, digi, lycamobile, mobile_vikings };

inline constexpr std::array<Brand, 7> all_brands{Brand::proximus, Brand::orange,     Brand::base,
                                                 Brand::telenet,  Brand::digi,       Brand::lycamobile,
                                                 Brand::mobile_vikings};

std::string_view brand_id(Brand brand);       // "proximus"
std::string_view brand_name(Brand brand);     // "Proximus Pay&Go"
std::optional<Brand> parse_brand(std::string_view id);
// Plain tile colour (0xRRGGBB) with white or black text chosen for contrast; no logos.
std::uint32_t brand_tile_rgb(Brand brand);
bool brand_tile_dark_text(Brand brand);

// What an operator's catalog says of the brand itself (the gateway's /v1/brands).
struct BrandTerms {
  Brand brand = Brand::proximus;
  Cents reactivation_fee = 0;     // to bring a suspended number back
  bool customer_numbers = false;  // the customer number on the SIM card holder identifies a subscriber
};

}  // namespace kiosk
