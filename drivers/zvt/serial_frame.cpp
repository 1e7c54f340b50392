#include "serial_frame.hpp"

#include <cstdio>

namespace kiosk::zvt {

std::uint16_t crc_ccitt(const std::uint8_t* data, std::size_t size, std::uint16_t crc) {
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? static_cast<std::uint16_t>((crc >> 1) ^ 0x8408) : crc >> 1;
  }
  return crc;
}

Bytes frame(const Bytes& apdu) {
  Bytes out{DLE, STX};
  for (std::uint8_t b : apdu) {
    out.push_back(b);
    if (b == DLE) out.push_back(DLE);
  }
  out.push_back(DLE);
  out.push_back(ETX);
  Bytes covered = apdu;
  covered.push_back(ETX);
  const std::uint16_t crc = crc_ccitt(covered.data(), covered.size());
  out.push_back(static_cast<std::uint8_t>(crc & 0xFF));
  out.push_back(static_cast<std::uint8_t>(crc >> 8));
  return out;
}

std::optional<Bytes> unframe(const Bytes& f, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Bytes> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (f.size() < 6) return fail("frame too short: DLE STX, DLE ETX and a two-byte CRC take 6 bytes");
  if (f[0] != DLE || f[1] != STX) return fail("frame does not start with DLE STX (10 02)");
  Bytes apdu;
  std::size_t i = 2;
  for (;;) {
    if (i >= f.size()) return fail("frame ends without DLE ETX (10 03)");
    const std::uint8_t b = f[i];
    if (b != DLE) {
      apdu.push_back(b);
      ++i;
      continue;
    }
    if (i + 1 >= f.size()) return fail("frame ends after a lone DLE");
    if (f[i + 1] == DLE) {
      apdu.push_back(DLE);
      i += 2;
    } else if (f[i + 1] == ETX) {
      i += 2;
      break;
    } else {
      char buf[80];
      std::snprintf(buf, sizeof buf, "bad stuffing: DLE followed by %02X at byte %zu", f[i + 1], i + 1);
      return fail(buf);
    }
  }
  if (f.size() != i + 2) return fail("frame must end with exactly two CRC bytes after DLE ETX, found " + std::to_string(f.size() - i));
  Bytes covered = apdu;
  covered.push_back(ETX);
  const std::uint16_t crc = crc_ccitt(covered.data(), covered.size());
  const std::uint16_t got = static_cast<std::uint16_t>(f[i] | (f[i + 1] << 8));
  if (crc != got) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "CRC mismatch: frame says %04X, computed %04X", got, crc);
    return fail(buf);
  }
  return apdu;
}

}  // namespace kiosk::zvt
