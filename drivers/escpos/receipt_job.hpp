#pragma once
#include <string>

#include "encoder.hpp"
#include "render/receipt_picture.hpp"

namespace kiosk::escpos {

// What differs between printer models for our receipts.
struct PrinterModel {
  std::string name = "generic-80mm";
  int width_dots = 576;      // 80 mm at 203 dpi; 512 for TM-T88 at 180 dpi; 384 for 58 mm
  bool native_qr = false;    // print the QR code with GS ( k instead of as raster
  int band_rows = 256;       // rows per GS v 0 command
  bool partial_cut = true;
  int feed_before_cut = 96;  // dots between the last line and the cutter
};

// The bytes of one receipt: initialise, raster bands (with the QR code as raster or native),
// feed, cut.
Bytes receipt_job(const ReceiptPicture& layout, const PrinterModel& model);

}  // namespace kiosk::escpos
