#pragma once
#include <string>

#include "raster.hpp"

namespace kiosk {

// A receipt as the paper will show it, with where its QR code sits, so that a printer with
// native QR support can print the code itself (GS ( k) between the raster parts.
struct ReceiptPicture {
  Raster paper;          // everything, the QR code included
  std::string qr_data;   // our transaction reference
  int qr_module = 6;     // dots per module
  int qr_top = 0;        // rows of `paper` taken by the code and its quiet zone
  int qr_height = 0;
};

}  // namespace kiosk
