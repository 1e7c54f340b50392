#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <vector>

#include <unistd.h>

#include "fonts/face_file.hpp"
#include "fonts/font_files.hpp"

using namespace kiosk;

namespace {

struct Library {
  FT_Library lib = nullptr;
  Library() { FT_Init_FreeType(&lib); }
  ~Library() { FT_Done_FreeType(lib); }
};

struct Picture {
  std::vector<unsigned char> pixels;
  int width = 0, rows = 0, left = 0, top = 0;
  long advance = 0;
  bool operator==(const Picture&) const = default;
};

Picture render(FT_Face face, FT_UInt index) {
  Picture p;
  FT_Set_Pixel_Sizes(face, 0, 37);
  if (FT_Load_Glyph(face, index, FT_LOAD_RENDER) != 0) return p;
  const FT_Bitmap& bm = face->glyph->bitmap;
  p.width = static_cast<int>(bm.width);
  p.rows = static_cast<int>(bm.rows);
  p.left = face->glyph->bitmap_left;
  p.top = face->glyph->bitmap_top;
  p.advance = face->glyph->advance.x;
  for (unsigned r = 0; r < bm.rows; ++r)
    p.pixels.insert(p.pixels.end(), bm.buffer + r * bm.pitch, bm.buffer + r * bm.pitch + bm.width);
  return p;
}

}  // namespace

// The faces read through cached blocks must be the very faces FreeType reads from its own map:
// glyphs from all over each file, in an order that jumps back and forth between blocks.
TEST_CASE("A face read a block at a time draws every glyph as FreeType's own reading does") {
  const FontSet fonts = find_fonts();
  Library ours, theirs;
  for (const FontFile* file : {&fonts.latin, &fonts.cjk_bold, &fonts.arabic}) {
    INFO(file->path);
    REQUIRE(file->found());
    FT_Face a = open_face(ours.lib, *file);
    FT_Face b = nullptr;
    REQUIRE(a);
    REQUIRE(FT_New_Face(theirs.lib, file->path.c_str(), file->face_index, &b) == 0);
    REQUIRE(a->num_glyphs == b->num_glyphs);
    const long n = a->num_glyphs;
    int compared = 0;
    for (long i = 0; i < 300; ++i) {
      const auto index = static_cast<FT_UInt>((i * 7919) % n);  // a stride that wanders the file
      INFO("glyph " << index);
      const Picture pa = render(a, index), pb = render(b, index);
      CHECK(pa == pb);
      compared += pa.width > 0;
    }
    CHECK(compared > 100);
    FT_Done_Face(a);
    FT_Done_Face(b);
  }
}

TEST_CASE("A short font file is refused or gives no glyphs, and never reads past its end") {
  const FontSet fonts = find_fonts();
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("face-file-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ifstream in(fonts.latin.path, std::ios::binary);
  const std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Library lib;
  for (const std::size_t keep : {std::size_t{0}, std::size_t{100}, whole.size() / 2, whole.size() - 1}) {
    INFO("kept " << keep << " of " << whole.size() << " bytes");
    const std::string path = (dir / "short.ttf").string();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(whole.data(), static_cast<std::streamsize>(keep));
    FT_Face face = open_face(lib.lib, FontFile{path, 0});
    if (!face) continue;
    for (FT_UInt g = 0; g < static_cast<FT_UInt>(face->num_glyphs); g += 97) render(face, g);  // must not crash
    FT_Done_Face(face);
  }
  CHECK_FALSE(open_face(lib.lib, FontFile{(dir / "missing.ttf").string(), 0}));
  std::filesystem::remove_all(dir);
}
