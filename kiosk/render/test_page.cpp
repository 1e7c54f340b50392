#include "test_page.hpp"

#include "qr.hpp"
#include "receipt_pen.hpp"

namespace kiosk {

namespace {

// A bar as wide as the paper: solid, or a checkerboard of `cell`-dot squares (a dead heating
// element shows as a white line through both).
Raster bar(int width, int height, int cell) {
  Raster r(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (cell == 0 || ((x / cell) + (y / cell)) % 2 == 0) r.set(x, y);
  return r;
}

// Ticks every 8 dots, longer every 64, across the whole width: where the print head ends.
Raster scale(int width) {
  Raster r(width, 24);
  for (int x = 0; x < width; x += 8)
    for (int y = 0; y < (x % 64 == 0 ? 24 : 10); ++y) r.set(x, y);
  for (int y = 0; y < 24; ++y) r.set(width - 1, y);
  return r;
}

}  // namespace

ReceiptPicture layout_test_page(const TestPage& page, const Catalog& words, TextPainter& painter, int width_dots) {
  const auto say = [&words](std::string_view key) -> const std::string& { return words.text(key); };
  ReceiptPicture out;
  out.paper = Raster(width_dots, 0);
  const PaperType type = paper_type(width_dots);
  const int body = type.body, small = type.small;
  Pen pen(out.paper, painter, type.margin, false);
  technician_page_head(pen, type, say("page.test_print"), say("page.kiosk"), page.location, page.kiosk_id);
  pen.row(say("page.version"), "v" + page.version, body);
  pen.row(say("page.printed"), page.timestamp, body);
  pen.row(say("page.printer"), words.format("page.printer_width", {{"kind", page.printer}, {"dots", std::to_string(width_dots)}}),
          body);
  pen.rule();
  pen.paragraph("ÀÉÈÊËÎÏÔÛÜÇ àéèêëîïôûüç ß € 0123456789", body);
  pen.paragraph("ĄĆĘŁŃŚŹŻ ăâîșț ğış Ґєії", body);
  pen.paragraph("中文 打印测试", body);
  pen.paragraph("اختبار الطباعة", body);
  pen.paragraph("Bold: Proximus Orange BASE Telenet", body, true);
  pen.space(10);
  pen.image(bar(width_dots, 24, 0));
  pen.space(6);
  pen.image(bar(width_dots, 24, 4));
  pen.space(6);
  pen.image(scale(width_dots));
  pen.space(12);
  out.qr_data = "TEST " + page.kiosk_id;
  out.qr_module = type.qr_module;
  out.qr_top = pen.y();
  pen.image(qr_raster(out.qr_data, out.qr_module));
  out.qr_height = pen.y() - out.qr_top;
  pen.space(8);
  pen.paragraph(say("page.end_of_test"), small, true, true);
  pen.space(40);  // room before the cutter
  return out;
}

}  // namespace kiosk
