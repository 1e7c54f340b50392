#pragma once
#include <optional>

#include "encoder.hpp"
#include "link.hpp"
#include "status.hpp"

namespace kiosk::escpos {

struct StatusSet {
  std::optional<StatusReply> reply[4];  // DLE EOT 1..4; empty where the printer did not answer
  PrinterStatus summary = PrinterStatus::unplugged;
};

// Asks DLE EOT 1–4 one at a time, each only after the previous answer or its timeout. Bytes
// waiting before the question (replies to DLE EOT sequences inside raster data) are dropped,
// and automatic status back blocks are skipped. A link that cannot read reports ok: nothing to learn.
StatusSet query_status(Link& link, int timeout_ms);

}  // namespace kiosk::escpos
