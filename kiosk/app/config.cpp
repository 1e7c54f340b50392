#include "config.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "core/reference.hpp"

namespace kiosk::app {

namespace {

enum class Kind { text, integer, boolean, texts, text_or_texts };

// Every setting the file may hold, with its type: anything else is a mistake worth stopping for
// (a misspelt pin_sha256 would otherwise leave the gateway unpinned without a word).
const std::map<std::string, std::map<std::string, Kind>>& schema() {
  static const std::map<std::string, std::map<std::string, Kind>> s = {
      {"kiosk", {{"id", Kind::text}, {"location", Kind::text}, {"support_phone", Kind::text},
                 {"default_language", Kind::text}}},
      {"timeouts", {{"idle_seconds", Kind::integer}, {"warning_seconds", Kind::integer},
                    {"countdown_seconds", Kind::integer},
                    {"end_screen_seconds", Kind::integer}, {"wallet_seconds", Kind::integer}}},
      {"paths", {{"data", Kind::text}, {"cache", Kind::text}, {"assets", Kind::text}, {"socket", Kind::text}}},
      {"gateway", {{"host", Kind::text}, {"port", Kind::integer}, {"ca_certificate", Kind::text},
                   {"timeout_ms", Kind::integer}, {"renewal_budget_ms", Kind::integer},
                   {"pin_sha256", Kind::text_or_texts}, {"allow_unpinned", Kind::boolean},
                   {"client_certificate", Kind::text}, {"client_key", Kind::text}}},
      {"printer", {{"kind", Kind::text}, {"width_dots", Kind::integer}, {"native_qr", Kind::boolean},
                   {"merchant_copy", Kind::boolean}, {"usb_ids", Kind::texts}, {"host", Kind::text},
                   {"port", Kind::integer}, {"path", Kind::text}}},
      {"terminal", {{"kind", Kind::text}, {"host", Kind::text}, {"port", Kind::integer}, {"password", Kind::text},
                    {"serial", Kind::text}, {"baud", Kind::integer}, {"end_of_day", Kind::text},
                    {"hold_until_delivered", Kind::boolean}, {"charset", Kind::text}}},
      {"wallet", {{"enabled", Kind::boolean}, {"kind", Kind::text}, {"base_url", Kind::text}, {"api_key", Kind::text},
                  {"ca", Kind::text}, {"callback_url", Kind::text}, {"signing_key", Kind::text},
                  {"signing_certificate", Kind::text}, {"signing_kid", Kind::text}, {"profile_id", Kind::text}}},
      {"reminders", {{"days_before", Kind::integer}}},
      {"keypad", {{"up", Kind::text}, {"down", Kind::text}, {"left", Kind::text}, {"right", Kind::text},
                  {"ok", Kind::text}, {"back", Kind::text}, {"help", Kind::text}, {"repeat", Kind::text},
                  {"volume_up", Kind::text}, {"volume_down", Kind::text}, {"service", Kind::text}}},
      {"service", {{"pin_hash", Kind::text}, {"export_dirs", Kind::texts}}},
      {"catalog", {{"public_key", Kind::text}}},
      {"fleet", {{"host", Kind::text}, {"port", Kind::integer}, {"ca_certificate", Kind::text},
                 {"client_certificate", Kind::text}, {"client_key", Kind::text}}},
  };
  return s;
}

bool of_kind(const toml::node& n, Kind kind) {
  const auto all_text = [](const toml::array& a) {
    for (const auto& e : a)
      if (!e.is_string()) return false;
    return true;
  };
  switch (kind) {
    case Kind::text: return n.is_string();
    case Kind::integer: return n.is_integer();
    case Kind::boolean: return n.is_boolean();
    case Kind::texts: return n.is_array() && all_text(*n.as_array());
    case Kind::text_or_texts: return n.is_string() || (n.is_array() && all_text(*n.as_array()));
  }
  return false;
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::text: return "a string";
    case Kind::integer: return "an integer";
    case Kind::boolean: return "true or false";
    case Kind::texts: return "a list of strings";
    case Kind::text_or_texts: return "a string or a list of strings";
  }
  return "?";
}

// Unknown tables and keys, and values of the wrong type: the first one found, with its line.
bool check_schema(const std::string& path, const toml::table& t, std::string* error) {
  const auto where = [&](const toml::node& n) { return path + ":" + std::to_string(n.source().begin.line) + ": "; };
  for (const auto& [table_name, node] : t) {
    const std::string name(table_name.str());
    const auto known = schema().find(name);
    if (known == schema().end() || !node.is_table()) {
      if (error) *error = where(node) + (known == schema().end() ? "unknown setting [" + name + "]" : name + " must be a table");
      return false;
    }
    for (const auto& [key_name, value] : *node.as_table()) {
      const std::string key(key_name.str());
      const auto kind = known->second.find(key);
      if (kind == known->second.end()) {
        if (error) *error = where(value) + "unknown setting " + name + "." + key;
        return false;
      }
      if (!of_kind(value, kind->second)) {
        if (error) *error = where(value) + name + "." + key + " must be " + kind_name(kind->second);
        return false;
      }
    }
  }
  return true;
}

constexpr std::uintmax_t max_config_bytes = 1 << 20;

// The file itself: a directory, an unreadable or an empty file is an error, never the defaults.
bool read_file(const std::string& path, std::string* text, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    if (error) *error = path + ": not a readable configuration file";
    return false;
  }
  // A configuration is a few kilobytes; a file far larger is damage, not something to read whole.
  if (std::filesystem::file_size(path, ec) > max_config_bytes || ec) {
    if (error) *error = path + ": too large to be a configuration file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  if (!in) {
    if (error) *error = path + ": cannot be read";
    return false;
  }
  *text = s.str();
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    if (error) *error = path + ": the configuration file is empty";
    return false;
  }
  return true;
}

}  // namespace

bool load_config(const std::string& path, Config* c, std::string* error) {
  std::string text;
  if (!read_file(path, &text, error)) return false;
  toml::table t;
  try {
    t = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    if (error)
      *error = path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return false;
  }
  if (!check_schema(path, t, error)) return false;
  KioskSettings& k = c->kiosk;
  k.kiosk_id = t["kiosk"]["id"].value_or(k.kiosk_id);
  if (!valid_caller_id(k.kiosk_id)) {
    if (error) *error = path + ": kiosk id must be 1 to 32 of A-Z a-z 0-9 - _ (it starts every reference)";
    return false;
  }
  k.location = t["kiosk"]["location"].value_or(k.location);
  k.support_phone = t["kiosk"]["support_phone"].value_or(k.support_phone);
  if (auto lang = t["kiosk"]["default_language"].value<std::string>()) {
    auto parsed = parse_lang(*lang);
    if (!parsed) {
      if (error) *error = path + ": unknown default_language '" + *lang + "'";
      return false;
    }
    k.default_lang = *parsed;
  }
  k.idle_timeout_s = t["timeouts"]["idle_seconds"].value_or(k.idle_timeout_s);
  k.idle_warning_s = t["timeouts"]["warning_seconds"].value_or(k.idle_warning_s);
  k.idle_countdown_s = t["timeouts"]["countdown_seconds"].value_or(k.idle_countdown_s);
  k.end_screen_s = t["timeouts"]["end_screen_seconds"].value_or(k.end_screen_s);
  k.wallet_timeout_s = t["timeouts"]["wallet_seconds"].value_or(k.wallet_timeout_s);
  if (k.wallet_timeout_s < 30 || k.wallet_timeout_s > 1800) {
    if (error) *error = path + ": timeouts wallet_seconds must be 30 to 1800";
    return false;
  }
  k.wallet_enabled = t["wallet"]["enabled"].value_or(k.wallet_enabled);
  k.reminder_days_before = t["reminders"]["days_before"].value_or(k.reminder_days_before);
  if (k.reminder_days_before < 0 || k.reminder_days_before > 30) {
    if (error) *error = path + ": reminders days_before must be 0 (no reminders) to 30";
    return false;
  }
  if (k.idle_warning_s < 20 || k.idle_timeout_s <= k.idle_warning_s) {
    if (error) *error = path + ": the idle warning must come at least 20 s before the timeout";
    return false;
  }
  if (k.idle_countdown_s < 0 || k.idle_warning_s + k.idle_countdown_s > k.idle_timeout_s) {
    if (error) *error = path + ": the countdown before the idle warning must fit in the idle time (0 turns it off)";
    return false;
  }
  c->data_dir = t["paths"]["data"].value_or(c->data_dir);
  c->cache_dir = t["paths"]["cache"].value_or(c->cache_dir);
  c->control_socket = t["paths"]["socket"].value_or(c->control_socket);
  c->assets_dir = t["paths"]["assets"].value_or(c->assets_dir);
  c->gateway_host = t["gateway"]["host"].value_or(c->gateway_host);
  c->gateway_port = t["gateway"]["port"].value_or(c->gateway_port);
  c->gateway_ca = t["gateway"]["ca_certificate"].value_or(c->gateway_ca);
  c->gateway_timeout_ms = t["gateway"]["timeout_ms"].value_or(c->gateway_timeout_ms);
  c->gateway_renewal_budget_ms = t["gateway"]["renewal_budget_ms"].value_or(c->gateway_renewal_budget_ms);
  if (c->gateway_timeout_ms < 100 || c->gateway_renewal_budget_ms < c->gateway_timeout_ms) {
    if (error) *error = path + ": gateway timeout_ms must be at least 100 and renewal_budget_ms at least timeout_ms";
    return false;
  }
  // One pin, or a list (the current key and the next one, for a key change without downtime).
  if (const auto* one = t["gateway"]["pin_sha256"].as_string()) c->gateway_pins = {one->get()};
  if (const auto* many = t["gateway"]["pin_sha256"].as_array())
    for (const auto& pin : *many)
      if (const auto* text = pin.as_string()) c->gateway_pins.push_back(text->get());
  c->gateway_allow_unpinned = t["gateway"]["allow_unpinned"].value_or(c->gateway_allow_unpinned);
  for (const std::string& pin : c->gateway_pins)
    if (pin.size() != 44) {
      if (error) *error = path + ": gateway pin_sha256 '" + pin + "' is not a pin (kioskctl gateway pin CERT.pem)";
      return false;
    }
  // A gateway of its own (not the embedded one) is pinned unless the file says so in words.
  if (!c->gateway_host.empty() && c->gateway_pins.empty() && !c->gateway_allow_unpinned) {
    if (error) *error = path + ": gateway host is set but pin_sha256 is not (or set allow_unpinned = true)";
    return false;
  }
  if (!c->gateway_host.empty() && c->gateway_ca.empty()) {
    if (error) *error = path + ": gateway host is set but ca_certificate is not";
    return false;
  }
  c->gateway_client_cert = t["gateway"]["client_certificate"].value_or(c->gateway_client_cert);
  c->gateway_client_key = t["gateway"]["client_key"].value_or(c->gateway_client_key);
  if (c->gateway_client_cert.empty() != c->gateway_client_key.empty()) {
    if (error) *error = path + ": gateway client_certificate and client_key go together";
    return false;
  }
  c->printer_width_dots = t["printer"]["width_dots"].value_or(c->printer_width_dots);
  if (c->printer_width_dots != 576 && c->printer_width_dots != 512 && c->printer_width_dots != 384) {
    if (error) *error = path + ": printer width_dots must be 576, 512 or 384";
    return false;
  }
  for (auto& [key, sdl_name] : c->keypad) sdl_name = t["keypad"][key].value_or(sdl_name);
  c->terminal_kind = t["terminal"]["kind"].value_or(c->terminal_kind);
  c->terminal_host = t["terminal"]["host"].value_or(c->terminal_host);
  c->terminal_port = t["terminal"]["port"].value_or(c->terminal_port);
  c->terminal_password = t["terminal"]["password"].value_or(c->terminal_password);
  c->terminal_serial = t["terminal"]["serial"].value_or(c->terminal_serial);
  c->terminal_baud = t["terminal"]["baud"].value_or(c->terminal_baud);
  c->terminal_hold_until_delivered = t["terminal"]["hold_until_delivered"].value_or(c->terminal_hold_until_delivered);
  if (auto eod = t["terminal"]["end_of_day"].value<std::string>()) {
    int h = -1, m = -1;
    char extra = 0;
    if (std::sscanf(eod->c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
      if (error) *error = path + ": terminal end_of_day must be HH:MM";
      return false;
    }
    c->terminal_end_of_day_minute = h * 60 + m;
  }
  c->terminal_charset = t["terminal"]["charset"].value_or(c->terminal_charset);
  c->wallet_kind = t["wallet"]["kind"].value_or(c->wallet_kind);
  c->wallet_base_url = t["wallet"]["base_url"].value_or(c->wallet_base_url);
  c->wallet_api_key = t["wallet"]["api_key"].value_or(c->wallet_api_key);
  c->wallet_ca = t["wallet"]["ca"].value_or(c->wallet_ca);
  c->wallet_callback_url = t["wallet"]["callback_url"].value_or(c->wallet_callback_url);
  c->wallet_signing_key = t["wallet"]["signing_key"].value_or(c->wallet_signing_key);
  c->wallet_signing_certificate = t["wallet"]["signing_certificate"].value_or(c->wallet_signing_certificate);
  c->wallet_signing_kid = t["wallet"]["signing_kid"].value_or(c->wallet_signing_kid);
  c->wallet_profile_id = t["wallet"]["profile_id"].value_or(c->wallet_profile_id);
  if (!c->wallet_signing_key.empty() && (c->wallet_signing_certificate.empty() || c->wallet_signing_kid.empty())) {
    if (error) *error = path + ": wallet signing_key needs signing_certificate and signing_kid";
    return false;
  }
  c->service_pin_hash = t["service"]["pin_hash"].value_or(c->service_pin_hash);
  // Checked in full when a PIN is typed (through the TLS module); the form is checked here so
  // that a pasted line that is not a hash stops the kiosk at once rather than at the technician.
  if (!c->service_pin_hash.empty() && c->service_pin_hash.rfind("$scrypt$", 0) != 0) {
    if (error) *error = path + ": service pin_hash is not a hash (kioskctl service-pin hash)";
    return false;
  }
  if (const toml::array* dirs = t["service"]["export_dirs"].as_array()) {
    c->service_export_dirs.clear();
    for (const auto& d : *dirs)
      if (auto text = d.value<std::string>()) c->service_export_dirs.push_back(*text);
  }
  c->catalog_public_key = t["catalog"]["public_key"].value_or(c->catalog_public_key);
  c->fleet_host = t["fleet"]["host"].value_or(c->fleet_host);
  c->fleet_port = t["fleet"]["port"].value_or(c->fleet_port);
  c->fleet_ca = t["fleet"]["ca_certificate"].value_or(c->fleet_ca);
  c->fleet_client_cert = t["fleet"]["client_certificate"].value_or(c->fleet_client_cert);
  c->fleet_client_key = t["fleet"]["client_key"].value_or(c->fleet_client_key);
  // TLS always, with the broker verified and the kiosk known by its own certificate.
  if (!c->fleet_host.empty() &&
      (c->fleet_ca.empty() || c->fleet_client_cert.empty() || c->fleet_client_key.empty() || c->fleet_port < 1 ||
       c->fleet_port > 65535)) {
    if (error) *error = path + ": fleet needs ca_certificate, client_certificate, client_key and a port of 1 to 65535";
    return false;
  }
  c->printer_kind = t["printer"]["kind"].value_or(c->printer_kind);
  if (const toml::array* ids = t["printer"]["usb_ids"].as_array())
    for (const auto& id : *ids)
      if (auto text = id.value<std::string>()) c->printer_usb_ids.push_back(*text);
  c->printer_host = t["printer"]["host"].value_or(c->printer_host);
  c->printer_port = t["printer"]["port"].value_or(c->printer_port);
  c->printer_path = t["printer"]["path"].value_or(c->printer_path);
  c->printer_native_qr = t["printer"]["native_qr"].value_or(c->printer_native_qr);
  c->printer_merchant_copy = t["printer"]["merchant_copy"].value_or(c->printer_merchant_copy);
  // The kinds of terminal, wallet and printer are the device factory's to judge (devices.cpp).
  return true;
}

}  // namespace kiosk::app
