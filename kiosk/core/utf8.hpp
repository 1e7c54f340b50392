#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Decodes UTF-8; malformed bytes (bad sequences, overlong forms, surrogates, values past
// U+10FFFF) become U+FFFD, one per byte, so that they show up instead of vanishing.
std::vector<char32_t> utf8_decode(std::string_view text);
// The code point at *at (which must be inside the text), moving *at past it; the same rules.
char32_t utf8_next(std::string_view text, std::size_t* at);
void utf8_append(std::string& out, char32_t cp);
// Bidi marks and isolates (U+200E, U+2066…): they steer the order of right-to-left text and
// are removed where nobody draws them (speech, reports).
bool is_bidi_control(char32_t cp);
std::string without_bidi_controls(std::string_view text);
// A byte scan, cheap enough for every measurement of every label.
bool has_bidi_controls(std::string_view text);

}  // namespace kiosk
