#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Decodes UTF-8; malformed bytes become U+FFFD so that they show up instead of vanishing.
std::vector<char32_t> utf8_decode(std::string_view text);
void utf8_append(std::string& out, char32_t cp);
// Ideographs and kana may break a line anywhere; other scripts break at spaces.
bool breaks_anywhere(char32_t cp);

}  // namespace kiosk
