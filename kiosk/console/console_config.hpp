#pragma once
// kiosk-fleet's configuration (TOML): where it listens, who may log in, the broker, and where
// each kiosk stands. deploy/fleet/console.toml is the example.
#include <string>
#include <vector>

#include "broker_client.hpp"
#include "fleet_view.hpp"

namespace kiosk::console {

struct ConsoleConfig {
  std::string host = "127.0.0.1";
  int port = 8444;
  std::string cert_path;  // empty: <data>/console.crt, self-signed, made on first start
  std::string key_path;
  std::string accounts_path = "accounts";
  std::string data_dir = "fleet-console-data";  // audit log, today's sales, diagnostics
  std::string catalog_key_path;  // optional: catalogs are checked before they are sent
  BrokerOptions broker;
  std::vector<Site> sites;
};

// Relative paths in the file are relative to the file's folder. False with the line that is wrong.
bool load_console_config(const std::string& path, ConsoleConfig* config, std::string* error);

}  // namespace kiosk::console
