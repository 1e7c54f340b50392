#include "apdu.hpp"

namespace kiosk::zvt {

Bytes encode(const Apdu& a) {
  Bytes out{a.cls, a.instr};
  if (a.data.size() < 0xFF) {
    out.push_back(static_cast<std::uint8_t>(a.data.size()));
  } else {
    out.push_back(0xFF);
    out.push_back(static_cast<std::uint8_t>(a.data.size() & 0xFF));
    out.push_back(static_cast<std::uint8_t>(a.data.size() >> 8));
  }
  out.insert(out.end(), a.data.begin(), a.data.end());
  return out;
}

namespace {
// Header size and data length, or false if the header itself is incomplete.
bool header(const Bytes& b, std::size_t* header_size, std::size_t* length) {
  if (b.size() < 3) return false;
  if (b[2] != 0xFF) {
    *header_size = 3;
    *length = b[2];
    return true;
  }
  if (b.size() < 5) return false;
  *header_size = 5;
  *length = b[3] | (b[4] << 8);
  return true;
}
}  // namespace

std::size_t complete_length(const Bytes& stream) {
  std::size_t h = 0, len = 0;
  if (!header(stream, &h, &len)) return 0;
  return stream.size() >= h + len ? h + len : 0;
}

std::optional<Apdu> decode(const Bytes& b, std::string* error) {
  std::size_t h = 0, len = 0;
  if (!header(b, &h, &len)) {
    if (error) *error = "APDU too short: " + std::to_string(b.size()) + " byte(s), a header takes 3 (5 when extended)";
    return std::nullopt;
  }
  if (b.size() != h + len) {
    if (error)
      *error = "APDU length says " + std::to_string(len) + " data byte(s), " + std::to_string(b.size() - h) + " present";
    return std::nullopt;
  }
  return Apdu{b[0], b[1], Bytes(b.begin() + static_cast<long>(h), b.end())};
}

std::string hex(const Bytes& b, bool spaced) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (spaced && i) out += ' ';
    out += digits[b[i] >> 4];
    out += digits[b[i] & 0x0F];
  }
  return out;
}

std::optional<Bytes> from_hex(const std::string& text) {
  Bytes out;
  int high = -1;
  for (char c : text) {
    if (c == ' ' || c == ':' || c == '\n' || c == '\t') continue;
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  if (high >= 0) return std::nullopt;
  return out;
}

}  // namespace kiosk::zvt
