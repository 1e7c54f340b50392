#pragma once
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H

#include <memory>
#include <string>
#include <utility>

#include "face_file.hpp"
#include "font_files.hpp"

struct hb_face_t;

namespace kiosk {

// The kiosk's faces, each opened once (on first use) and shared by everything that draws text
// on the UI thread: the screens' glyph cache and the receipt's painter. A face of the CJK
// collection holds 2.3 MB of FreeType's tables; one copy for each user made a Chinese session
// 5 MB larger than any other. Users size a face through a FaceSize of their own, never through
// the face's shared size, so that they do not disturb each other.
class FaceSet {
 public:
  enum Role { latin, latin_bold, cjk, cjk_bold, arabic, arabic_bold, role_count };

  // Null with `error` set if FreeType cannot start; faces are opened only when asked for.
  static std::shared_ptr<FaceSet> create(const FontSet& files, std::string* error);
  ~FaceSet();
  FaceSet(const FaceSet&) = delete;
  FaceSet& operator=(const FaceSet&) = delete;

  // The face, opened the first time; nullptr if it cannot be opened.
  FT_Face get(Role role) { return faces_[role].get(library_); }
  // The bold face if asked for and there is one, else the regular one.
  FT_Face get(Role regular, bool bold) {
    FT_Face f = bold ? get(static_cast<Role>(regular + 1)) : nullptr;
    return f ? f : get(regular);
  }
  // The face's tables for HarfBuzz, read through the face's stream and made once for every
  // shaper (HarfBuzz keeps what it derives from them, such as the kerning and mark lookups, with
  // the face); nullptr if the face cannot be opened.
  hb_face_t* harfbuzz(Role role);
  FT_Library library() const { return library_; }
  const FontSet& files() const { return files_; }

 private:
  FaceSet() = default;
  FT_Library library_ = nullptr;
  FontSet files_;
  LazyFace faces_[role_count];
  hb_face_t* harfbuzz_[role_count] = {};
};

// One user's size of a shared face: activate() makes it the face's size before setting a size or
// loading a glyph. Done before the face goes (FaceSet outlives its users).
class FaceSize {
 public:
  FaceSize() = default;
  explicit FaceSize(FT_Face face) : face_(face) {
    if (face_ && FT_New_Size(face_, &size_) != 0) size_ = nullptr;
  }
  FaceSize(FaceSize&& other) noexcept { *this = std::move(other); }
  FaceSize& operator=(FaceSize&& other) noexcept {
    if (this != &other) {
      reset();
      face_ = std::exchange(other.face_, nullptr);
      size_ = std::exchange(other.size_, nullptr);
    }
    return *this;
  }
  ~FaceSize() { reset(); }

  // The face, now sized by this user; nullptr if there is none.
  FT_Face activate() {
    if (!face_ || !size_) return nullptr;
    FT_Activate_Size(size_);
    return face_;
  }
  FT_Face face() const { return face_; }

 private:
  void reset() {
    if (size_) FT_Done_Size(size_);
    size_ = nullptr;
    face_ = nullptr;
  }
  FT_Face face_ = nullptr;
  FT_Size size_ = nullptr;
};

}  // namespace kiosk
