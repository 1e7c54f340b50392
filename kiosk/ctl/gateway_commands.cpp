// kioskctl gateway pin CERT.pem: the value for [gateway] pin_sha256 in the kiosk's configuration.
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gateway/tls_pin.hpp"

namespace kiosk::ctl {

int gateway_command(const Args& args) {
  if (args.size() != 2 || args[0] != "pin") return fail("usage: kioskctl gateway pin CERT.pem");
  std::string error;
  const std::string pin = gateway::spki_pin_of_file(args[1], &error);
  if (pin.empty()) return fail(error.empty() ? "no public key in " + args[1] : error);
  std::cout << nlohmann::json{{"pin_sha256", pin}}.dump() << "\n";
  return 0;
}

}  // namespace kiosk::ctl
