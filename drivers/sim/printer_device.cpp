#include "printer_device.hpp"

namespace kiosk::sim {

PrinterDevice::PrinterDevice(int width_dots) : printer_(width_dots) {}

void PrinterDevice::set_condition(PrinterStatus condition) {
  std::lock_guard lock(mutex_);
  condition_ = condition;
}

PrinterStatus PrinterDevice::condition() const {
  std::lock_guard lock(mutex_);
  return condition_;
}

std::size_t PrinterDevice::bytes_received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

// The reply bytes of an Epson-style printer in this condition.
std::uint8_t PrinterDevice::reply_to(int n) const {
  const PrinterStatus c = condition_;
  std::uint8_t b = 0x12;
  switch (n) {
    case 1:
      if (c != PrinterStatus::ok && c != PrinterStatus::paper_near_end) b |= 0x08;  // offline
      break;
    case 2:
      if (c == PrinterStatus::cover_open) b |= 0x04;
      if (c == PrinterStatus::paper_out) b |= 0x20;
      if (c == PrinterStatus::fault) b |= 0x40;
      break;
    case 3:
      if (c == PrinterStatus::fault) b |= 0x08;  // autocutter error
      break;
    case 4:
      if (c == PrinterStatus::paper_near_end) b |= 0x0C;
      if (c == PrinterStatus::paper_out) b |= 0x0C | 0x60;
      break;
  }
  return b;
}

escpos::LinkResult PrinterDevice::write_all(const std::uint8_t* data, std::size_t size, int) {
  std::lock_guard lock(mutex_);
  if (condition_ == PrinterStatus::unplugged) return {escpos::LinkStatus::disconnected, 0};
  received_ += size;
  bool maybe_cut = false;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t b = data[i];
    // DLE EOT n is real-time: answered at once, wherever it stands.
    if (escape_state_ == 2 && b >= 1 && b <= 4) replies_.push_back(reply_to(b));
    escape_state_ = b == 0x10 ? 1 : (escape_state_ == 1 && b == 0x04) ? 2 : 0;
    maybe_cut |= b == 'V' && !job_.empty() && job_.back() == 0x1D;
    job_.push_back(b);
  }
  // A cut ends the job. The interpreter decides whether "GS V" really was a command or just
  // bytes of an image.
  if (maybe_cut) {
    escpos::Printout out = printer_.print(job_);
    if (out.cuts > 0) {
      if (printer_can_print(condition_)) printouts_.push_back(std::move(out));
      job_.clear();
    }
  }
  return {escpos::LinkStatus::ok, size};
}

escpos::LinkResult PrinterDevice::read_some(std::uint8_t* data, std::size_t size, int) {
  std::lock_guard lock(mutex_);
  if (condition_ == PrinterStatus::unplugged) return {escpos::LinkStatus::disconnected, 0};
  if (replies_.empty()) return {escpos::LinkStatus::timeout, 0};
  std::size_t n = 0;
  while (n < size && !replies_.empty()) {
    data[n++] = replies_.front();
    replies_.pop_front();
  }
  return {escpos::LinkStatus::ok, n};
}

std::vector<escpos::Printout> PrinterDevice::take_printouts() {
  std::lock_guard lock(mutex_);
  return std::move(printouts_);
}

}  // namespace kiosk::sim
