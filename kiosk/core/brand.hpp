#pragma once
// An operator's brand is data: the catalog (catalog/catalog_file.hpp) names each one, its
// colours and terms. The code knows a brand only by its id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civil_date.hpp"
#include "money.hpp"

namespace kiosk {

// The user picks the brand; the number's prefix never decides it (number portability).
struct Brand {
  std::string id;  // the catalog's: "proximus", [a-z0-9_]{1,32}
  friend bool operator==(const Brand& a, const Brand& b) { return a.id == b.id; }
  friend bool operator!=(const Brand& a, const Brand& b) { return a.id != b.id; }
  friend bool operator<(const Brand& a, const Brand& b) { return a.id < b.id; }
};

inline constexpr std::size_t max_brand_id_length = 32;
bool valid_brand_id(std::string_view id);
inline std::string_view brand_id(const Brand& brand) { return brand.id; }
// A brand by its id, if the id is well formed (whether a catalog has it is the catalog's to say).
std::optional<Brand> parse_brand(std::string_view id);

// What the catalog says of a brand: how it looks on its tile and the operator's terms.
struct BrandInfo {
  Brand brand;
  std::string name;                // "Proximus Pay&Go"
  std::uint32_t colour = 0;        // the tile, 0xRRGGBB
  std::uint32_t text_colour = 0;   // its words: at least 4.5:1 against the tile
  std::string logo;                // a PNG in the logos folder, or "" for the plain tile
  bool phone_numbers = true;       // identifiers the operator accepts
  bool customer_numbers = false;   // the customer number on the SIM card holder identifies a subscriber
  Cents reactivation_fee = 0;      // to bring a suspended number back
};

// The catalog the kiosk sells from, as far as the core needs it: its brands (each look-up
// brings that subscriber's plans) and the days it holds for.
struct BrandCatalog {
  std::uint64_t version = 0;  // 0: none loaded
  CivilDate valid_until;      // the last day it may be sold from
  std::vector<BrandInfo> brands;
};
// No catalog, or its last day is behind us: nothing can be sold.
bool catalog_expired(const BrandCatalog& catalog, CivilDate today);

const BrandInfo* find_brand(const std::vector<BrandInfo>& brands, const Brand& brand);
// Its name in the catalog, or its id when the catalog no longer has it (an old receipt).
std::string brand_name(const std::vector<BrandInfo>& brands, const Brand& brand);

}  // namespace kiosk
