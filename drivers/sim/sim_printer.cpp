#include "sim_printer.hpp"

#include <cstdio>
#include <filesystem>

namespace kiosk::sim {

SimPrinter::SimPrinter(hal::EventSink sink, std::string out_dir, int width_dots)
    : sink_(std::move(sink)), out_dir_(std::move(out_dir)), width_(width_dots) {}

void SimPrinter::set_status(PrinterStatus status) {
  if (status == status_) return;
  status_ = status;
  sink_(ev::PrinterStatusChanged{status});
}

void SimPrinter::print(const std::string& reference, const Raster& paper) {
  if (!printer_can_print(status_)) {
    sink_(ev::ReceiptPrinted{reference, false});
    return;
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir_, ec);
  char name[32];
  std::snprintf(name, sizeof name, "-%02d.png", ++count_);
  const std::string path = out_dir_ + "/" + reference + name;
  std::string error;
  const bool ok = write_png(paper, path, &error);
  if (ok) last_path_ = path;
  else std::fprintf(stderr, "printer: %s\n", error.c_str());
  sink_(ev::ReceiptPrinted{reference, ok});
}

}  // namespace kiosk::sim
