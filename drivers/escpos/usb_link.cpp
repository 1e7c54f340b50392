#include "usb_link.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::escpos {

const char* link_status_name(LinkStatus s) {
  switch (s) {
    case LinkStatus::ok: return "ok";
    case LinkStatus::timeout: return "timeout";
    case LinkStatus::stall: return "stall";
    case LinkStatus::disconnected: return "disconnected";
    case LinkStatus::error: return "error";
  }
  return "error";
}

UsbLink::UsbLink(std::unique_ptr<UsbEndpoints> endpoints, UsbLinkOptions options)
    : endpoints_(std::move(endpoints)), options_(options) {}

LinkResult UsbLink::write_all(const std::uint8_t* data, std::size_t size, int timeout_ms) {
  LinkResult total;
  int idle_timeouts = 0, stall_clears = 0;
  while (total.count < size) {
    const std::size_t n = std::min(options_.chunk, size - total.count);
    const LinkResult r = endpoints_->bulk_out(data + total.count, n, timeout_ms);
    total.count += std::min(r.count, n);
    switch (r.status) {
      case LinkStatus::ok: idle_timeouts = 0; break;  // a short write simply continues
      case LinkStatus::timeout:
        // A busy printer (cutting, out of buffer) accepts part of a transfer and then waits.
        if (r.count > 0) idle_timeouts = 0;
        else if (++idle_timeouts > options_.max_idle_timeouts) return {LinkStatus::timeout, total.count};
        break;
      case LinkStatus::stall:
        if (++stall_clears > options_.max_stall_clears || !endpoints_->clear_halt_out())
          return {LinkStatus::stall, total.count};
        break;
      case LinkStatus::disconnected:
      case LinkStatus::error: return {r.status, total.count};
    }
  }
  return total;
}

LinkResult UsbLink::read_some(std::uint8_t* data, std::size_t size, int timeout_ms) {
  return endpoints_->bulk_in(data, size, timeout_ms);
}

std::vector<VidPid> default_printer_ids() {
  return {{0x04b8, 0},   // Seiko Epson (TM-T88IV 04b8:0202 reports a vendor class)
          {0x0519, 0},   // Star Micronics
          {0x0dd4, 0},   // Custom Engineering
          {0x1d90, 0}};  // Citizen Systems
}

bool parse_vid_pid(const std::string& text, VidPid* out) {
  unsigned vid = 0, pid = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%4x:%4x%c", &vid, &pid, &extra) == 2 ||
      (std::sscanf(text.c_str(), "%4x%c", &vid, &extra) == 1 && text.find(':') == std::string::npos)) {
    out->vid = static_cast<std::uint16_t>(vid);
    out->pid = static_cast<std::uint16_t>(pid);
    return vid != 0;
  }
  return false;
}

}  // namespace kiosk::escpos
