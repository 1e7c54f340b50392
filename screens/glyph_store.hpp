#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace kiosk::ui {

// Glyph images kept on disk between starts: the glyphs of the first screen, so that the next
// start draws it without opening a face or rasterising anything (opening the CJK collection
// alone took 13 ms, the glyphs of the attract screen as long again). The file names what its
// images were made from (font files with their sizes and times, FreeType's version, the way
// glyphs are made) and ends with a checksum; a file that is missing, short, damaged or made
// from anything else is not used, and is replaced by the next save.
class GlyphStore {
 public:
  struct Image {
    float px = 0;
    bool bold = false;
    char32_t cp = 0;
    float advance = 0;
    int left = 0, top = 0, w = 0, h = 0;
    bool missing = false;
    std::vector<std::uint8_t> pixels;  // w × h coverage, rows top to bottom
  };

  // The images of the file, if it is whole and made from `made_from`; else none, and `note`
  // says why ("" when there was no file).
  static GlyphStore load(const std::string& path, const std::string& made_from, std::string* note);
  // Written aside and renamed over the old file.
  static bool save(const std::string& path, const std::string& made_from, const std::vector<Image>& images);

  const Image* find(float px, bool bold, char32_t cp) const;
  const std::vector<Image>& images() const { return images_; }

 private:
  static std::uint64_t key(float px, bool bold, char32_t cp);
  std::vector<Image> images_;
  std::unordered_map<std::uint64_t, std::size_t> index_;
};

}  // namespace kiosk::ui
