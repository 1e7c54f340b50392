#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "fonts/font_files.hpp"

namespace kiosk {

// Right-to-left text for renderers that draw code points from left to right (Dear ImGui, the
// receipt painter). FriBidi resolves the visual order of a line; HarfBuzz shapes its Arabic
// runs with Noto Sans Arabic (joining forms, lam-alef); each shaped glyph is handed on as a
// private-use code point, U+E000 plus its glyph index, which the renderer draws from the
// Arabic face. Digits, Latin words and isolated data (a phone number) stay left to right.
class BidiText {
 public:
  static std::unique_ptr<BidiText> create(const FontFile& arabic, std::string* error);
  ~BidiText();

  // Whether the text has right-to-left letters (Arabic, Hebrew).
  static bool has_rtl(std::string_view utf8);
  // One line of logical UTF-8 in visual order, left to right, with bidi controls removed. A
  // line of a right-to-left paragraph (`rtl`, from the paragraph's text as a whole) reads from
  // the right even when it holds no Arabic itself ("049." ends a sentence on its left); other
  // lines without right-to-left letters come back as they were (minus the controls).
  std::string visual(std::string_view logical, bool rtl) const;
  std::string visual(std::string_view logical) const { return visual(logical, has_rtl(logical)); }

  static constexpr char32_t glyph_base = 0xE000;  // glyph g is U+E000 + g
  static constexpr unsigned max_glyphs = 0xF900 - 0xE000;
  static bool is_glyph(char32_t cp) { return cp >= glyph_base && cp < glyph_base + max_glyphs; }
  static unsigned glyph_index(char32_t cp) { return static_cast<unsigned>(cp - glyph_base); }

  struct Impl;

 private:
  explicit BidiText(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  // Screens measure the same strings again and again while wrapping: shape each once.
  mutable std::unordered_map<std::string, std::string> cache_;
};

}  // namespace kiosk
