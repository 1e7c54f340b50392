#pragma once
#include <string_view>

#include "raster.hpp"

namespace kiosk {

// A QR code (error correction M) with its four-module quiet zone; empty raster on failure.
Raster qr_raster(std::string_view data, int module_dots);

}  // namespace kiosk
