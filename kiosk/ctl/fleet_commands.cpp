// kioskctl fleet init DIR: the fleet's CA (which issues kiosks' and the console's certificates)
// and the broker's own certificate, for deploy/fleet/mosquitto.conf.
// kioskctl fleet issue --ca DIR (--kiosk ID | --console) --out DIR: a client certificate whose
// CN the broker takes as the user name its ACL is written for (deploy/fleet/fleet.acl).
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/tls_cert.hpp"

namespace kiosk::ctl {

namespace {

// The console's user name in the broker's ACL; no kiosk may have it.
constexpr const char* console_name = "console";

int init(const std::string& dir) {
  std::string error;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!gateway::ensure_client_ca(dir, &error) ||
      !gateway::ensure_self_signed(dir + "/broker.crt", dir + "/broker.key", &error))
    return fail(error);
  std::cout << nlohmann::json{{"ca", gateway::client_ca_cert_path(dir)},
                              {"broker_certificate", dir + "/broker.crt"},
                              {"broker_key", dir + "/broker.key"}}
                   .dump()
            << "\n";
  return 0;
}

int issue(const Args& args) {
  constexpr const char* usage = "usage: kioskctl fleet issue --ca DIR (--kiosk ID | --console) --out DIR";
  std::string ca, out, id;
  bool console = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const bool value = i + 1 < args.size();
    if (args[i] == "--ca" && value) ca = args[++i];
    else if (args[i] == "--out" && value) out = args[++i];
    else if (args[i] == "--kiosk" && value && id.empty() && !console) id = args[++i];
    else if (args[i] == "--console" && id.empty()) console = true;
    else return fail(usage);
  }
  if (ca.empty() || out.empty() || (id.empty() && !console)) return fail(usage);
  // The topics are kiosk/<id>/…: an id with MQTT's separators or wildcards, or the console's
  // name, would reach other kiosks' topics.
  if (!console && (id == console_name || id.find_first_of("/+#") != std::string::npos))
    return fail("'" + id + "' cannot be a kiosk id on the fleet");
  std::error_code ec;
  if (!std::filesystem::exists(gateway::client_ca_cert_path(ca), ec)) return fail("no fleet CA in " + ca + " (kioskctl fleet init)");
  std::string error;
  const gateway::Role role = console ? gateway::Role::operator_ : gateway::Role::kiosk;
  if (!gateway::issue_client_certificate(ca, role, console ? console_name : id, out, &error)) return fail(error);
  const std::string base = out + (console ? "/operator" : "/kiosk");
  std::cout << nlohmann::json{{"user", console ? console_name : id}, {"certificate", base + ".crt"}, {"key", base + ".key"}}.dump()
            << "\n";
  return 0;
}

}  // namespace

int fleet_command(const Args& args) {
  if (args.size() == 2 && args[0] == "init") return init(args[1]);
  if (!args.empty() && args[0] == "issue") return issue(args);
  return fail("usage: kioskctl fleet init DIR | fleet issue --ca DIR (--kiosk ID | --console) --out DIR");
}

}  // namespace kiosk::ctl
