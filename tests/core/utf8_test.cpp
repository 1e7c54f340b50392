// UTF-8: only well-formed text decodes to characters; everything else shows as U+FFFD.
#include <catch2/catch.hpp>

#include "core/utf8.hpp"

using namespace kiosk;

TEST_CASE("Well-formed UTF-8 decodes and encodes back unchanged") {
  const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";  // a é 中 😀
  const auto cps = utf8_decode(text);
  REQUIRE(cps == std::vector<char32_t>{U'a', 0xE9, 0x4E2D, 0x1F600});
  std::string again;
  for (char32_t cp : cps) utf8_append(again, cp);
  CHECK(again == text);
  CHECK(utf8_decode("\xF4\x8F\xBF\xBF") == std::vector<char32_t>{0x10FFFF});
  CHECK(utf8_decode("\xED\x9F\xBF") == std::vector<char32_t>{0xD7FF});
}

TEST_CASE("Overlong forms, surrogates and values past U+10FFFF are refused") {
  const char32_t bad = 0xFFFD;
  CHECK(utf8_decode("\xC0\xAF") == std::vector<char32_t>{bad, bad});  // "/" in two bytes
  CHECK(utf8_decode("\xE0\x80\xAF")[0] == bad);                       // "/" in three
  CHECK(utf8_decode("\xF0\x80\x80\xAF")[0] == bad);                   // and in four
  CHECK(utf8_decode("\xC1\xBF")[0] == bad);
  CHECK(utf8_decode("\xE0\x9F\xBF")[0] == bad);                       // U+07FF in three bytes
  CHECK(utf8_decode("\xED\xA0\x80")[0] == bad);                       // U+D800
  CHECK(utf8_decode("\xED\xBF\xBF")[0] == bad);                       // U+DFFF
  CHECK(utf8_decode("\xF4\x90\x80\x80")[0] == bad);                   // U+110000
  CHECK(utf8_decode("x\xED\xA0\x80y").back() == U'y');                // the text after goes on
  std::string out;
  utf8_append(out, 0xD800);
  utf8_append(out, 0x110000);
  CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("Malformed UTF-8 shows up as replacement characters") {
  const auto cps = utf8_decode("a\xff" "b\xe4");
  CHECK(cps == std::vector<char32_t>{U'a', 0xFFFD, U'b', 0xFFFD});
}

TEST_CASE("Bidi controls are found and removed, and nothing else is") {
  CHECK(has_bidi_controls("\u2068+32 2 123 45 67\u2069"));
  CHECK(has_bidi_controls("a\u200Fb"));
  CHECK_FALSE(has_bidi_controls("Need help? Call +32 2 123 45 67 – “quoted” €"));
  CHECK(without_bidi_controls("\u2066045\u2069 \u061C") == "045 ");
}
