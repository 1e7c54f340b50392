#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alpha_texture.hpp"
#include "fonts/font_files.hpp"
#include "text/shaper.hpp"

namespace kiosk {
class FaceSet;
}

namespace kiosk::ui {

// Glyphs rasterised with FreeType the first time a screen shows them, packed into 8-bit pages
// of 1024×1024. Nothing is baked up front: start-up costs the few glyphs of the first screen
// (or none, from the glyph store), and a session in one language holds only that language's
// glyphs. The font files are read a piece at a time (face_file.hpp), not copied.
//
// Sizes follow Dear ImGui's convention, which the layout was made with: a style of `px` makes
// Noto Sans's ascender-to-descender height px tall; Chinese is scaled the same way by its own
// metrics and sits on the Latin baseline; Arabic uses the Latin scale so both scripts look the
// same size. Glyphs are the Shaper's: a face and a glyph index, not characters.
class GlyphCache {
 public:
  // With a store path, glyphs the store holds are taken from it instead of being made.
  static std::unique_ptr<GlyphCache> create(std::shared_ptr<FaceSet> faces, std::string* error,
                                            const std::string& store_path = "");
  // With faces of its own.
  static std::unique_ptr<GlyphCache> create(const FontSet& files, std::string* error, const std::string& store_path = "");
  ~GlyphCache();
  GlyphCache(const GlyphCache&) = delete;
  GlyphCache& operator=(const GlyphCache&) = delete;

  struct Glyph {
    const AlphaTexture* page = nullptr;  // null: nothing to draw (a space)
    int u = 0, v = 0, w = 0, h = 0;      // the image in the page
    int left = 0, top = 0;               // image offset from the pen; top is above the baseline
    float advance = 0;
    bool missing = false;  // no font has it: nothing is drawn, and the gallery reports it
  };

  // A size and weight; the returned handle stays valid for the cache's life.
  int style(float px, bool bold);
  bool bold(int style) const;
  // The image of a shaped glyph (ShapedGlyph::id) in a style; the reference stays valid for the
  // cache's life.
  const Glyph& glyph(int style, std::uint32_t id);
  // Pixels per font unit of a face in a style: the scale of a ShapedGlyph's offsets and advance.
  float units_scale(int style, FaceSlot slot);
  // Whole pixels from the top of a line of this style to its baseline.
  int baseline(int style) const;
  // Width of a shaped line.
  float measure(int style, const ShapedLine& line);

  // Writes every glyph made so far and the given shaped lines to the store (see GlyphStore), if
  // a glyph was made with FreeType or a line is new since the last save; false if nothing was
  // written.
  bool save_store(const Shaper::Lines& lines = {});
  // The shaped lines the store held (for Shaper::preload).
  const Shaper::Lines& stored_lines() const;
  // Why the store could not be used ("" if it was, or there was none).
  const std::string& store_note() const;

  struct Stats {
    int pages = 0;
    int glyphs = 0;
    int from_store = 0;  // glyphs taken from the store
    int rasterised = 0;  // glyphs made with FreeType
    long long texture_bytes = 0;
  };
  Stats stats() const;

  struct Impl;

 private:
  explicit GlyphCache(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::ui
