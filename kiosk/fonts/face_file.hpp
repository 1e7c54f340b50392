#pragma once
#include <ft2build.h>
#include FT_FREETYPE_H

#include "font_files.hpp"

namespace kiosk {

// Opens a face that reads its file with pread(2), a piece at a time as FreeType asks, instead
// of FreeType's own mapping of the whole file. A map costs resident memory in blocks of the
// kernel's fault-around (64 KiB) for every glyph touched: a few hundred scattered ideographs of
// the 19 MB Noto Sans CJK collection made 6 MB resident per face. nullptr if it cannot be opened.
FT_Face open_face(FT_Library library, const FontFile& file);

}  // namespace kiosk
