// The technician's pages (test print, end of day) on both paper widths, with every glyph; kept
// in the build tree (build/tests/receipts/) for people to look at.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "fonts/font_files.hpp"
#include "render/day_report.hpp"
#include "render/png.hpp"
#include "render/test_page.hpp"

using namespace kiosk;

namespace {

DayReport sample_day(long long terminal_total) {
  DayReport r;
  r.kiosk_id = "BE-BRU-CENTRAL-03";
  r.location = "Bruxelles-Central / Brussel-Centraal";
  r.version = "0.17.0";
  r.printed_at = "2026-12-06 02:30";
  r.from = "2026-12-05 02:30";
  r.to = "2026-12-06 02:30";
  r.terminal = DayReport::Terminal::closed;
  r.terminal_total_cents = terminal_total;
  r.lines = {{"proximus", "card", 12, 21000}, {"orange", "wallet", 3, 4500}, {"mobilevikings", "card", 2, 3000}};
  r.card_taken_cents = 25000;
  r.card_returned_cents = 1000;
  r.wallet_taken_cents = 4500;
  r.returned = 1;
  r.unsettled = 1;
  return r;
}

}  // namespace

TEST_CASE("The test page and the end of day report print whole on 80 and 58 mm paper, in each technician language") {
  std::string error;
  auto painter = TextPainter::create(find_fonts(), &error);
  INFO(error);
  REQUIRE(painter);
  const auto catalogs = Catalogs::load(KIOSK_SOURCE_DIR "/assets/i18n", &error);
  REQUIRE(catalogs);
  const std::filesystem::path out = KIOSK_TEST_OUTPUT_DIR "/receipts";
  std::filesystem::create_directories(out);
  for (Lang lang : technician_langs) {
    const Catalog& words = catalogs->technician(lang);
    for (int width : {576, 384}) {
      const std::string name = std::string(lang_code(lang)) + "-" + std::to_string(width);
      INFO(name);
      const ReceiptPicture test = layout_test_page(
          {"BE-BRU-CENTRAL-03", "Bruxelles-Central", "0.17.0", "06/12/2026 02:30", "usb"}, words, *painter, width);
      CHECK(test.paper.width == width);
      CHECK(test.qr_height > 0);
      CHECK(painter->missing_glyphs() == 0);
      REQUIRE(write_png(test.paper, (out / ("test-page-" + name + ".png")).string(), &error));

      const ReceiptPicture agree = layout_day_report(sample_day(24000), words, *painter, width);
      const ReceiptPicture differ = layout_day_report(sample_day(25000), words, *painter, width);
      CHECK(painter->missing_glyphs() == 0);
      // A difference is called out in words: the report grows by them.
      CHECK(differ.paper.height > agree.paper.height);
      REQUIRE(write_png(agree.paper, (out / ("end-of-day-" + name + ".png")).string(), &error));
      REQUIRE(write_png(differ.paper, (out / ("end-of-day-difference-" + name + ".png")).string(), &error));
    }
  }
}
