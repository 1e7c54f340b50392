#pragma once
#include <string>
#include <vector>

#include "core/state.hpp"

namespace kiosk::app {

// Everything the configuration file (TOML) can set; defaults run the simulated kiosk.
struct Config {
  KioskSettings kiosk;
  std::string data_dir = "kiosk-data";
  // What a start can make again from the fonts alone (where they are, the first screen's
  // glyphs): shared by every kiosk on the machine. Empty: see cache_folder.hpp.
  std::string cache_dir;
  std::string assets_dir;            // defaults to the source tree's assets/
  // The technician's socket (kioskctl status …). Empty: control.sock in systemd's runtime
  // folder for the service ($RUNTIME_DIRECTORY), else in the data folder.
  std::string control_socket;
  // Gateway: empty host = start the embedded gateway in this process.
  std::string gateway_host;
  int gateway_port = 0;
  std::string gateway_ca;            // certificate to trust for an external gateway
  int gateway_timeout_ms = 5000;
  int gateway_renewal_budget_ms = 20000;  // one renewal, retries and questions included
  std::vector<std::string> gateway_pins;  // SPKI SHA-256 (base64) of the gateway's key
  bool gateway_allow_unpinned = false;    // an external gateway without pins: said in words
  std::string gateway_client_cert;   // mutual TLS
  std::string gateway_client_key;
  int printer_width_dots = 576;      // 80 mm paper; 512 for TM-T88 at 180 dpi; 384 for 58 mm
  // Which printer: "sim" (default), "usb" (printer class or printer_usb_ids), "tcp", "file".
  std::string printer_kind = "sim";
  std::vector<std::string> printer_usb_ids;  // "04b8:0202", "0519"; empty: the usual vendors
  std::string printer_host;
  int printer_port = 9100;
  std::string printer_path;          // for "file": /dev/usb/lp0 or a capture file
  bool printer_native_qr = false;    // GS ( k instead of a raster QR code
  bool printer_merchant_copy = false;  // a second copy for the kiosk operator
  bool devices_automatic = true;     // simulated customer in the demo; scripts turn this off
  // The card terminal: "sim" (in-process) or "zvt" (ZVT over TCP, e.g. kioskctl zvt-sim).
  std::string terminal_kind = "sim";
  std::string terminal_host = "127.0.0.1";
  int terminal_port = 20007;
  std::string terminal_password = "000000";
  std::string terminal_serial;       // a tty: the serial transport instead of TCP
  int terminal_baud = 9600;
  int terminal_end_of_day_minute = -1;  // "HH:MM" in the file: the terminal's daily closing
  bool terminal_hold_until_delivered = false;  // ZVT vending: take the money after delivery
  std::string terminal_charset = "cp437";  // of the terminal's texts: cp437, latin1 or zvt7
  // The e-wallet: "sim" (in-process) or "bancontact" (Bancontact Pay, Payment API v3 over HTTPS).
  std::string wallet_kind = "sim";
  std::string wallet_base_url = "https://merchant.api.bancontact.net";
  std::string wallet_api_key;        // the merchant profile's key
  std::string wallet_ca;             // a certificate to trust instead of the system's (a simulator)
  std::string wallet_callback_url;   // where Bancontact posts status changes (the gateway)
  // The merchant's signature on its requests (kioskctl wallet keygen): key and certificate
  // (PEM), the kid its key set names, the merchant profile. No key: requests go unsigned.
  std::string wallet_signing_key, wallet_signing_certificate, wallet_signing_kid, wallet_profile_id;
  // The navigation keypad: SDL key names per key (a USB keypad sends ordinary key codes).
  std::vector<std::pair<std::string, std::string>> keypad = {
      {"up", "Up"}, {"down", "Down"}, {"left", "Left"}, {"right", "Right"},
      {"ok", "Return"}, {"back", "Backspace"}, {"help", "F1"}, {"repeat", "F2"},
      {"volume_up", "Keypad +"}, {"volume_down", "Keypad -"}, {"service", "F12"}};
  // The technician's service mode on the screen: the PIN's salted hash (kioskctl service-pin
  // hash; none: the mode cannot be entered), and where USB sticks are mounted (a diagnostics
  // bundle goes to the first writable one found below these, else to the data folder).
  std::string service_pin_hash;
  std::vector<std::string> service_export_dirs = {"/media", "/run/media"};
  // The operator's catalog key (kioskctl catalog keygen: catalog.pub). None: the built-in
  // catalog is sold from and no other can be installed.
  std::string catalog_public_key;
  // The operator's fleet (fleet/fleet_link.hpp): an MQTT broker over TLS. No host: no fleet link.
  std::string fleet_host;
  int fleet_port = 8883;
  std::string fleet_ca, fleet_client_cert, fleet_client_key;
};

// Reads FILE over the defaults. On error (no such file, an empty one, unknown keys, values of the
// wrong type, settings that do not fit together) returns false and says which line is wrong.
bool load_config(const std::string& path, Config* config, std::string* error);

}  // namespace kiosk::app
