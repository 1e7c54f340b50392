#include "version.hpp"

namespace kiosk {

std::string_view kiosk_version() { return KIOSK_VERSION; }

}  // namespace kiosk
