// A gateway module as another build of the kiosk would make it: the same entry point, another
// interface version. The kiosk must refuse it rather than call into it.
#include "gateway/module.hpp"

extern "C" const kiosk::gateway::ModuleApi* kiosk_gateway_module() {
  static const kiosk::gateway::ModuleApi api{kiosk::gateway::module_abi + 1, 0, 0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  return &api;
}
