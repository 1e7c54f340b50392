#pragma once
// Text from the terminal (print lines, display texts, card names) is in the terminal's
// character set; everything past the codec sees UTF-8.
#include <optional>
#include <string>
#include <string_view>

#include "apdu.hpp"

namespace kiosk::zvt {

// CP437 is the default of the specification; Latin-1 and the 7-bit German set (DIN 66003:
// Ä Ö Ü ä ö ü ß § in place of [ \ ] { | } ~ @) where the terminal or the configuration says so.
enum class Charset { cp437, latin1, zvt7 };

std::optional<Charset> parse_charset(std::string_view name);  // "cp437", "latin1", "zvt7"
// Control characters other than the line feed are dropped; a byte the set does not define
// becomes U+FFFD.
std::string to_utf8(const Bytes& text, Charset charset);

}  // namespace kiosk::zvt
