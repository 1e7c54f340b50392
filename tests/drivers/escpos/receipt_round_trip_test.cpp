// A receipt goes out as bytes and comes back from the virtual printer as the same picture,
// with the QR code as raster or printed natively by the "printer".
#include <catch2/catch.hpp>

#include "escpos/receipt_job.hpp"
#include "escpos/virtual_printer.hpp"
#include "fonts/font_files.hpp"
#include "render/receipt_layout.hpp"

using namespace kiosk;
using namespace kiosk::escpos;

namespace {
ReceiptData sample(Lang lang) {
  ReceiptData r;
  r.lang = lang;
  r.kiosk_id = "BE-KIOSK-01";
  r.location = "Gent-Sint-Pieters";
  r.support_phone = "+32 2 123 45 67";
  r.timestamp = "27/11/2026 18:45";
  r.number_masked = "0470 xx x4 56";
  r.plan_name = "Pay&Go Smart 15";
  r.valid_until = CivilDate{2027, 1, 4};
  r.amount = 1500;
  r.payment = PaymentReceipt{"Visa", "411111******1111", "52500123", 77, "1234", "A1B2C3", {}};
  r.reference = "BE-KIOSK-01-0a0b0c-0042";
  r.confirmation_id = "PXM-100042";
  return r;
}
}  // namespace

TEST_CASE("Receipt to bytes to virtual printer gives back the laid-out picture") {
  std::string error;
  auto catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
  REQUIRE(catalogs);
  auto painter = TextPainter::create(find_fonts(), &error);
  REQUIRE(painter);
  for (int width : {576, 384}) {
    for (Lang lang : all_langs) {
      const ReceiptPicture layout = layout_receipt(sample(lang), (*catalogs)[lang], *painter, width);
      for (bool native_qr : {false, true}) {
        INFO(lang_code(lang) << " width " << width << (native_qr ? " native QR" : " raster QR"));
        PrinterModel model;
        model.width_dots = width;
        model.native_qr = native_qr;
        const Printout p = VirtualPrinter(width).print(receipt_job(layout, model));
        REQUIRE(p.problems.empty());
        REQUIRE(p.unknown.empty());
        CHECK(p.cuts == 1);
        REQUIRE(p.paper.height >= layout.paper.height);
        // Same dots for the whole receipt, then only white paper until the cut line.
        bool same = true;
        for (int y = 0; y < layout.paper.height && same; ++y)
          for (int x = 0; x < width && same; ++x) same = p.paper.at(x, y) == layout.paper.at(x, y);
        CHECK(same);
        CHECK(p.cut_rows.at(0) >= layout.paper.height + model.feed_before_cut);
      }
    }
  }
}
