#include <catch2/catch.hpp>

#include "core/text_wrap.hpp"
#include "core/utf8.hpp"

using namespace kiosk;

namespace {
// Every character is one unit wide.
float units(std::string_view s) { return static_cast<float>(utf8_decode(s).size()); }
}  // namespace

TEST_CASE("Latin text breaks at spaces, never inside a word") {
  CHECK(wrap_text("one two three", 7, units) == std::vector<std::string>{"one two", "three"});
  CHECK(wrap_text("extraordinarily long", 5, units) == std::vector<std::string>{"extraordinarily", "long"});
  CHECK(wrap_text("a\nb c", 10, units) == std::vector<std::string>{"a", "b c"});
  CHECK(wrap_text("", 10, units) == std::vector<std::string>{""});
}

TEST_CASE("A word wider than the line breaks after its hyphens, and only then") {
  CHECK(wrap_text("Ref BE-BRU-CENTRAL-03-6AEKKS6KX5", 20, units) ==
        std::vector<std::string>{"Ref BE-BRU-CENTRAL-", "03-6AEKKS6KX5"});
  CHECK(wrap_text("well-known words", 12, units) == std::vector<std::string>{"well-known", "words"});
  CHECK(wrap_text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10, units) == std::vector<std::string>{"ABCDEFGHIJKLMNOPQRSTUVWXYZ"});
}

TEST_CASE("Chinese breaks between ideographs but not before closing punctuation") {
  CHECK(wrap_text("请输入您的号码", 4, units) == std::vector<std::string>{"请输入您", "的号码"});
  const auto lines = wrap_text("没有扣款。谢谢", 4, units);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "没有扣");
  CHECK(lines[1] == "款。谢谢");
  CHECK(wrap_text("付款 €15.00。", 5, units) == std::vector<std::string>{"付款", "€15.00。"});
}

TEST_CASE("A no-break space keeps French punctuation on its word") {
  const auto lines = wrap_text("Besoin d'aide\u00A0?", 13, units);
  CHECK(lines == std::vector<std::string>{"Besoin", "d'aide\u00A0?"});
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
