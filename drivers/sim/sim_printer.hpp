#pragma once
#include <string>

#include "escpos/receipt_job.hpp"
#include "hal/receipt_printer.hpp"
#include "printer_device.hpp"

namespace kiosk::sim {

// The default printer: the real driver's bytes (receipt_job) go to a simulated device, whose
// virtual printer draws the paper; the PNG and the raw bytes land in the output folder.
// Status comes from real DLE EOT replies of the device.
class SimPrinter : public hal::ReceiptPrinter {
 public:
  SimPrinter(hal::EventSink sink, std::string out_dir, escpos::PrinterModel model = {});
  void print(const std::string& reference, const ReceiptPicture& receipt) override;
  PrinterStatus status() const override { return status_; }
  int width_dots() const override { return model_.width_dots; }
  std::string describe() const override {
    return status_ == PrinterStatus::unplugged ? "" : "virtual printer (PNG files)";
  }

  // What a technician would do to the device: take the paper out, open the cover, unplug it.
  void set_condition(PrinterStatus condition);
  const std::string& last_path() const { return last_path_; }
  PrinterDevice& device() { return device_; }

 private:
  void refresh_status();
  hal::EventSink sink_;
  std::string out_dir_;
  escpos::PrinterModel model_;
  PrinterDevice device_;
  PrinterStatus status_ = PrinterStatus::ok;
  std::string last_path_;
  int count_ = 0;
};

}  // namespace kiosk::sim
