// kioskctl fleet init DIR: the fleet's CA (which issues kiosks' and the console's certificates)
// and the broker's own certificate, for deploy/fleet/mosquitto.conf.
// kioskctl fleet issue --ca DIR (--kiosk ID | --console) --out DIR: a client certificate whose
// CN the broker takes as the user name its ACL is written for (deploy/fleet/fleet.acl).
// kioskctl fleet account FILE NAME: adds an operator to the console's accounts file (or gives
// one a new password), the password read from standard input, hashed with scrypt.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console/accounts.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/secret_hash.hpp"
#include "gateway/tls_cert.hpp"
#include "sys/durable_file.hpp"
#include "sys/small_file.hpp"

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

// An operator's password: one line on standard input, 12 to 256 characters.
int account(const std::string& file, const std::string& name) {
  if (!console::valid_account_name(name)) return fail("a name is 1 to 32 of a-z, 0-9, '.', '_' and '-'");
  std::string password;
  if (!std::getline(std::cin, password)) return fail("the password goes on standard input");
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.size() < 12 || password.size() > 256) return fail("a password has 12 to 256 characters");
  std::string error, text;
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    auto read = read_small_file(file, 1 << 20, &error);
    if (!read) return fail(file + ": " + error);
    if (!console::parse_accounts(*read, &error)) return fail(file + ": " + error + " (left as it is)");
    text = std::move(*read);
  }
  const std::string hash = gateway::hash_secret(password, &error);
  if (hash.empty()) return fail(error);
  // The operator's line replaced where it was, or added at the end; the rest kept as it was.
  std::string out;
  bool replaced = false;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.compare(std::min(line.find_first_not_of(" \t"), line.size()), name.size() + 1, name + " ") == 0) {
      out += name + " " + hash + "\n";
      replaced = true;
    } else {
      out += line + "\n";
    }
  }
  if (!replaced) out += name + " " + hash + "\n";
  if (!write_file_durably(file, out, 0600, &error)) return fail(error);
  std::cout << nlohmann::json{{"accounts", file}, {"name", name}, {"replaced", replaced}}.dump() << "\n";
  return 0;
}

}  // namespace

int fleet_command(const Args& args) {
  if (args.size() == 2 && args[0] == "init") return init(args[1]);
  if (args.size() == 3 && args[0] == "account") return account(args[1], args[2]);
  if (!args.empty() && args[0] == "issue") return issue(args);
  return fail("usage: kioskctl fleet init DIR | fleet issue --ca DIR (--kiosk ID | --console) --out DIR | "
              "fleet account FILE NAME (password on standard input)");
}

}  // namespace kiosk::ctl
