#pragma once
#include <string>

#include "i18n/catalog.hpp"
#include "receipt_picture.hpp"
#include "text_painter.hpp"

namespace kiosk {

// What the technician's test print says about the kiosk.
struct TestPage {
  std::string kiosk_id;
  std::string location;
  std::string version;
  std::string timestamp;  // local time, as the receipts write it
  std::string printer;    // the configured kind
};

// A test print: who printed it, then what shows a fault at a glance: text in every script the
// receipts use, solid and checkered bars across the whole width, a scale of the width in dots
// and a QR code (printed natively where the printer does, so that both paths are tried).
// `words`: the technician's catalog in the language to print in.
ReceiptPicture layout_test_page(const TestPage& page, const Catalog& words, TextPainter& painter, int width_dots);

}  // namespace kiosk
