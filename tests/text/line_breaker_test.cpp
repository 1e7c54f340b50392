#include <catch2/catch.hpp>

#include "text/line_breaker.hpp"
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
  // Unicode keeps "-03" together (a minus sign); a reference wider than the paper may break there all the same.
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

TEST_CASE("Phone numbers, amounts, units and dates stay on one line") {
  CHECK(wrap_text("Call 0470 12 34 56 now", 12, units) == std::vector<std::string>{"Call", "0470 12 34 56", "now"});
  CHECK(wrap_text("Questions? \u2068+32 2 123 45 67\u2069", 16, units) ==
        std::vector<std::string>{"Questions?", "\u2068+32 2 123 45 67\u2069"});
  CHECK(wrap_text("You pay € 15,00 today", 9, units) == std::vector<std::string>{"You pay", "€ 15,00", "today"});
  CHECK(wrap_text("Data 10 GB for you", 7, units) == std::vector<std::string>{"Data", "10 GB", "for you"});
  CHECK(wrap_text("Daten · 120 Gesprächsminuten", 22, units) == std::vector<std::string>{"Daten ·", "120 Gesprächsminuten"});
  // A list separator stays at the end of its item.
  CHECK(wrap_text("8 GB · Unlimited SMS", 13, units) == std::vector<std::string>{"8 GB ·", "Unlimited SMS"});
  // A Chinese date is one piece; the ideographs before it may break anywhere.
  const auto date = wrap_text("有效期至2026年12月5日。", 12, units);
  REQUIRE(date.size() == 2);
  CHECK(date[1] == "2026年12月5日。");
  // A number and its Chinese unit: 120 分钟 (minutes), 3 个月 (months).
  CHECK(wrap_text("流量 · 120 分钟通话", 8, units) == std::vector<std::string>{"流量 ·", "120 分钟通话"});
  CHECK(wrap_text("购买 3 个月", 5, units) == std::vector<std::string>{"购买", "3 个月"});
  CHECK(wrap_text("from 05-12-2026 to 05.12.2026 or 05/12/2026", 13, units) ==
        std::vector<std::string>{"from", "05-12-2026 to", "05.12.2026 or", "05/12/2026"});
}

TEST_CASE("A last line of one short word is balanced with the line before") {
  // Greedy filling leaves "EU" alone; the balanced break moves a word down.
  const auto eu = wrap_text("Unlimited roaming in the EU", 24, units);
  REQUIRE(eu.size() == 2);
  CHECK(eu[1] != "EU");
  CHECK(units(eu[0]) <= 24);
  // One ideograph alone at the end.
  CHECK(wrap_text("请选择您的套餐", 6, units) == std::vector<std::string>{"请选择您", "的套餐"});
  // A long last line is left as greedy filling made it.
  CHECK(wrap_text("one two three", 7, units) == std::vector<std::string>{"one two", "three"});
  // Balancing never adds a line.
  CHECK(wrap_text("aaaa bbbb c", 9, units).size() == 2);
}

TEST_CASE("A value set apart as an isolate stays whole") {
  // The strip of choices: each fact an isolate, lines break between them only.
  const std::string text = "\u2068Proximus\u2069 · \u2068Pay&Go Unlimited\u2069 · \u2068€81.00\u2069";
  const auto lines = wrap_text(text, 30, units);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "\u2068Proximus\u2069 ·");
  CHECK(lines[1] == "\u2068Pay&Go Unlimited\u2069 · \u2068€81.00\u2069");
  // Without the isolates the name breaks at its space.
  CHECK(wrap_text("Proximus · Pay&Go Unlimited · €81.00", 17, units)[0] == "Proximus · Pay&Go");
}
