#include "qr.hpp"

#include <qrencode.h>

#include <string>

namespace kiosk {

Raster qr_raster(std::string_view data, int module_dots, int error_correction) {
  const std::string text(data);
  static constexpr QRecLevel levels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
  if (text.empty() || module_dots < 1 || error_correction < 0 || error_correction > 3) return Raster{};
  QRcode* code = QRcode_encodeString(text.c_str(), 0, levels[error_correction], QR_MODE_8, 1);
  if (!code) return Raster{};
  const int quiet = 4;
  const int side = (code->width + 2 * quiet) * module_dots;
  Raster r(side, side);
  for (int y = 0; y < code->width; ++y)
    for (int x = 0; x < code->width; ++x)
      if (code->data[y * code->width + x] & 1)  // bit 0: dark module
        for (int dy = 0; dy < module_dots; ++dy)
          for (int dx = 0; dx < module_dots; ++dx)
            r.set((x + quiet) * module_dots + dx, (y + quiet) * module_dots + dy);
  QRcode_free(code);
  return r;
}

}  // namespace kiosk
