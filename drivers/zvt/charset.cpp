#include "charset.hpp"

#include "core/code_page_437.hpp"
#include "core/utf8.hpp"

namespace kiosk::zvt {

namespace {

char32_t zvt7_char(std::uint8_t b) {
  switch (b) {
    case 0x40: return U'§';
    case 0x5B: return U'Ä';
    case 0x5C: return U'Ö';
    case 0x5D: return U'Ü';
    case 0x7B: return U'ä';
    case 0x7C: return U'ö';
    case 0x7D: return U'ü';
    case 0x7E: return U'ß';
    default: return b < 0x80 ? b : 0xFFFD;
  }
}

}  // namespace

std::optional<Charset> parse_charset(std::string_view name) {
  if (name == "cp437") return Charset::cp437;
  if (name == "latin1") return Charset::latin1;
  if (name == "zvt7") return Charset::zvt7;
  return std::nullopt;
}

std::string to_utf8(const Bytes& text, Charset charset) {
  std::string out;
  out.reserve(text.size());
  for (std::uint8_t b : text) {
    if (b < 0x20 && b != '\n') continue;
    if (b == 0x7F) continue;
    const char32_t cp = charset == Charset::cp437 ? cp437_char(b) : charset == Charset::latin1 ? b : zvt7_char(b);
    utf8_append(out, cp);
  }
  return out;
}

}  // namespace kiosk::zvt
