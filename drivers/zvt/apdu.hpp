#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::zvt {

using Bytes = std::vector<std::uint8_t>;

// One ZVT application protocol data unit: class, instruction, data. The length byte is 0xFF
// followed by a two-byte little-endian length when the data is longer than 254 bytes.
struct Apdu {
  std::uint8_t cls = 0;
  std::uint8_t instr = 0;
  Bytes data;
  bool operator==(const Apdu&) const = default;
};

Bytes encode(const Apdu& apdu);
// Exactly one APDU: a length that does not match the bytes is an error, with the reason.
std::optional<Apdu> decode(const Bytes& bytes, std::string* error);
// Where the first APDU in a stream ends (for TCP, which sends bare APDUs back to back):
// 0 when more bytes are needed.
std::size_t complete_length(const Bytes& stream);

// Well-known APDUs.
inline Apdu ack() { return {0x80, 0x00, {}}; }
inline Apdu nack(std::uint8_t code) { return {0x84, code, {}}; }
inline bool is_ack(const Apdu& a) { return a.cls == 0x80 && a.instr == 0x00; }

std::string hex(const Bytes& b, bool spaced = false);
std::optional<Bytes> from_hex(const std::string& text);  // spaces allowed; odd or non-hex: nullopt

}  // namespace kiosk::zvt
