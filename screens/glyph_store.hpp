#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/shaper.hpp"

namespace kiosk::ui {

// Glyph images and shaped lines kept on disk between starts: those of the first screen, so that
// the next start draws it without opening a face, shaping or rasterising anything (opening the
// CJK collection alone took 13 ms, the glyphs of the attract screen as long again). The file names what its
// images were made from (font files with their sizes and times, FreeType's version, the way
// glyphs are made) and ends with a checksum; a file that is missing, short, damaged or made
// from anything else is not used, and is replaced by the next save.
class GlyphStore {
 public:
  struct Image {
    float px = 0;
    bool bold = false;
    std::uint32_t id = 0;  // ShapedGlyph::id
    float advance = 0;
    int left = 0, top = 0, w = 0, h = 0;
    bool missing = false;
    std::vector<std::uint8_t> pixels;  // w × h coverage, rows top to bottom
  };

  // Pixels per font unit of a face in a style (GlyphCache::units_scale): known without opening
  // the face.
  struct Scale {
    float px = 0;
    bool bold = false;
    std::uint8_t slot = 0;
    float scale = 0;
  };

  // The contents of the file, if it is whole and made from `made_from`; else none, and `note`
  // says why ("" when there was no file).
  static GlyphStore load(const std::string& path, const std::string& made_from, std::string* note);
  // Written aside and renamed over the old file.
  static bool save(const std::string& path, const std::string& made_from, const std::vector<Image>& images,
                   const Shaper::Lines& lines = {}, const std::vector<Scale>& scales = {});

  const Image* find(float px, bool bold, std::uint32_t id) const;
  const std::vector<Image>& images() const { return images_; }
  const Shaper::Lines& lines() const { return lines_; }
  const std::vector<Scale>& scales() const { return scales_; }

 private:
  static std::uint64_t key(float px, bool bold, std::uint32_t id);
  std::vector<Image> images_;
  Shaper::Lines lines_;
  std::vector<Scale> scales_;
  std::unordered_map<std::uint64_t, std::size_t> index_;
};

}  // namespace kiosk::ui
