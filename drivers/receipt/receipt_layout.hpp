#pragma once
#include "core/receipt_data.hpp"
#include "i18n/catalog.hpp"
#include "raster.hpp"
#include "text_painter.hpp"

namespace kiosk {

// A receipt as the paper will show it, with where its QR code sits, so that a printer with
// native QR support can print the code itself (GS ( k) between the raster parts.
struct ReceiptLayout {
  Raster paper;          // everything, the QR code included
  std::string qr_data;   // our transaction reference
  int qr_module = 6;     // dots per module
  int qr_top = 0;        // rows of `paper` taken by the code and its quiet zone
  int qr_height = 0;
};

// Lays a receipt out in the customer's language: 576 dots for 80 mm paper, 384 for 58 mm.
ReceiptLayout layout_receipt(const ReceiptData& receipt, const Catalog& text, TextPainter& painter,
                             int width_dots);

}  // namespace kiosk
