#include "printer_status.hpp"

namespace kiosk {

std::string_view printer_status_name(PrinterStatus s) {
  switch (s) {
    case PrinterStatus::ok: return "ok";
    case PrinterStatus::paper_near_end: return "paper_near_end";
    case PrinterStatus::paper_out: return "paper_out";
    case PrinterStatus::cover_open: return "cover_open";
    case PrinterStatus::unplugged: return "unplugged";
    case PrinterStatus::fault: return "fault";
  }
  return "ok";
}

}  // namespace kiosk
