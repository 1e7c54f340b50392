#include "sim_printer.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "escpos/printer_session.hpp"
#include "log/log.hpp"

namespace kiosk::sim {

SimPrinter::SimPrinter(hal::EventSink sink, std::string out_dir, escpos::PrinterModel model)
    : sink_(std::move(sink)), out_dir_(std::move(out_dir)), model_(std::move(model)), device_(model_.width_dots) {}

void SimPrinter::refresh_status() {
  const PrinterStatus now = escpos::query_status(device_, 50).summary;
  if (now != status_) {
    status_ = now;
    sink_(ev::PrinterStatusChanged{now});
  }
}

void SimPrinter::set_condition(PrinterStatus condition) {
  device_.set_condition(condition);
  refresh_status();
}

void SimPrinter::print(const std::string& reference, const ReceiptPicture& receipt) {
  refresh_status();  // before the job, as the real driver does
  if (!printer_can_print(status_)) {
    sink_(ev::ReceiptPrinted{reference, false});
    return;
  }
  const escpos::Bytes job = escpos::receipt_job(receipt, model_);
  const escpos::LinkResult sent = device_.write_all(job.data(), job.size(), 1000);
  auto printouts = device_.take_printouts();
  refresh_status();  // after it: the paper may have run out
  bool ok = sent.status == escpos::LinkStatus::ok && !printouts.empty();
  if (ok) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir_, ec);
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%02d", ++count_);
    const std::string base = out_dir_ + "/" + reference + suffix;
    std::ofstream(base + ".bin", std::ios::binary).write(reinterpret_cast<const char*>(job.data()),
                                                         static_cast<std::streamsize>(job.size()));
    std::string error;
    ok = write_png(printouts.back().paper, base + ".png", &error);
    if (ok) last_path_ = base + ".png";
    else log_warn("printer: " + error);
  }
  sink_(ev::ReceiptPrinted{reference, ok});
}

}  // namespace kiosk::sim
