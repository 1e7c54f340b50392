#pragma once
#include <string>

namespace kiosk {

// The renewal flow as a Mermaid state diagram, found by exploring the core itself with the
// events users, devices and the gateway can send: the diagram cannot drift from the code.
std::string flow_mermaid();

}  // namespace kiosk
