#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// Standard base64 (RFC 4648, with padding), for binary data inside JSON.
std::string base64_encode(std::string_view bytes);
// The bytes of standard base64 with its padding; nothing for any other text (wrong characters,
// length or padding, or bits left over that an encoder would not have set).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace kiosk
