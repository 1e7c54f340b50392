#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/utf8.hpp"
#include "glyph_cache.hpp"
#include "text/bidi_text.hpp"

using namespace kiosk;
using namespace kiosk::ui;

namespace {

GlyphCache& cache() {
  static std::unique_ptr<GlyphCache> made = [] {
    std::string error;
    auto c = GlyphCache::create(find_fonts(), &error);
    INFO(error);
    REQUIRE(c);
    return c;
  }();
  return *made;
}

bool has_ink(const GlyphCache::Glyph& g) {
  if (!g.page) return false;
  for (int y = 0; y < g.h; ++y)
    for (int x = 0; x < g.w; ++x)
      if (g.page->at(g.u + x, g.v + y) > 128) return true;
  return false;
}

}  // namespace

TEST_CASE("A glyph is made once, when first asked for, and kept") {
  GlyphCache& c = cache();
  const int style = c.style(46, false);
  CHECK(c.style(46, false) == style);
  const int before = c.stats().glyphs;
  const GlyphCache::Glyph& a = c.glyph(style, U'A');
  CHECK(c.stats().glyphs == before + 1);
  CHECK(&c.glyph(style, U'A') == &a);
  CHECK(c.stats().glyphs == before + 1);
  CHECK_FALSE(a.missing);
  CHECK(has_ink(a));
  CHECK(a.advance > 20);
  CHECK(a.top > 20);  // a capital stands well above the baseline
  CHECK(c.measure(style, "AA") == Approx(2 * a.advance));
  const GlyphCache::Glyph& space = c.glyph(style, U' ');
  CHECK_FALSE(space.missing);
  CHECK(space.page == nullptr);
  CHECK(space.advance > 5);
}

TEST_CASE("Chinese and shaped Arabic come from their own faces on the Latin baseline") {
  GlyphCache& c = cache();
  const int regular = c.style(50, false), bold = c.style(50, true);
  const GlyphCache::Glyph& han = c.glyph(regular, U'中');
  CHECK_FALSE(han.missing);
  CHECK(has_ink(han));
  CHECK(han.advance == Approx(50 * 1000.0 / 1448).margin(3));  // one em of Noto Sans CJK at this scale
  // A shaped Arabic glyph: BidiText hands its glyph index on as a private-use code point.
  std::string error;
  auto bidi = BidiText::create(find_fonts().arabic, &error);
  REQUIRE(bidi);
  const std::string visual = bidi->visual("سلام");
  std::size_t at = 0;
  const char32_t shaped = utf8_next(visual, &at);
  REQUIRE(BidiText::is_glyph(shaped));
  const GlyphCache::Glyph& arabic = c.glyph(regular, shaped);
  CHECK_FALSE(arabic.missing);
  CHECK(has_ink(arabic));
  CHECK(has_ink(c.glyph(bold, shaped)));
  CHECK(c.baseline(regular) == c.baseline(bold));
}

TEST_CASE("A character no font has is reported missing and draws nothing") {
  GlyphCache& c = cache();
  const int style = c.style(40, false);
  for (char32_t cp : {char32_t{0x0378}, char32_t{0x10FFFD}, static_cast<char32_t>(BidiText::glyph_base + BidiText::max_glyphs - 1)}) {
    const GlyphCache::Glyph& g = c.glyph(style, cp);
    CHECK(g.missing);
    CHECK(g.page == nullptr);
    CHECK(g.advance == 0);
  }
}

TEST_CASE("Glyph images never overlap, across as many pages as they need") {
  GlyphCache& c = cache();
  const int style = c.style(88, true);
  // Enough large ideographs to fill more than one page.
  std::map<const AlphaTexture*, std::vector<const GlyphCache::Glyph*>> by_page;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 300; ++cp) {
    const GlyphCache::Glyph& g = c.glyph(style, cp);
    if (g.page) by_page[g.page].push_back(&g);
  }
  CHECK(by_page.size() >= 2);
  for (const auto& [page, glyphs] : by_page)
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
      const GlyphCache::Glyph& a = *glyphs[i];
      REQUIRE(a.u + a.w <= page->width());
      REQUIRE(a.v + a.h <= page->height());
      for (std::size_t j = i + 1; j < glyphs.size(); ++j) {
        const GlyphCache::Glyph& b = *glyphs[j];
        const bool apart = a.u + a.w <= b.u || b.u + b.w <= a.u || a.v + a.h <= b.v || b.v + b.h <= a.v;
        REQUIRE(apart);
      }
    }
  CHECK(c.stats().texture_bytes == static_cast<long long>(c.stats().pages) * 1024 * 1024);
}
