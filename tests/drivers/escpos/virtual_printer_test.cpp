// The virtual printer: what each command puts on paper, what it refuses, and the round trip
// receipt → bytes → paper.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "escpos/encoder.hpp"
#include "escpos/receipt_job.hpp"
#include "escpos/virtual_printer.hpp"
#include "fonts/font_files.hpp"

using namespace kiosk;
using namespace kiosk::escpos;

namespace {

int black(const Raster& r, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = y0; y < std::min(y1, r.height); ++y)
    for (int x = x0; x < std::min(x1, r.width); ++x) n += r.at(x, y);
  return n;
}

Raster pattern(int w, int h) {
  Raster r(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if ((x * 7 + y * 13) % 5 == 0 || x == y) r.set(x, y);
  return r;
}

Bytes file(const std::string& name) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/tests/fixtures/escpos/" + name, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

TEST_CASE("A raster image comes out dot for dot") {
  const Raster img = pattern(200, 70);
  VirtualPrinter vp(576);
  const Printout p = vp.print(Encoder().initialize().raster(img, 32).bytes());
  REQUIRE(p.problems.empty());
  REQUIRE(p.unknown.empty());
  REQUIRE(p.paper.height == 70);
  for (int y = 0; y < 70; ++y)
    for (int x = 0; x < 576; ++x) REQUIRE(p.paper.at(x, y) == (x < 200 ? img.at(x, y) : 0));
}

TEST_CASE("Raster modes double the width and the height") {
  Raster dot(8, 1);
  dot.set(0, 0);
  for (int m : {0, 1, 2, 3, 48, 51}) {
    Bytes b = Encoder().raster(dot).bytes();
    b[3] = static_cast<std::uint8_t>(m);
    const Printout p = VirtualPrinter(576).print(b);
    const int mode = m >= 48 ? m - 48 : m;
    INFO("m = " << m);
    CHECK(p.paper.height == ((mode & 2) ? 2 : 1));
    CHECK(black(p.paper, 0, 0, 576, 2) == ((mode & 1) ? 2 : 1) * ((mode & 2) ? 2 : 1));
  }
}

TEST_CASE("Text prints in the printer font, and alignment, feeds and cuts move the paper") {
  VirtualPrinter vp(576);
  Encoder e;
  e.initialize().line("HELLO").align(Align::centre).line("MID").align(Align::right).line("END").feed_lines(2).cut(Cut::partial);
  const Printout p = vp.print(e.bytes());
  REQUIRE(p.problems.empty());
  CHECK(p.unknown.empty());
  CHECK(p.cuts == 1);
  CHECK(black(p.paper, 0, 0, 60, 30) > 50);          // HELLO at the left of line 1
  CHECK(black(p.paper, 240, 30, 336, 60) > 30);      // MID centred on line 2
  CHECK(black(p.paper, 0, 30, 200, 60) == 0);
  CHECK(black(p.paper, 540, 60, 576, 90) > 30);      // END at the right of line 3
  CHECK(p.paper.height >= 90 + 60);                  // two more lines fed before the cut
  REQUIRE(p.cut_rows.size() == 1);
  CHECK(black(p.paper, 0, p.cut_rows[0], 576, p.cut_rows[0] + 1) > 200);  // the dashed line
}

TEST_CASE("Unknown commands are listed and printing goes on") {
  Bytes b = Encoder().initialize().bytes();
  for (std::uint8_t x : {0x1B, 0x7E, 0x1D, 0x99, 0x07}) b.push_back(x);
  const Bytes rest = Encoder().line("OK").cut(Cut::full).bytes();
  b.insert(b.end(), rest.begin(), rest.end());
  const Printout p = VirtualPrinter(576).print(b);
  CHECK(p.problems.empty());
  REQUIRE(p.unknown.size() == 3);
  CHECK(p.unknown[0].rfind("ESC ~", 0) == 0);
  CHECK(p.unknown[1].rfind("GS 0x99", 0) == 0);
  CHECK(p.unknown[2].rfind("control byte 0x07", 0) == 0);
  CHECK(p.cuts == 1);
  CHECK(black(p.paper, 0, 0, 40, 30) > 0);
}

TEST_CASE("Truncated or impossible commands stop the printout with a reason, never a crash") {
  const Bytes image = Encoder().raster(pattern(64, 40)).bytes();
  for (std::size_t cut = 1; cut < image.size(); cut += 37) {
    const Printout p = VirtualPrinter(576).print(Bytes(image.begin(), image.begin() + static_cast<long>(cut)));
    REQUIRE(p.problems.size() == 1);
    CHECK(p.problems[0].find("truncated") != std::string::npos);
  }
  // A header that asks for 4095 rows of 65535 bytes, with nothing behind it.
  const Printout huge = VirtualPrinter(576).print(Bytes{0x1D, 0x76, 0x30, 0, 0xFF, 0xFF, 0xFF, 0x0F});
  CHECK_FALSE(huge.problems.empty());
  // Endless feeding stops at the paper limit.
  Bytes feeds;
  for (int i = 0; i < 2000; ++i) feeds.insert(feeds.end(), {0x1B, 0x64, 255});
  const Printout roll = VirtualPrinter(576).print(feeds);
  CHECK(roll.paper.height <= VirtualPrinter::max_paper_dots);
  CHECK(roll.problems.size() == 1);
}

TEST_CASE("Graphics buffer (GS ( L and GS 8 L) store and print") {
  const Raster img = pattern(40, 10);
  Bytes store = {0x1D, 0x28, 0x4C, 0, 0, 48, 112, 48, 1, 1, 49, 40, 0, 10, 0};
  for (int y = 0; y < 10; ++y)
    for (int xb = 0; xb < 5; ++xb) {
      std::uint8_t v = 0;
      for (int bit = 0; bit < 8; ++bit) v |= img.at(xb * 8 + bit, y) ? (0x80 >> bit) : 0;
      store.push_back(v);
    }
  const std::size_t len = store.size() - 5;
  store[3] = static_cast<std::uint8_t>(len & 0xFF);
  store[4] = static_cast<std::uint8_t>(len >> 8);
  for (std::uint8_t b : {0x1D, 0x28, 0x4C, 2, 0, 48, 50}) store.push_back(b);
  const Printout p = VirtualPrinter(576).print(store);
  REQUIRE(p.unknown.empty());
  REQUIRE(p.paper.height == 10);
  for (int y = 0; y < 10; ++y)
    for (int x = 0; x < 40; ++x) REQUIRE(p.paper.at(x, y) == img.at(x, y));
}

TEST_CASE("Streams made by independent ESC/POS encoders print without surprises") {
  // Made with the npm packages esc-pos-encoder 3.0.0, receiptline 4.0.4 and node-thermal-printer
  // 4.6.1 (tests/fixtures/escpos/generate/make_fixtures.mjs). Barcodes are listed, not drawn.
  for (const char* name : {"esc-pos-encoder.bin", "receiptline.bin", "node-thermal-printer.bin"}) {
    INFO(name);
    const Bytes b = file(name);
    REQUIRE(b.size() > 100);
    const Printout p = VirtualPrinter(576).print(b);
    CHECK(p.problems.empty());
    for (const std::string& u : p.unknown) CHECK(u.rfind("GS k barcode", 0) == 0);
    CHECK(p.cuts >= 1);
    CHECK(p.paper.height > 200);
    CHECK(black(p.paper, 0, 0, 576, p.paper.height) > 2000);
  }
}
