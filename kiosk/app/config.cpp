#include "config.hpp"

#include <cstdio>
#include <toml++/toml.h>

namespace kiosk::app {

bool load_config(const std::string& path, Config* c, std::string* error) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (error)
      *error = path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return false;
  }
  KioskSettings& k = c->kiosk;
  k.kiosk_id = t["kiosk"]["id"].value_or(k.kiosk_id);
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
  k.end_screen_s = t["timeouts"]["end_screen_seconds"].value_or(k.end_screen_s);
  if (k.idle_warning_s < 20 || k.idle_timeout_s <= k.idle_warning_s) {
    if (error) *error = path + ": the idle warning must come at least 20 s before the timeout";
    return false;
  }
  c->data_dir = t["paths"]["data"].value_or(c->data_dir);
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
  if (c->terminal_kind != "sim" && c->terminal_kind != "zvt") {
    if (error) *error = path + ": terminal kind must be sim or zvt";
    return false;
  }
  c->printer_kind = t["printer"]["kind"].value_or(c->printer_kind);
  if (c->printer_kind != "sim" && c->printer_kind != "usb" && c->printer_kind != "tcp" && c->printer_kind != "file") {
    if (error) *error = path + ": printer kind must be sim, usb, tcp or file";
    return false;
  }
  if (const toml::array* ids = t["printer"]["usb_ids"].as_array())
    for (const auto& id : *ids)
      if (auto text = id.value<std::string>()) c->printer_usb_ids.push_back(*text);
  c->printer_host = t["printer"]["host"].value_or(c->printer_host);
  c->printer_port = t["printer"]["port"].value_or(c->printer_port);
  c->printer_path = t["printer"]["path"].value_or(c->printer_path);
  c->printer_native_qr = t["printer"]["native_qr"].value_or(c->printer_native_qr);
  c->printer_merchant_copy = t["printer"]["merchant_copy"].value_or(c->printer_merchant_copy);
  if ((c->printer_kind == "tcp" && c->printer_host.empty()) || (c->printer_kind == "file" && c->printer_path.empty())) {
    if (error) *error = path + ": printer kind " + c->printer_kind + " needs " + (c->printer_kind == "tcp" ? "host" : "path");
    return false;
  }
  return true;
}

}  // namespace kiosk::app
