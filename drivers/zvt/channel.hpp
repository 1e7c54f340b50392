#pragma once
#include <memory>
#include <string>

#include "apdu.hpp"
#include "net/tcp.hpp"

namespace kiosk::zvt {

using net::IoStatus;

// How APDUs travel between the kiosk and the terminal: bare over TCP, or framed with
// acknowledgements over a serial line.
class Channel {
 public:
  virtual ~Channel() = default;
  virtual IoStatus send(const Apdu& apdu, int timeout_ms) = 0;
  virtual IoStatus receive(Apdu* apdu, int timeout_ms) = 0;
  // Bytes as they are, outside any framing (simulators use it to put noise on the line).
  virtual IoStatus send_raw(const Bytes& bytes, int timeout_ms) = 0;
  virtual std::string describe() const = 0;
  // Simulators: refuse each good frame received this many times (DLE NAK) before taking it, a
  // NAK storm. Only the serial transport has link-level acknowledgements; TCP ignores it.
  virtual void set_refusals_per_frame(int /*count*/) {}
};

std::unique_ptr<Channel> tcp_channel(std::unique_ptr<net::TcpStream> stream, std::string name);

struct SerialOptions {
  int baud = 9600;
  int stop_bits = 1;
  int ack_timeout_ms = 2000;  // T1: the receiver's DLE ACK
  int repeats = 2;            // a frame is sent at most three times
};

// The serial transport over a tty (RS-232, USB-serial adapters, CDC-ACM terminals): each APDU in
// a frame (DLE STX … DLE ETX CRC), answered DLE ACK, or DLE NAK and sent again.
std::unique_ptr<Channel> open_serial(const std::string& path, const SerialOptions& options, std::string* error);
// The same over a file descriptor already open (a pty in tests); takes ownership.
std::unique_ptr<Channel> serial_channel(int fd, const SerialOptions& options, std::string name);

}  // namespace kiosk::zvt
