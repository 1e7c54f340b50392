// Exact bytes per command, as Epson's ESC/POS reference gives them.
#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>

#include "escpos/codepages.hpp"
#include "escpos/encoder.hpp"

using namespace kiosk;
using namespace kiosk::escpos;
using B = Bytes;

TEST_CASE("Simple commands encode to their documented bytes") {
  CHECK(Encoder().initialize().bytes() == B{0x1B, 0x40});
  CHECK(Encoder().feed_lines(3).bytes() == B{0x1B, 0x64, 3});
  CHECK(Encoder().feed_lines(300).bytes() == B{0x1B, 0x64, 255, 0x1B, 0x64, 45});
  CHECK(Encoder().feed_dots(24).bytes() == B{0x1B, 0x4A, 24});
  CHECK(Encoder().cut(Cut::full).bytes() == B{0x1D, 0x56, 0});
  CHECK(Encoder().cut(Cut::partial).bytes() == B{0x1D, 0x56, 1});
  CHECK(Encoder().cut(Cut::full, 80).bytes() == B{0x1D, 0x56, 65, 80});
  CHECK(Encoder().cut(Cut::partial, 80).bytes() == B{0x1D, 0x56, 66, 80});
  CHECK(Encoder().align(Align::centre).bytes() == B{0x1B, 0x61, 1});
  CHECK(Encoder().bold(true).bold(false).bytes() == B{0x1B, 0x45, 1, 0x1B, 0x45, 0});
  CHECK(Encoder().code_page(19).bytes() == B{0x1B, 0x74, 19});
  CHECK(Encoder().status_request(4).bytes() == B{0x10, 0x04, 4});
  CHECK(Encoder().transmit_status_after_job().bytes() == B{0x1D, 0x72, 1});
  CHECK(Encoder().line("A€").bytes() == B{'A', 0xD5, 0x0A});
}

TEST_CASE("GS v 0 carries bytes per row, rows, MSB-first dots, in bands") {
  Raster r(10, 3);  // 2 bytes per row
  r.set(0, 0);      // leftmost dot: 0x80 of the first byte
  r.set(9, 1);      // the tenth dot: 0x40 of the second byte
  r.set(7, 2);
  CHECK(Encoder().raster(r).bytes() ==
        B{0x1D, 0x76, 0x30, 0, 2, 0, 3, 0, 0x80, 0x00, 0x00, 0x40, 0x01, 0x00});
  // Bands of two rows: a second header for the last row.
  CHECK(Encoder().raster(r, 2).bytes() ==
        B{0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0x00, 0x00, 0x40, 0x1D, 0x76, 0x30, 0, 2, 0, 1, 0, 0x01, 0x00});
  Raster wide(576, 300);
  const Bytes b = Encoder().raster(wide).bytes();
  CHECK(b.size() == 2 * 8 + 72 * 300u);
  CHECK(b[4] == 72);   // xL: 576 dots = 72 bytes
  CHECK(b[6] == 0);    // yL of the first band: 256 rows
  CHECK(b[7] == 1);
}

TEST_CASE("GS ( k QR: model, module size, level, store and print") {
  const Bytes b = Encoder().qr("ABC", 6, QrLevel::M).bytes();
  CHECK(b == B{0x1D, 0x28, 0x6B, 4, 0, 49, 65, 50, 0,      // model 2
               0x1D, 0x28, 0x6B, 3, 0, 49, 67, 6,         // module size
               0x1D, 0x28, 0x6B, 3, 0, 49, 69, 49,        // error correction M
               0x1D, 0x28, 0x6B, 6, 0, 49, 80, 48, 'A', 'B', 'C',  // store: pL = k + 3
               0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48});      // print
}

namespace {
std::string iconv_decode(const std::string& charset, unsigned char byte) {
  char cmd[96];
  std::snprintf(cmd, sizeof cmd, "printf '\\%03o' | iconv -f %s -t UTF-8 2>/dev/null", byte, charset.c_str());
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd, "r"), pclose);
  char buf[16] = {};
  const std::size_t n = p ? std::fread(buf, 1, sizeof buf - 1, p.get()) : 0;
  return std::string(buf, n);
}
std::string utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) s += static_cast<char>(cp);
  else if (cp < 0x800) s += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
  else s += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  return s;
}
}  // namespace

TEST_CASE("Code page tables agree with iconv's, byte for byte") {
  for (int b = 0x80; b <= 0xFF; ++b) {
    INFO("byte " << b);
    CHECK(utf8(decode_byte(static_cast<std::uint8_t>(b), CodePage::pc858)) == iconv_decode("CP858", static_cast<unsigned char>(b)));
    CHECK(utf8(decode_byte(static_cast<std::uint8_t>(b), CodePage::pc437)) == iconv_decode("CP437", static_cast<unsigned char>(b)));
  }
  CHECK(to_cp858("Café € ß 中") == std::string("Caf\x82 \xD5 \xE1 ?"));
}
