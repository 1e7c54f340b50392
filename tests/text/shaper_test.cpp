#include <catch2/catch.hpp>

#include <string>

#include "core/utf8.hpp"
#include "fonts/face_set.hpp"
#include "fonts/font_files.hpp"
#include "i18n/catalog.hpp"
#include "text/shaper.hpp"
#include "../test_shaper.hpp"

using namespace kiosk;

namespace {

using test::shaper;

// The line from left to right with every Arabic-face glyph written as "#" and the others as
// the character they show.
std::string sketch(const ShapedLine& line) {
  std::string out;
  for (const ShapedGlyph& g : line) {
    if (g.slot() == FaceSlot::arabic) out += '#';
    else utf8_append(out, g.cp);
  }
  return out;
}

}  // namespace

TEST_CASE("Left-to-right text keeps its characters and order, without bidi controls") {
  CHECK(sketch(shaper().shape("Proximus Pay&Go")) == "Proximus Pay&Go");
  CHECK(sketch(shaper().shape("\u2068+32 2 123 45 67\u2069")) == "+32 2 123 45 67");
  CHECK_FALSE(Shaper::has_rtl("0470 12 34 56"));
  CHECK_FALSE(Shaper::has_rtl("Zurück Înapoi Україна 中文"));
  CHECK(Shaper::has_rtl("اللغة"));
  CHECK(Shaper::has_rtl("Call \u2067اللغة\u2069"));
}

TEST_CASE("Latin pairs are kerned and Chinese takes each ideograph's own advance") {
  const ShapedLine& to = shaper().shape("To");
  const std::int32_t t_in_pair = to[0].advance;
  const std::int32_t t_alone = shaper().shape("T")[0].advance;
  CHECK(t_in_pair < t_alone);
  const ShapedLine& han = shaper().shape("中文");
  REQUIRE(han.size() == 2);
  for (const ShapedGlyph& g : han) {
    CHECK(g.slot() == FaceSlot::cjk);
    CHECK(g.advance == 1000);  // one em of Noto Sans CJK
    CHECK_FALSE(g.missing());
  }
}

TEST_CASE("An Arabic line is shaped and laid out from the right, and isolated data stays left to right") {
  // "Call {phone}" with the number isolated, as Catalog::format does for Arabic.
  const ShapedLine& v = shaper().shape("اتصل بالرقم \u2068+32 2 123 45 67\u2069");
  const std::string s = sketch(v);
  INFO(s);
  // The number, in reading order, on the left; the Arabic words, shaped, to its right.
  CHECK(s.rfind("+32 2 123 45 67#", 0) == 0);
  // Joined letters: the teh between alef and sad takes its initial form, not the isolated one.
  const std::uint32_t isolated_teh = shaper().shape("ت")[0].id;
  const ShapedLine& word = shaper().shape("اتصل");
  CHECK(word.size() <= 4);
  for (const ShapedGlyph& g : word) {
    CHECK(g.slot() == FaceSlot::arabic);
    CHECK(g.id != isolated_teh);
  }
}

TEST_CASE("Arabic marks and dots carry HarfBuzz's offsets onto their letters") {
  // Shadda over the dal of "جدّد": a glyph of no advance placed by an offset.
  const ShapedLine& renew = shaper().shape("جدّد");
  bool placed_mark = false;
  for (const ShapedGlyph& g : renew)
    if (g.advance == 0 && (g.x_offset != 0 || g.y_offset != 0)) placed_mark = true;
  CHECK(placed_mark);
  // The advances add up to the width of the word as drawn: nothing is counted twice.
  std::int64_t width = 0;
  for (const ShapedGlyph& g : renew) width += g.advance;
  CHECK(width > 0);
}

TEST_CASE("A line of a right-to-left paragraph reads from the right even without Arabic in it") {
  // The end of "… begin with 045 to 049." wrapped onto its own line: the full stop goes left.
  const ShapedLine& end = shaper().shape("049.", true, false);
  REQUIRE(end.size() == 4);
  CHECK(end[0].cp == U'.');
  CHECK(sketch(shaper().shape("049.", false, false)) == "049.");
  // Brackets around a number in Arabic text: from the left, the closing one (mirrored by
  // HarfBuzz into an opening shape), the digits in order, the opening one.
  const ShapedLine& v = shaper().shape("الرقم (04)", true, false);
  REQUIRE(v.size() >= 4);
  CHECK(v[0].cp == U')');
  CHECK(v[1].cp == U'0');
  CHECK(v[2].cp == U'4');
  CHECK(v[3].cp == U'(');
}

TEST_CASE("A phone number isolated at the end of an Arabic sentence keeps its order") {
  const std::string v = sketch(shaper().shape("أسئلة؟ اتصل بالرقم \u2068+32 2 123 45 67\u2069", true, false));
  INFO(v);
  CHECK(v.rfind("+32 2 123 45 67", 0) == 0);
}

TEST_CASE("Every text of every catalog shapes without a missing glyph, in both weights") {
  std::string error;
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  INFO(error);
  REQUIRE(catalogs);
  int texts = 0;
  for (Lang lang : all_langs) {
    for (const auto& [key, text] : (*catalogs)[lang].entries()) {
      for (bool bold : {false, true}) {
        int missing = 0;
        for (const ShapedGlyph& g : shaper().shape(text, bold)) missing += g.missing();
        INFO(lang_code(lang) << " " << key);
        CHECK(missing == 0);
      }
      ++texts;
    }
  }
  CHECK(texts > 2000);
}

TEST_CASE("A character no face has is one missing glyph that names it") {
  const ShapedLine& line = shaper().shape("a\u0378b");
  REQUIRE(line.size() == 3);
  CHECK(line[1].missing());
  CHECK(line[1].cp == 0x0378);
  CHECK_FALSE(line[0].missing());
}
