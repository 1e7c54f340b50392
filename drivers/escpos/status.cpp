#include "status.hpp"

namespace kiosk::escpos {

std::optional<StatusReply> decode_status(int n, std::uint8_t b) {
  if (n < 1 || n > 4) return std::nullopt;
  StatusReply r;
  r.n = n;
  r.byte = b;
  r.valid = (b & 0x93) == 0x12;  // bits 1 and 4 set, bits 0 and 7 clear
  switch (n) {
    case 1:
      r.drawer_pin_high = b & 0x04;
      r.offline = b & 0x08;
      r.waiting_for_recovery = b & 0x20;
      r.feed_button_pressed = b & 0x40;
      break;
    case 2:
      r.cover_open = b & 0x04;
      r.paper_fed_by_button = b & 0x08;
      r.stopped_paper_end = b & 0x20;
      r.error = b & 0x40;
      break;
    case 3:
      r.cutter_error = b & 0x08;
      r.unrecoverable_error = b & 0x20;
      r.auto_recoverable_error = b & 0x40;
      break;
    case 4:
      r.paper_near_end = (b & 0x0C) == 0x0C;
      r.paper_end = (b & 0x60) == 0x60;
      break;
  }
  return r;
}

std::vector<std::string> StatusReply::flags() const {
  std::vector<std::string> f;
  const auto add = [&](bool on, const char* name) {
    if (on) f.emplace_back(name);
  };
  add(drawer_pin_high, "drawer_pin_high");
  add(offline, "offline");
  add(waiting_for_recovery, "waiting_for_recovery");
  add(feed_button_pressed, "feed_button_pressed");
  add(cover_open, "cover_open");
  add(paper_fed_by_button, "paper_fed_by_button");
  add(stopped_paper_end, "stopped_paper_end");
  add(error, "error");
  add(cutter_error, "cutter_error");
  add(unrecoverable_error, "unrecoverable_error");
  add(auto_recoverable_error, "auto_recoverable_error");
  add(paper_near_end, "paper_near_end");
  add(paper_end, "paper_end");
  return f;
}

PrinterStatus summarize(const std::optional<StatusReply>& printer, const std::optional<StatusReply>& offline,
                        const std::optional<StatusReply>& error, const std::optional<StatusReply>& paper) {
  // A printer that answers nothing (or nonsense) cannot be trusted with a receipt.
  if (!printer || !printer->valid) return PrinterStatus::unplugged;
  if (offline && offline->valid && offline->cover_open) return PrinterStatus::cover_open;
  if ((paper && paper->valid && paper->paper_end) || (offline && offline->valid && offline->stopped_paper_end))
    return PrinterStatus::paper_out;
  if (error && error->valid && (error->cutter_error || error->unrecoverable_error || error->auto_recoverable_error))
    return PrinterStatus::fault;
  if (printer->offline) return PrinterStatus::fault;
  if (paper && paper->valid && paper->paper_near_end) return PrinterStatus::paper_near_end;
  return PrinterStatus::ok;
}

}  // namespace kiosk::escpos
