#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::escpos {

// ESC t n: 0 selects PC437 (USA), 1 Katakana (receiptline draws its rules with its line
// graphics), 19 PC858 (Western Europe with the euro sign).
enum class CodePage { pc437 = 0, katakana = 1, pc858 = 19 };

char32_t decode_byte(std::uint8_t b, CodePage page);
// UTF-8 to PC858 bytes; characters it lacks become '?'.
std::string to_cp858(std::string_view utf8);

}  // namespace kiosk::escpos
