#pragma once
#include <optional>

#include "apdu.hpp"
#include "net/tcp.hpp"

namespace kiosk::zvt {

// ZVT over TCP sends bare APDUs back to back (no framing, no CRC).
net::IoStatus send_apdu(net::TcpStream& s, const Apdu& a, int timeout_ms);
// One APDU, or the status that stopped it. A length beyond the limit is an error.
net::IoStatus read_apdu(net::TcpStream& s, Apdu* out, int timeout_ms);

}  // namespace kiosk::zvt
