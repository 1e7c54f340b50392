#pragma once
// The operators' catalog as data: brands (name, colours, logo, which identifiers the operator
// accepts, reactivation fee), plans, durations, promotions and prices, with a version that only
// goes up and a last day of validity. Its source is assets/catalog/catalog.json; what kiosks and
// gateways load is that text signed (signed_catalog.hpp). Reading it checks every field, with
// bounds: a catalog is data from elsewhere, even when signed.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.hpp"
#include "core/money.hpp"

namespace kiosk::catalog {

inline constexpr std::size_t max_catalog_bytes = 1 << 20;

struct BrandEntry {
  std::string id;                 // "proximus": [a-z0-9_]{1,32}
  std::string name;               // "Proximus Pay&Go"
  std::uint32_t colour = 0;       // the tile, 0xRRGGBB
  std::uint32_t text_colour = 0;  // its words: at least 4.5:1 against the tile
  std::string logo;               // a PNG in assets/logos/, or "" for the plain tile
  bool phone_numbers = true;      // identifiers the operator accepts
  bool customer_numbers = false;
  Cents reactivation_fee = 0;
};

struct PromotionEntry {
  enum class Kind { new_customer_percent, returning_bonus_cents, multi_month_percent } kind;
  int percent = 0;
  Cents bonus = 0;
  int min_months = 0;
};

struct PlanEntry {
  std::string id, brand, name;
  int data_gb = 0, minutes = 0, sms = 0;  // -1: unlimited
  int intl_minutes = 0;
  Cents price_per_month = 0;
  std::vector<int> months;
  std::vector<PromotionEntry> promotions;
};

struct CatalogFile {
  std::uint64_t version = 0;
  CivilDate valid_until;
  std::vector<BrandEntry> brands;
  std::vector<PlanEntry> plans;
};

// The catalog in `text`, or nothing with the first thing wrong in `error` (a path into the
// document: "plans[3].price_cents: …").
std::optional<CatalogFile> parse_catalog(std::string_view text, std::string* error);

}  // namespace kiosk::catalog
