#pragma once
#include <ft2build.h>
#include FT_FREETYPE_H

#include <utility>

#include "font_files.hpp"

namespace kiosk {

// Opens a face that reads its file with pread(2), a piece at a time as FreeType asks (through
// a few cached 4 KiB blocks), instead of FreeType's own mapping of the whole file. A map costs resident memory in blocks of the
// kernel's fault-around (64 KiB) for every glyph touched: a few hundred scattered ideographs of
// the 19 MB Noto Sans CJK collection made 6 MB resident per face. nullptr if it cannot be opened.
FT_Face open_face(FT_Library library, const FontFile& file);

// A face opened the first time it is asked for (a script's face only once text in it comes),
// tried once. close() before the library goes.
class LazyFace {
 public:
  LazyFace() = default;
  explicit LazyFace(FontFile file) : file_(std::move(file)) {}
  LazyFace(LazyFace&& other) noexcept { *this = std::move(other); }
  LazyFace& operator=(LazyFace&& other) noexcept {
    if (this != &other) {
      close();
      file_ = std::move(other.file_);
      tried_ = other.tried_;
      face_ = std::exchange(other.face_, nullptr);
    }
    return *this;
  }
  ~LazyFace() { close(); }

  // The face, or nullptr if it cannot be opened.
  FT_Face get(FT_Library library) {
    if (!tried_) {
      tried_ = true;
      face_ = open_face(library, file_);
    }
    return face_;
  }
  void close() {
    if (face_) FT_Done_Face(face_);
    face_ = nullptr;
  }

 private:
  FontFile file_;
  bool tried_ = false;
  FT_Face face_ = nullptr;
};

}  // namespace kiosk
