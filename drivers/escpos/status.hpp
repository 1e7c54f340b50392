#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/printer_status.hpp"

namespace kiosk::escpos {

// One DLE EOT n reply byte, decoded. Only the flags that belong to n are meaningful.
struct StatusReply {
  int n = 0;
  std::uint8_t byte = 0;
  bool valid = false;                // (byte & 0x93) == 0x12, as every real-time reply is
  // n = 1: printer
  bool drawer_pin_high = false;
  bool offline = false;
  bool waiting_for_recovery = false;
  bool feed_button_pressed = false;  // n = 1 bit 6
  // n = 2: offline cause
  bool cover_open = false;
  bool paper_fed_by_button = false;
  bool stopped_paper_end = false;
  bool error = false;
  // n = 3: error cause
  bool cutter_error = false;
  bool unrecoverable_error = false;
  bool auto_recoverable_error = false;
  // n = 4: paper roll sensor
  bool paper_near_end = false;
  bool paper_end = false;

  std::vector<std::string> flags() const;  // names of the set flags, for JSON
};

// Decodes the reply to DLE EOT n (n 1..4). nullopt for an n that does not exist.
std::optional<StatusReply> decode_status(int n, std::uint8_t byte);

// The printer's state from the four replies (any may be missing after a timeout).
PrinterStatus summarize(const std::optional<StatusReply>& printer, const std::optional<StatusReply>& offline,
                        const std::optional<StatusReply>& error, const std::optional<StatusReply>& paper);

}  // namespace kiosk::escpos
