#include "utf8.hpp"

namespace kiosk {

char32_t utf8_next(std::string_view s, std::size_t* at) {
  const std::size_t i = *at;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  *at = i + 1;  // a bad byte is skipped alone
  if (len == 0 || i + len > s.size()) return 0xFFFD;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 0x2) return 0xFFFD;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // The shortest form only (an overlong "/" could slip past a check on the bytes), no
  // UTF-16 surrogates, nothing past U+10FFFF.
  static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < smallest[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0xFFFD;
  *at = i + len;
  return cp;
}

std::vector<char32_t> utf8_decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(utf8_next(s, &i));
  return out;
}

void utf8_append(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;  // not characters
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

bool has_bidi_controls(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]), b1 = static_cast<unsigned char>(text[i + 1]);
    if (b0 == 0xD8 && b1 == 0x9C) return true;  // U+061C
    if (b0 != 0xE2 || i + 2 >= text.size()) continue;
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) return true;  // U+200E/F, U+202A–E
    if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;                                   // U+2066–9
  }
  return false;
}

std::string without_bidi_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : utf8_decode(text))
    if (!is_bidi_control(cp)) utf8_append(out, cp);
  return out;
}

}  // namespace kiosk
