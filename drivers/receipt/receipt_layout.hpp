#pragma once
#include "core/receipt_data.hpp"
#include "i18n/catalog.hpp"
#include "raster.hpp"
#include "text_painter.hpp"

namespace kiosk {

// Lays a receipt out in the customer's language as the paper will show it: 576 dots for
// 80 mm paper, 384 for 58 mm. Includes the reference as a QR code.
Raster layout_receipt(const ReceiptData& receipt, const Catalog& text, TextPainter& painter,
                      int width_dots);

}  // namespace kiosk
