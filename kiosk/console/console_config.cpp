#include "console_config.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "sys/small_file.hpp"

namespace kiosk::console {

namespace {

const std::map<std::string, std::set<std::string>>& known_keys() {
  static const std::map<std::string, std::set<std::string>> keys = {
      {"console", {"host", "port", "certificate", "key", "accounts", "data"}},
      {"broker", {"host", "port", "ca_certificate", "client_certificate", "client_key", "client_id"}},
      {"catalog", {"public_key"}},
      {"kiosk", {"id", "site", "group", "latitude", "longitude"}},
  };
  return keys;
}

std::string line_of(const toml::node& n) { return std::to_string(n.source().begin.line); }

bool check_keys(const std::string& path, const std::string& table, const toml::table& t, std::string* error) {
  const auto& allowed = known_keys().at(table);
  for (const auto& [key, value] : t)
    if (!allowed.count(std::string(key.str())))
      return *error = path + ":" + line_of(value) + ": unknown setting " + table + "." + std::string(key.str()), false;
  return true;
}

}  // namespace

bool load_console_config(const std::string& path, ConsoleConfig* c, std::string* error) {
  const auto text = read_small_file(path, 1 << 20, error);
  if (!text) return *error = path + ": " + *error, false;
  toml::table t;
  try {
    t = toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    return *error = path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()), false;
  }
  for (const auto& [name, node] : t) {
    const std::string table(name.str());
    if (!known_keys().count(table)) return *error = path + ":" + line_of(node) + ": unknown setting [" + table + "]", false;
    if (table == "kiosk") {
      if (!node.is_array_of_tables()) return *error = path + ":" + line_of(node) + ": kiosks are [[kiosk]] tables", false;
      continue;
    }
    if (!node.is_table()) return *error = path + ":" + line_of(node) + ": " + table + " must be a table", false;
    if (!check_keys(path, table, *node.as_table(), error)) return false;
  }
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const auto file = [&](const toml::node_view<toml::node> n, std::string* out) {
    if (const auto v = n.value<std::string>(); v && !v->empty())
      *out = std::filesystem::path(*v).is_absolute() ? *v : (folder / *v).string();
  };
  const auto text_of = [](const toml::node_view<toml::node> n, std::string* out) {
    if (const auto v = n.value<std::string>()) *out = *v;
  };
  const auto port_of = [&](const toml::node_view<toml::node> n, int* out, const char* what) {
    if (!n) return true;
    const auto v = n.value<int64_t>();
    if (!v || *v < 0 || *v > 65535) return *error = path + ": " + what + " must be a port (0 to 65535)", false;
    *out = static_cast<int>(*v);
    return true;
  };
  text_of(t["console"]["host"], &c->host);
  if (!port_of(t["console"]["port"], &c->port, "console.port")) return false;
  file(t["console"]["certificate"], &c->cert_path);
  file(t["console"]["key"], &c->key_path);
  file(t["console"]["accounts"], &c->accounts_path);
  file(t["console"]["data"], &c->data_dir);
  file(t["catalog"]["public_key"], &c->catalog_key_path);
  text_of(t["broker"]["host"], &c->broker.host);
  if (!port_of(t["broker"]["port"], &c->broker.port, "broker.port")) return false;
  file(t["broker"]["ca_certificate"], &c->broker.ca_path);
  file(t["broker"]["client_certificate"], &c->broker.cert_path);
  file(t["broker"]["client_key"], &c->broker.key_path);
  text_of(t["broker"]["client_id"], &c->broker.client_id);
  if (c->broker.host.empty() || c->broker.ca_path.empty() || c->broker.cert_path.empty() || c->broker.key_path.empty())
    return *error = path + ": [broker] needs host, ca_certificate, client_certificate and client_key", false;
  if (const toml::array* kiosks = t["kiosk"].as_array()) {
    for (const toml::node& n : *kiosks) {
      const toml::table& k = *n.as_table();
      if (!check_keys(path, "kiosk", k, error)) return false;
      Site s;
      s.kiosk = k["id"].value_or(std::string());
      s.name = k["site"].value_or(std::string());
      s.group = k["group"].value_or(std::string());
      if (!valid_kiosk_id(s.kiosk)) return *error = path + ":" + line_of(n) + ": a [[kiosk]] needs an id (no / + #)", false;
      const auto lat = k["latitude"].value<double>(), lon = k["longitude"].value<double>();
      if (lat.has_value() != lon.has_value() || (lat && (*lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)))
        return *error = path + ":" + line_of(n) + ": latitude and longitude go together, in degrees", false;
      s.latitude = lat;
      s.longitude = lon;
      for (const Site& other : c->sites)
        if (other.kiosk == s.kiosk) return *error = path + ":" + line_of(n) + ": kiosk " + s.kiosk + " is there twice", false;
      c->sites.push_back(std::move(s));
    }
  }
  return true;
}

}  // namespace kiosk::console
