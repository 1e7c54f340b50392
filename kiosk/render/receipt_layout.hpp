#pragma once
#include "core/receipt_data.hpp"
#include "i18n/catalog.hpp"
#include "receipt_picture.hpp"
#include "text_painter.hpp"

namespace kiosk {

// Lays a receipt out in the customer's language: 576 dots for 80 mm paper, 384 for 58 mm.
ReceiptPicture layout_receipt(const ReceiptData& receipt, const Catalog& text, TextPainter& painter,
                             int width_dots);

}  // namespace kiosk
