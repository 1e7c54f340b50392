#pragma once
#include <memory>
#include <string>
#include <vector>

#include "link.hpp"

namespace kiosk::escpos {

// One claimed printer interface: single bulk transfers, as libusb does them.
class UsbEndpoints {
 public:
  virtual ~UsbEndpoints() = default;
  virtual LinkResult bulk_out(const std::uint8_t* data, std::size_t size, int timeout_ms) = 0;
  virtual LinkResult bulk_in(std::uint8_t* data, std::size_t size, int timeout_ms) = 0;
  virtual bool clear_halt_out() = 0;
  virtual std::string describe() const = 0;
};

struct UsbLinkOptions {
  std::size_t chunk = 4096;        // bytes per bulk transfer
  int max_idle_timeouts = 3;       // timeouts in a row with nothing moving before giving up
  int max_stall_clears = 2;
};

// Streams a job over bulk OUT: short writes continue where they stopped, a stall is cleared
// and retried, repeated timeouts without progress and disconnects end the job with a reason.
class UsbLink : public Link {
 public:
  UsbLink(std::unique_ptr<UsbEndpoints> endpoints, UsbLinkOptions options = {});
  LinkResult write_all(const std::uint8_t* data, std::size_t size, int timeout_ms) override;
  LinkResult read_some(std::uint8_t* data, std::size_t size, int timeout_ms) override;
  std::string describe() const override { return endpoints_->describe(); }

 private:
  std::unique_ptr<UsbEndpoints> endpoints_;
  UsbLinkOptions options_;
};

struct VidPid {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;  // 0: any product of this vendor
};

// Vendors whose receipt printers may present a vendor-specific interface instead of the
// printer class (Epson TM-T88IV 04b8:0202, for one): Epson, Star, Custom, Citizen.
std::vector<VidPid> default_printer_ids();
bool parse_vid_pid(const std::string& text, VidPid* out);  // "04b8:0202" or "04b8"

// Opens the first USB printer found: printer class 7 interfaces, or the listed ids. The usblp
// kernel driver is detached first. nullptr with `error` set when there is none.
std::unique_ptr<UsbEndpoints> open_usb_printer(const std::vector<VidPid>& ids, std::string* error);

}  // namespace kiosk::escpos
