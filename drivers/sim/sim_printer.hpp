#pragma once
#include <string>

#include "hal/receipt_printer.hpp"

namespace kiosk::sim {

// A simulated 80 mm printer: what it prints lands as a PNG in its output folder.
class SimPrinter : public hal::ReceiptPrinter {
 public:
  SimPrinter(hal::EventSink sink, std::string out_dir, int width_dots = 576);
  void print(const std::string& reference, const Raster& paper) override;
  PrinterStatus status() const override { return status_; }
  int width_dots() const override { return width_; }

  void set_status(PrinterStatus status);
  const std::string& last_path() const { return last_path_; }

 private:
  hal::EventSink sink_;
  std::string out_dir_;
  int width_;
  PrinterStatus status_ = PrinterStatus::ok;
  std::string last_path_;
  int count_ = 0;
};

}  // namespace kiosk::sim
