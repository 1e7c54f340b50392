#include "escpos_printer.hpp"

#include "log/log.hpp"
#include "printer_session.hpp"

namespace kiosk::escpos {

EscPosPrinter::EscPosPrinter(hal::EventSink sink, EscPosPrinterOptions options)
    : sink_(std::move(sink)), options_(std::move(options)) {
  thread_ = std::thread([this] { loop(); });
}

EscPosPrinter::~EscPosPrinter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void EscPosPrinter::print(const std::string& reference, const ReceiptPicture& receipt) {
  Job job{reference, receipt_job(receipt, options_.model)};
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_all();
}

bool EscPosPrinter::busy() const {
  std::lock_guard lock(mutex_);
  return running_job_ || !jobs_.empty();
}

std::string EscPosPrinter::describe() const {
  std::lock_guard lock(mutex_);
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
    std::lock_guard lock(mutex_);
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
  const LinkResult r = link_->write_all(job.bytes.data(), job.bytes.size(), options_.write_timeout_ms);
  if (r.status != LinkStatus::ok) {
    // Part of the receipt may be on paper: the kiosk keeps the proof (journal, SMS, reprint).
    drop_link(std::string("job ") + job.reference + " stopped after " + std::to_string(r.count) + " of " +
              std::to_string(job.bytes.size()) + " bytes: " + link_status_name(r.status));
    return false;
  }
  check();  // paper end or cover open during the job shows here
  return link_ && status_ != PrinterStatus::paper_out && status_ != PrinterStatus::cover_open &&
         status_ != PrinterStatus::fault;
}

void EscPosPrinter::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (!jobs_.empty()) {
      Job job = std::move(jobs_.front());
      jobs_.pop_front();
      running_job_ = true;
      lock.unlock();
      const bool ok = run(job);
      sink_(ev::ReceiptPrinted{job.reference, ok});
      lock.lock();
      running_job_ = false;
      continue;
    }
    lock.unlock();
    check();
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_interval_ms),
                   [&] { return stopping_ || !jobs_.empty(); });
  }
}

}  // namespace kiosk::escpos
