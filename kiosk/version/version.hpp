#pragma once
// The kiosk's version, from one place: the CMake project's VERSION (only version.cpp is built
// with it, so a new version recompiles one file).
#include <string_view>

namespace kiosk {

std::string_view kiosk_version();

}  // namespace kiosk
