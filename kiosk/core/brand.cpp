#include "brand.hpp"

#include <algorithm>

namespace kiosk {

bool valid_brand_id(std::string_view id) {
  return !id.empty() && id.size() <= max_brand_id_length && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<Brand> parse_brand(std::string_view id) {
  if (!valid_brand_id(id)) return std::nullopt;
  return Brand{std::string(id)};
}

bool catalog_expired(const BrandCatalog& catalog, CivilDate today) {
  return catalog.version == 0 || catalog.brands.empty() || catalog.valid_until < today;
}

const BrandInfo* find_brand(const std::vector<BrandInfo>& brands, const Brand& brand) {
  for (const BrandInfo& b : brands)
    if (b.brand == brand) return &b;
  return nullptr;
}

std::string brand_name(const std::vector<BrandInfo>& brands, const Brand& brand) {
  const BrandInfo* b = find_brand(brands, brand);
  return b ? b->name : brand.id;
}

}  // namespace kiosk
