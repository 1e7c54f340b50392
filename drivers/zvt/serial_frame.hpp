#pragma once
#include <optional>
#include <string>

#include "apdu.hpp"

namespace kiosk::zvt {

// The serial transport (RS-232, USB-serial): DLE STX, the APDU with every DLE doubled,
// DLE ETX, then CRC-CCITT (polynomial 0x8408 reflected, initial 0x0000) over the unstuffed
// APDU and the ETX byte, low byte first. The receiver answers DLE ACK or DLE NAK.
inline constexpr std::uint8_t DLE = 0x10, STX = 0x02, ETX = 0x03, ACK = 0x06, NAK = 0x15;

std::uint16_t crc_ccitt(const std::uint8_t* data, std::size_t size, std::uint16_t crc = 0x0000);
Bytes frame(const Bytes& apdu_bytes);
// The APDU bytes inside one frame; a wrong CRC, bad stuffing or missing DLE STX / DLE ETX is an
// error with the reason.
std::optional<Bytes> unframe(const Bytes& frame_bytes, std::string* error);

}  // namespace kiosk::zvt
