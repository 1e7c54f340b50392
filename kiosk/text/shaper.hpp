#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kiosk {

class FaceSet;

// The face a glyph comes from: Noto Sans (Latin, Greek, Cyrillic), Noto Sans CJK, Noto Sans Arabic.
enum class FaceSlot : std::uint8_t { latin = 0, cjk = 1, arabic = 2 };
inline constexpr int face_slot_count = 3;

// One glyph of a line, where HarfBuzz put it. Offsets and advance are in font units of the
// glyph's own face (y upwards), so every renderer scales them to its own size: Arabic marks
// sit on their letters only with the offsets, and Latin pairs are kerned by the advances.
struct ShapedGlyph {
  std::uint32_t id = 0;  // slot << 24 | glyph index; index 0: no face has the character
  std::int32_t x_offset = 0, y_offset = 0, advance = 0;
  char32_t cp = 0;  // the first character of its cluster, to name a missing one

  static std::uint32_t make_id(FaceSlot slot, std::uint32_t index) {
    return static_cast<std::uint32_t>(slot) << 24 | (index & 0xFFFFFF);
  }
  FaceSlot slot() const { return static_cast<FaceSlot>(id >> 24); }
  std::uint32_t index() const { return id & 0xFFFFFF; }
  bool missing() const { return index() == 0; }
};

// A line's glyphs from left to right.
using ShapedLine = std::vector<ShapedGlyph>;

// Turns a line of logical UTF-8 into positioned glyphs for renderers that draw from left to
// right (the screens, the receipt). FriBidi resolves the visual order of a line that has
// right-to-left text; each run is split by the face that has its characters and shaped with
// HarfBuzz (joining forms, marks, kerning, mirrored brackets). Chinese takes each ideograph's
// own advance: it has nothing to shape, and HarfBuzz would read megabytes of the CJK face's
// tables to say so. Bidi controls are not drawn.
class Shaper {
 public:
  // On the faces the renderers draw with (used on the same thread).
  static std::unique_ptr<Shaper> create(std::shared_ptr<FaceSet> faces, std::string* error);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  // Whether the text has right-to-left letters (Arabic, Hebrew).
  static bool has_rtl(std::string_view utf8);

  // One line, shaped with the regular or the bold faces. A line of a right-to-left paragraph
  // (`rtl`, from the paragraph's text as a whole) reads from the right even when it holds no
  // Arabic itself ("049." ends a sentence on its left). The reference stays valid until the
  // next call.
  const ShapedLine& shape(std::string_view logical, bool rtl, bool bold) const;
  const ShapedLine& shape(std::string_view logical, bool bold = false) const {
    return shape(logical, has_rtl(logical), bold);
  }

  // The lines shaped so far under the keys they are kept by, for the next start (GlyphStore);
  // and such lines from an earlier start, taken as shaped: the first screen then opens no face.
  using Lines = std::vector<std::pair<std::string, ShapedLine>>;
  Lines cached() const;
  void preload(const Lines& lines) const;
  // The shaping libraries and their versions: lines kept by another are shaped again.
  static std::string engine();

  struct Impl;

 private:
  explicit Shaper(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  // Screens measure the same strings again and again while wrapping: shape each once.
  mutable std::unordered_map<std::string, ShapedLine> cache_;
};

}  // namespace kiosk
