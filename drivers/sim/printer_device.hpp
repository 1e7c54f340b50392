#pragma once
#include <deque>
#include <mutex>
#include <vector>

#include "core/printer_status.hpp"
#include "escpos/link.hpp"
#include "escpos/virtual_printer.hpp"

namespace kiosk::sim {

// The far side of the cable: a simulated thermal printer. It takes ESC/POS bytes, answers
// DLE EOT n wherever the sequence appears (as real printers do, even inside raster data),
// and prints each job through the virtual printer once a cut arrives, unless its condition
// (paper out, cover open, unplugged, fault) stops it.
class PrinterDevice : public escpos::Link {
 public:
  explicit PrinterDevice(int width_dots);

  escpos::LinkResult write_all(const std::uint8_t* data, std::size_t size, int timeout_ms) override;
  escpos::LinkResult read_some(std::uint8_t* data, std::size_t size, int timeout_ms) override;
  std::string describe() const override { return "simulated printer"; }

  void set_condition(PrinterStatus condition);
  PrinterStatus condition() const;
  // Printouts completed since the last call.
  std::vector<escpos::Printout> take_printouts();
  std::size_t bytes_received() const;

 private:
  std::uint8_t reply_to(int n) const;
  mutable std::mutex mutex_;
  PrinterStatus condition_ = PrinterStatus::ok;
  escpos::VirtualPrinter printer_;
  std::vector<std::uint8_t> job_;
  std::deque<std::uint8_t> replies_;
  std::vector<escpos::Printout> printouts_;
  std::size_t received_ = 0;
  int escape_state_ = 0;  // 1 after DLE, 2 after DLE EOT
};

}  // namespace kiosk::sim
