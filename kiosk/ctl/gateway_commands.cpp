// kioskctl gateway pin CERT.pem: the value for [gateway] pin_sha256 in the kiosk's configuration.
// kioskctl gateway issue --data GWDIR (--kiosk ID | --operator NAME) --out DIR: a client
// certificate from the gateway's client CA: kiosk.crt/kiosk.key (or operator.crt/operator.key).
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/tls_pin.hpp"

namespace kiosk::ctl {

namespace {

int pin(const Args& args) {
  std::string error;
  const std::string pin = gateway::spki_pin_of_file(args[1], &error);
  if (pin.empty()) return fail(error.empty() ? "no public key in " + args[1] : error);
  std::cout << nlohmann::json{{"pin_sha256", pin}}.dump() << "\n";
  return 0;
}

int issue(const Args& args) {
  std::string data, out, id;
  gateway::Role role = gateway::Role::kiosk;
  bool has_role = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const bool value = i + 1 < args.size();
    if (args[i] == "--data" && value) data = args[++i];
    else if (args[i] == "--out" && value) out = args[++i];
    else if ((args[i] == "--kiosk" || args[i] == "--operator") && value && !has_role) {
      role = args[i] == "--kiosk" ? gateway::Role::kiosk : gateway::Role::operator_;
      has_role = true;
      id = args[++i];
    } else {
      return fail("usage: kioskctl gateway issue --data GWDIR (--kiosk ID | --operator NAME) --out DIR");
    }
  }
  if (data.empty() || out.empty() || !has_role)
    return fail("usage: kioskctl gateway issue --data GWDIR (--kiosk ID | --operator NAME) --out DIR");
  std::error_code ec;
  if (!std::filesystem::exists(gateway::client_ca_cert_path(data), ec))
    return fail("no client CA in " + data + " (start kiosk-gateway --data " + data + " once to make it)");
  std::string error;
  if (!gateway::issue_client_certificate(data, role, id, out, &error)) return fail(error);
  const std::string base = out + (role == gateway::Role::kiosk ? "/kiosk" : "/operator");
  std::cout << nlohmann::json{{role == gateway::Role::kiosk ? "kiosk_id" : "operator", id},
                              {"certificate", base + ".crt"},
                              {"key", base + ".key"}}
                   .dump()
            << "\n";
  return 0;
}

}  // namespace

int gateway_command(const Args& args) {
  if (args.size() == 2 && args[0] == "pin") return pin(args);
  if (!args.empty() && args[0] == "issue") return issue(args);
  return fail("usage: kioskctl gateway pin CERT.pem | gateway issue --data GWDIR --kiosk ID --out DIR");
}

}  // namespace kiosk::ctl
