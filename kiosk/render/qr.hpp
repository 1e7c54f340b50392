#pragma once
#include <string_view>

#include "raster.hpp"

namespace kiosk {

// A QR code with its four-module quiet zone; empty raster on failure.
// Error correction: 0 = L, 1 = M, 2 = Q, 3 = H.
Raster qr_raster(std::string_view data, int module_dots, int error_correction = 1);

}  // namespace kiosk
