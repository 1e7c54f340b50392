// Receipts laid out for paper in every language, read back with a real QR decoder.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "fonts/font_files.hpp"
#include "render/qr.hpp"
#include "render/receipt_layout.hpp"

using namespace kiosk;

namespace {

ReceiptData sample(Lang lang, ReceiptData::Kind kind = ReceiptData::Kind::renewal) {
  ReceiptData r;
  r.kind = kind;
  r.lang = lang;
  r.kiosk_id = "BE-KIOSK-01";
  r.location = "Bruxelles-Central / Brussel-Centraal";
  r.support_phone = "+32 2 123 45 67";
  r.timestamp = "27/11/2026 18:45";
  r.brand = Brand{"proximus"};
  r.number_masked = "0470 xx x4 56";
  r.plan_name = "Pay&Go Unlimited";
  r.months = 3;
  r.valid_until = CivilDate{2027, 2, 28};
  r.amount = 8100;
  if (kind != ReceiptData::Kind::refund) r.price = 9000, r.discount = 900, r.bonus_credit = 200;
  r.payment = PaymentReceipt{"Bancontact", "670300******1234", "52500123", 501, "1001", "123456", {}};
  r.reference = "BE-KIOSK-01-a1b2c3-0001";
  r.confirmation_id = "PXM-100001";
  return r;
}

std::string decode_qr(const std::string& png) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(("zbarimg --raw -q " + png + " 2>/dev/null").c_str(), "r"), pclose);
  if (!p) return "";
  char buf[256] = {};
  const std::size_t n = std::fread(buf, 1, sizeof buf - 1, p.get());
  std::string out(buf, n);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("Receipts are laid out in every language with every glyph, and the QR code reads back") {
  std::string error;
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  REQUIRE(catalogs);
  auto painter = TextPainter::create(find_fonts(), &error);
  INFO(error);
  REQUIRE(painter);
  // Kept in the build tree (build/tests/receipts/) for people to look at.
  const std::filesystem::path out = KIOSK_TEST_OUTPUT_DIR "/receipts";
  std::filesystem::create_directories(out);
  for (Lang lang : all_langs) {
    for (auto kind : {ReceiptData::Kind::renewal, ReceiptData::Kind::refund, ReceiptData::Kind::pending}) {
      const char* suffix = kind == ReceiptData::Kind::refund ? "-refund" : kind == ReceiptData::Kind::pending ? "-pending" : "";
      INFO(lang_code(lang) << suffix);
      const Raster paper = layout_receipt(sample(lang, kind), (*catalogs)[lang], *painter, 576).paper;
      CHECK(paper.width == 576);
      CHECK(paper.height > 800);
      CHECK(painter->missing_glyphs() == 0);
      const std::string png = (out / (std::string(lang_code(lang)) + suffix + ".png")).string();
      REQUIRE(write_png(paper, png, &error));
      CHECK(decode_qr(png) == "BE-KIOSK-01-a1b2c3-0001");
    }
  }
  // 58 mm paper: narrower, still complete.
  const Raster narrow = layout_receipt(sample(Lang::zh), (*catalogs)[Lang::zh], *painter, 384).paper;
  CHECK(narrow.width == 384);
  CHECK(painter->missing_glyphs() == 0);
}

TEST_CASE("A renewal's receipt itemises its price, one row a part") {
  std::string error;
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  REQUIRE(catalogs);
  auto painter = TextPainter::create(find_fonts(), &error);
  REQUIRE(painter);
  ReceiptData plain = sample(Lang::nl);
  plain.price = plain.discount = plain.bonus_credit = 0;
  ReceiptData fee = sample(Lang::nl);
  fee.reactivation_fee = 500;
  fee.amount += 500;
  const auto height = [&](const ReceiptData& r) { return layout_receipt(r, (*catalogs)[Lang::nl], *painter, 576).paper.height; };
  const int without = height(plain), itemised = height(sample(Lang::nl)), with_fee = height(fee);
  // Price, promotion and bonus: three rows more; the fee one more again.
  CHECK(itemised > without + 3 * 26);
  CHECK(with_fee > itemised + 26);
  CHECK(painter->missing_glyphs() == 0);
}

TEST_CASE("A receipt printed again carries a copy's note, and the rest is the original's") {
  std::string error;
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  REQUIRE(catalogs);
  auto painter = TextPainter::create(find_fonts(), &error);
  REQUIRE(painter);
  const ReceiptData original = sample(Lang::nl);
  const Raster first = layout_receipt(original, (*catalogs)[Lang::nl], *painter, 576).paper;
  for (Lang asking : all_langs) {
    INFO(lang_code(asking));
    ReceiptData copy = original;
    copy.copy_note = (*catalogs)[asking].format("receipt.copy", {{"date", "05/12/2026 17:30"}});
    const Raster again = layout_receipt(copy, (*catalogs)[Lang::nl], *painter, 576).paper;
    CHECK(painter->missing_glyphs() == 0);
    CHECK(again.height > first.height);  // one line more, at the top
    // Below the note the paper is the original's, row for row.
    const int shift = again.height - first.height;
    int differing = 0;
    for (int y = first.height / 4; y < first.height; ++y)
      for (int x = 0; x < first.width; ++x) differing += first.at(x, y) != again.at(x, y + shift);
    CHECK(differing == 0);
  }
}

TEST_CASE("A QR code raster has its quiet zone and square modules") {
  const Raster r = qr_raster("BE-KIOSK-01-a1b2c3-0001", 3);
  REQUIRE(r.width > 0);
  CHECK(r.width == r.height);
  CHECK(r.width % 3 == 0);
  for (int i = 0; i < 12; ++i) CHECK(r.at(i, i) == 0);  // quiet zone: four modules of white
  CHECK(r.at(12, 12) == 1);                             // the finder pattern's corner
}
