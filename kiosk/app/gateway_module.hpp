#pragma once
#include <memory>
#include <string>

#include "gateway/module.hpp"

namespace kiosk::app {

// The gateway link module (gateway/module.hpp), opened once and never closed: next to the
// program (the build tree), else in ../lib/kiosk beside its folder (an installed kiosk).
// nullptr with `error` set when it is missing or from another build.
const gateway::ModuleApi* gateway_module(std::string* error);

// What the kiosk talks to when it has no working link (the module is missing, or the client
// certificate is for another kiosk): every call fails as "unreachable" with `reason`, so that
// nothing is sold and recovery keeps what it has until a technician fixes it.
std::unique_ptr<gateway::Service> unreachable_gateway(std::string reason);

}  // namespace kiosk::app
