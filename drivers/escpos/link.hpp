#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace kiosk::escpos {

enum class LinkStatus { ok, timeout, stall, disconnected, error };
const char* link_status_name(LinkStatus s);

struct LinkResult {
  LinkStatus status = LinkStatus::ok;
  std::size_t count = 0;  // bytes moved, also when the status is not ok (a short write)
};

// A byte pipe to a printer: USB bulk endpoints, a TCP socket (port 9100) or a device file.
class Link {
 public:
  virtual ~Link() = default;
  // Writes all bytes or says why not; count tells how far it got.
  virtual LinkResult write_all(const std::uint8_t* data, std::size_t size, int timeout_ms) = 0;
  // Reads what is there, up to size bytes, waiting at most timeout_ms for the first byte.
  virtual LinkResult read_some(std::uint8_t* data, std::size_t size, int timeout_ms) = 0;
  virtual bool can_read() const { return true; }
  virtual std::string describe() const = 0;
};

}  // namespace kiosk::escpos
