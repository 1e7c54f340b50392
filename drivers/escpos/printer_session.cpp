#include "printer_session.hpp"

#include <chrono>

namespace kiosk::escpos {

namespace {

std::optional<StatusReply> ask(Link& link, int n, int timeout_ms) {
  // Whatever is already waiting answers an earlier question (a DLE EOT inside raster data).
  for (std::uint8_t stale[64]; link.read_some(stale, sizeof stale, 0).count > 0;) {
  }
  Encoder e;
  e.status_request(n);
  if (link.write_all(e.bytes().data(), e.bytes().size(), timeout_ms).status != LinkStatus::ok) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  int skip = 0;  // bytes left of an automatic status back block
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    std::uint8_t buf[64];
    const LinkResult r = link.read_some(buf, sizeof buf, static_cast<int>(left.count()));
    if (r.status != LinkStatus::ok) return std::nullopt;
    for (std::size_t i = 0; i < r.count; ++i) {
      const std::uint8_t b = buf[i];
      if (skip > 0) {
        --skip;
      } else if ((b & 0x93) == 0x10) {
        skip = 3;  // first byte of a 4-byte automatic status back block
      } else if ((b & 0x93) == 0x12) {
        return decode_status(n, b);
      }
    }
  }
}

}  // namespace

StatusSet query_status(Link& link, int timeout_ms) {
  StatusSet s;
  if (!link.can_read()) {
    s.summary = PrinterStatus::ok;
    return s;
  }
  for (int n = 1; n <= 4; ++n) s.reply[n - 1] = ask(link, n, timeout_ms);
  s.summary = summarize(s.reply[0], s.reply[1], s.reply[2], s.reply[3]);
  return s;
}

}  // namespace kiosk::escpos
