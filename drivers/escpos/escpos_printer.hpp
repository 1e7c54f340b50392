#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "hal/receipt_printer.hpp"
#include "link.hpp"
#include "receipt_job.hpp"
#include "thread/job_thread.hpp"

namespace kiosk::escpos {

struct EscPosPrinterOptions {
  PrinterModel model;
  // Opens the link (USB, TCP, file); called again after an unplug, until it works.
  std::function<std::unique_ptr<Link>(std::string* error)> connect;
  int write_timeout_ms = 5000;   // per bulk transfer / socket wait
  int status_timeout_ms = 500;   // per DLE EOT reply
  int poll_interval_ms = 2000;   // status and reconnect checks while idle
};

// The real receipt printer driver: its own thread, a job queue, DLE EOT status before and
// after every job and while idle, reconnection after an unplug. Reports through events.
class EscPosPrinter : public hal::ReceiptPrinter {
 public:
  EscPosPrinter(hal::EventSink sink, EscPosPrinterOptions options);
  ~EscPosPrinter() override;

  void print(const std::string& reference, const ReceiptPicture& receipt) override;
  PrinterStatus status() const override { return status_; }
  int width_dots() const override { return options_.model.width_dots; }
  bool busy() const override;
  std::string describe() const override;

 private:
  struct Job {
    std::string reference;
    ReceiptPicture receipt;  // encoded on the printer's thread, not the caller's
  };
  void check();               // connect if needed, then ask the status
  bool run(const Job& job);   // true when the job went out and the printer is still fine
  void set_status(PrinterStatus s);
  void drop_link(const std::string& why);

  hal::EventSink sink_;
  EscPosPrinterOptions options_;
  std::unique_ptr<Link> link_;
  std::string link_name_;
  std::atomic<PrinterStatus> status_{PrinterStatus::unplugged};
  mutable std::mutex link_name_mutex_;
  JobThread<Job> jobs_;  // last: its thread stops before the members it uses go
};

}  // namespace kiosk::escpos
