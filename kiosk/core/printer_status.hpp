#pragma once
#include <string_view>

namespace kiosk {

// fault: offline, cutter or other errors that stop printing.
enum class PrinterStatus { ok, paper_near_end, paper_out, cover_open, unplugged, fault };

// Paper near its end still prints; the others mean no receipt can be printed now.
inline bool printer_can_print(PrinterStatus s) {
  return s == PrinterStatus::ok || s == PrinterStatus::paper_near_end;
}
std::string_view printer_status_name(PrinterStatus s);

}  // namespace kiosk
