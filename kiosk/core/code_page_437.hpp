#pragma once
#include <cstdint>

namespace kiosk {

// IBM code page 437, the character set of receipt printers and of ZVT terminals by default:
// the character of one byte (0x00-0x7F as ASCII).
char32_t cp437_char(std::uint8_t byte);

}  // namespace kiosk
