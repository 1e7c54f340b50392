#include "fault_mode.hpp"

namespace kiosk::gateway {

const char* fault_mode_name(FaultMode m) {
  switch (m) {
    case FaultMode::ok: return "ok";
    case FaultMode::timeout: return "timeout";
    case FaultMode::error: return "error";
    case FaultMode::garbage: return "garbage";
    case FaultMode::refuse: return "refuse";
    case FaultMode::latency: return "latency";
    case FaultMode::lost_answer: return "lost_answer";
    case FaultMode::duplicate: return "duplicate";
    case FaultMode::cut_after_commit: return "cut_after_commit";
  }
  return "ok";
}

bool parse_fault_mode(const std::string& name, FaultMode* mode) {
  for (FaultMode m : {FaultMode::ok, FaultMode::timeout, FaultMode::error, FaultMode::garbage, FaultMode::refuse,
                      FaultMode::latency, FaultMode::lost_answer, FaultMode::duplicate,
                      FaultMode::cut_after_commit}) {
    if (name == fault_mode_name(m)) {
      *mode = m;
      return true;
    }
  }
  return false;
}

}  // namespace kiosk::gateway
