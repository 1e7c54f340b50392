#pragma once
#include <string>
#include <string_view>

namespace kiosk {

// Standard base64 (RFC 4648, with padding), for binary data inside JSON.
std::string base64_encode(std::string_view bytes);

}  // namespace kiosk
