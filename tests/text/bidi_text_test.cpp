#include <catch2/catch.hpp>

#include <string>

#include "core/utf8.hpp"
#include "fonts/font_files.hpp"
#include "i18n/catalog.hpp"
#include "text/bidi_text.hpp"

using namespace kiosk;

namespace {

BidiText& shaper() {
  static std::unique_ptr<BidiText> b = [] {
    std::string error;
    auto made = BidiText::create(find_fonts().arabic, &error);
    INFO(error);
    REQUIRE(made);
    return made;
  }();
  return *b;
}

// The visual string with every shaped glyph written as "#" and the rest as itself.
std::string sketch(const std::string& visual) {
  std::string out;
  for (char32_t cp : utf8_decode(visual)) {
    if (BidiText::is_glyph(cp)) out += '#';
    else utf8_append(out, cp);
  }
  return out;
}

}  // namespace

TEST_CASE("Text without right-to-left letters passes through, minus bidi controls") {
  CHECK(shaper().visual("Proximus Pay&Go") == "Proximus Pay&Go");
  CHECK(shaper().visual("\u2068+32 2 123 45 67\u2069") == "+32 2 123 45 67");
  CHECK_FALSE(BidiText::has_rtl("0470 12 34 56"));
  CHECK(BidiText::has_rtl("اللغة"));
}

TEST_CASE("An Arabic line is shaped and laid out from the right, and isolated data stays left to right") {
  // "Call {phone}" with the number isolated, as Catalog::format does for Arabic.
  const std::string line = "اتصل بالرقم \u2068+32 2 123 45 67\u2069";
  const std::string v = shaper().visual(line);
  // The number, in reading order, on the left; the Arabic words, shaped, to its right.
  INFO(sketch(v));
  CHECK(sketch(v).rfind("+32 2 123 45 67#", 0) == 0);
  CHECK(sketch(v).find('#') != std::string::npos);
  // Joined letters: "اتصل" is four letters but fewer or as many glyphs, never the isolated
  // letters themselves.
  CHECK(v.find("ا") == std::string::npos);
}

TEST_CASE("A line of a right-to-left paragraph reads from the right even without Arabic in it") {
  // The end of "… begin with 045 to 049." wrapped onto its own line: the full stop (drawn from
  // the Arabic face, like the rest of the sentence) goes left.
  CHECK(sketch(shaper().visual("049.", true)) == "#049");
  CHECK(shaper().visual("049.", false) == "049.");
  // Brackets are mirrored in right-to-left runs: "(" after Arabic reads as ")" from the left.
  const std::string v = sketch(shaper().visual("الرقم (04)", true));
  INFO(v);
  CHECK(v.rfind("(04)", 0) == 0);
}

TEST_CASE("The bold Arabic face has the regular face's glyph order, so one shaping serves both") {
  std::string error;
  auto bold = BidiText::create(find_fonts().arabic_bold, &error);
  INFO(error);
  REQUIRE(bold);
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  REQUIRE(catalogs);
  int texts = 0;
  for (const auto& [key, text] : (*catalogs)[Lang::ar].entries()) {
    INFO(key);
    CHECK(bold->visual(text) == shaper().visual(text));
    ++texts;
  }
  CHECK(texts > 200);
}

TEST_CASE("A phone number isolated at the end of an Arabic sentence keeps its order") {
  const std::string v = sketch(shaper().visual("أسئلة؟ اتصل بالرقم \u2068+32 2 123 45 67\u2069", true));
  INFO(v);
  CHECK(v.rfind("+32 2 123 45 67", 0) == 0);
}
