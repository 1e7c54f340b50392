#pragma once
#include <string>

#include "font_files.hpp"

namespace kiosk {

// Where the kiosk's fonts are, remembered in a small file so that a start does not pay for
// fontconfig's set-up (parsing its configuration and caches: a quarter of the time to the first
// frame). The file records what the answer was made from: the size and modification time of
// each font file, and the modification times of fontconfig's configuration and of its cache
// folder, which fc-cache rewrites whenever fonts are installed or removed. When any of them
// differs, or the file is missing or damaged, fontconfig is asked again and the file rewritten.
struct FontLookup {
  FontSet fonts;
  bool from_cache = false;
  std::string note;  // why the cache was not used, for the log ("" when it was, or on a first run)
};

FontLookup find_fonts_cached(const std::string& cache_path);

// Each font file of the set with its face index, size and modification time: what anything
// made from the fonts (the glyph store) depends on.
std::string font_files_stamp(const FontSet& fonts);

}  // namespace kiosk
