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
#include "core/brand.hpp"
#include "core/money.hpp"
#include "core/plan.hpp"

namespace kiosk::catalog {

inline constexpr std::size_t max_catalog_bytes = 1 << 20;
// The brand screen shows every brand at once, each tile still a large target: ten at most.
inline constexpr std::size_t max_brands = 10;

struct CatalogFile {
  std::uint64_t version = 0;
  CivilDate valid_until;
  std::vector<BrandInfo> brands;  // in the order the kiosk shows them
  std::vector<Plan> plans;
};

// The catalog in `text`, or nothing with the first thing wrong in `error` (a path into the
// document: "plans[3].price_cents: …").
std::optional<CatalogFile> parse_catalog(std::string_view text, std::string* error);

}  // namespace kiosk::catalog
