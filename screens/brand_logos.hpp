#pragma once
// Operators' logos: optional, one PNG per brand in a folder (<brand id>.png, "proximus.png"),
// supplied by the operator; none ship with the kiosk. A brand without one shows its name on
// its colour, as always.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/brand.hpp"
#include "rgba_image.hpp"

namespace kiosk::ui {

class BrandLogos {
 public:
  // The largest a logo is drawn (a brand tile's upper part): bigger files are scaled down once.
  static constexpr int max_width = 400, max_height = 130;
  // Files larger than this, or pictures larger than max_side on a side, are not read.
  static constexpr long long max_file_bytes = 2 << 20;
  static constexpr int max_side = 4096;

  // Reads the folder's logos. A missing folder or file is no logo; a file that is there but
  // cannot be used (not a PNG, damaged, too large) is left as it is and described in `problems`.
  static BrandLogos load(const std::string& dir, std::vector<std::string>* problems);

  const RgbaImage* get(Brand brand) const;

 private:
  std::array<std::optional<RgbaImage>, all_brands.size()> images_;
};

}  // namespace kiosk::ui
