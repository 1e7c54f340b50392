#pragma once
#include <string>

namespace kiosk::gateway {

// What the embedded gateway does with the next requests (scripted faults for tests).
enum class FaultMode {
  ok,
  timeout,  // hold the request past the client's timeout, then drop it uncommitted
  error,    // 503 with a JSON error body
  garbage,  // 200 with a body that is not JSON
  refuse,   // renewals are refused by the operator (409); everything else works
  latency,  // every answer comes late (latency_fault_ms), but comes
  // a renewal is committed, then its answer is held past the client's timeout and dropped:
  // the kiosk must find out by reference
  lost_answer,
  duplicate,  // every renewal request is processed twice, as if the network had repeated it
  // a renewal is committed, then the link goes down: its answer and every request after it
  // time out (the mode becomes `timeout`) until the fault is changed
  cut_after_commit,
};
const char* fault_mode_name(FaultMode mode);
bool parse_fault_mode(const std::string& name, FaultMode* mode);

}  // namespace kiosk::gateway
