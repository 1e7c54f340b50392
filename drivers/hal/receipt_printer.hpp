#pragma once
#include <cstdint>
#include <string>

#include "core/printer_status.hpp"
#include "event_sink.hpp"
#include "render/receipt_picture.hpp"

namespace kiosk::hal {

// A receipt printer takes a finished picture of the paper: the kiosk lays the receipt out
// itself so every language prints the same way. Outcomes arrive as ReceiptPrinted and
// PrinterStatusChanged events.
class ReceiptPrinter {
 public:
  virtual ~ReceiptPrinter() = default;
  virtual void print(const std::string& reference, const ReceiptPicture& receipt) = 0;
  virtual PrinterStatus status() const = 0;
  virtual int width_dots() const = 0;
  // A job or a status check is under way (scripts wait for it).
  virtual bool busy() const { return false; }
  // Which printer this is, as the device names itself ("EPSON TM-T20III, usb 04b8:0e28 …"), for
  // the technician; empty while none is connected.
  virtual std::string describe() const { return ""; }
};

}  // namespace kiosk::hal
