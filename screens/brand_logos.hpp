#pragma once
// Operators' logos: optional PNG files in a folder, supplied by the operator (none ship with the
// kiosk); the catalog names a brand's file ("logo": "proximus.png"). A brand without one shows
// its name on its colour, as always.
#include <map>
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
  static constexpr int max_files = 64;  // as many as a catalog has brands, and then some

  // Reads the folder's *.png files (the first max_files by name). A missing folder is no logos;
  // a file that cannot be used (not a PNG, damaged, too large) is left as it is and described
  // in `problems`.
  static BrandLogos load(const std::string& dir, std::vector<std::string>* problems);

  // The logo in this file of the folder, if it was there and usable ("" for none).
  const RgbaImage* get(const std::string& file_name) const;

 private:
  std::map<std::string, RgbaImage> images_;
};

}  // namespace kiosk::ui
