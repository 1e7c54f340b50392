#include "face_set.hpp"

#include <hb-ft.h>

namespace kiosk {

std::shared_ptr<FaceSet> FaceSet::create(const FontSet& files, std::string* error) {
  std::shared_ptr<FaceSet> set(new FaceSet());
  if (FT_Init_FreeType(&set->library_) != 0) {
    if (error) *error = "FreeType could not start";
    return nullptr;
  }
  set->files_ = files;
  const FontFile* by_role[role_count] = {&files.latin, &files.latin_bold, &files.cjk,
                                         &files.cjk_bold, &files.arabic, &files.arabic_bold};
  for (int r = 0; r < role_count; ++r) set->faces_[r] = LazyFace(*by_role[r]);
  return set;
}

hb_face_t* FaceSet::harfbuzz(Role role) {
  if (!harfbuzz_[role]) {
    FT_Face face = get(role);
    if (!face) return nullptr;
    harfbuzz_[role] = hb_ft_face_create_referenced(face);
  }
  return harfbuzz_[role];
}

FaceSet::~FaceSet() {
  for (hb_face_t*& f : harfbuzz_)
    if (f) hb_face_destroy(f);
  for (LazyFace& f : faces_) f.close();
  if (library_) FT_Done_FreeType(library_);
}

}  // namespace kiosk
