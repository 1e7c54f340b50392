// kioskctl service-pin hash | check HASH: the technician's PIN for [service] pin_hash. The PIN is
// read from standard input (not the command line, where other users and the shell's history
// would see it): 4 to 12 digits.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "gateway/secret_hash.hpp"

namespace kiosk::ctl {

namespace {

bool read_pin(std::string* pin) {
  if (!std::getline(std::cin, *pin)) return false;
  if (!pin->empty() && pin->back() == '\r') pin->pop_back();
  if (pin->size() < 4 || pin->size() > 12) return false;
  return pin->find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

int service_pin_command(const Args& args) {
  constexpr const char* usage = "service-pin hash | service-pin check HASH (the PIN on standard input, 4-12 digits)";
  std::string pin, error;
  if (args.size() == 1 && args[0] == "hash") {
    if (!read_pin(&pin)) return fail("the PIN must be 4 to 12 digits, on one line of standard input");
    const std::string hash = gateway::hash_secret(pin, &error);
    if (hash.empty()) return fail(error);
    std::cout << nlohmann::json{{"pin_hash", hash}}.dump() << "\n";
    return 0;
  }
  if (args.size() == 2 && args[0] == "check") {
    if (!read_pin(&pin)) return fail("the PIN must be 4 to 12 digits, on one line of standard input");
    const bool match = gateway::verify_secret(args[1], pin, &error);
    if (!error.empty()) return fail(error);
    if (!match) return fail("the PIN does not match");
    std::cout << nlohmann::json{{"match", true}}.dump() << "\n";
    return 0;
  }
  return fail(usage);
}

}  // namespace kiosk::ctl
