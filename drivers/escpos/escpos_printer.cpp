#include "escpos_printer.hpp"

#include "log/log.hpp"
#include "printer_session.hpp"

namespace kiosk::escpos {

EscPosPrinter::EscPosPrinter(hal::EventSink sink, EscPosPrinterOptions options)
    : sink_(std::move(sink)),
      options_(std::move(options)),
      jobs_({.run = [this](Job& job) { sink_(ev::ReceiptPrinted{job.reference, run(job)}); },
             // Status and reconnection while idle: paper out shows before the next customer pays.
             .idle = [this] { check(); },
             .idle_every = std::chrono::milliseconds(options_.poll_interval_ms)}) {}

EscPosPrinter::~EscPosPrinter() = default;

void EscPosPrinter::print(const std::string& reference, const ReceiptPicture& receipt) {
  jobs_.post(Job{reference, receipt});
}

bool EscPosPrinter::busy() const { return jobs_.busy(); }

std::string EscPosPrinter::describe() const {
  std::lock_guard lock(link_name_mutex_);
  return link_name_;
}

void EscPosPrinter::set_status(PrinterStatus s) {
  if (status_.exchange(s) != s) sink_(ev::PrinterStatusChanged{s});
}

void EscPosPrinter::drop_link(const std::string& why) {
  log_warn("printer: " + link_name_ + ": " + why);
  link_.reset();
  set_status(PrinterStatus::unplugged);
}

void EscPosPrinter::check() {
  if (!link_) {
    std::string error;
    link_ = options_.connect(&error);
    if (!link_) {
      set_status(PrinterStatus::unplugged);
      return;
    }
    std::lock_guard lock(link_name_mutex_);
    link_name_ = link_->describe();
  }
  const StatusSet s = query_status(*link_, options_.status_timeout_ms);
  if (!s.reply[0] && link_->can_read()) {
    drop_link("no answer to DLE EOT 1");  // unplugged, switched off, or not a printer
    return;
  }
  set_status(s.summary);
}

bool EscPosPrinter::run(const Job& job) {
  check();
  if (!link_ || !printer_can_print(status_)) return false;
  const Bytes bytes = receipt_job(job.receipt, options_.model);
  const LinkResult r = link_->write_all(bytes.data(), bytes.size(), options_.write_timeout_ms);
  if (r.status != LinkStatus::ok) {
    // Part of the receipt may be on paper: the kiosk keeps the proof (journal, SMS, reprint).
    drop_link(std::string("job ") + job.reference + " stopped after " + std::to_string(r.count) + " of " +
              std::to_string(bytes.size()) + " bytes: " + link_status_name(r.status));
    return false;
  }
  check();  // paper end or cover open during the job shows here
  return link_ && status_ != PrinterStatus::paper_out && status_ != PrinterStatus::cover_open &&
         status_ != PrinterStatus::fault;
}

}  // namespace kiosk::escpos
