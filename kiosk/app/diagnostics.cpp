// The technician's diagnostics bundle: what a support desk needs to understand a kiosk, and
// nothing it must not see. Status, versions, the configuration with its secrets left out, the
// journal's transactions as masked as the journal keeps them (never the number a transaction
// holds for recovery), the service log and the end of the log file.
#include <sys/utsname.h>

#include <cctype>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "journal/journal.hpp"
#include "kiosk_app.hpp"
#include "sys/tar_gz.hpp"
#include "version/version.hpp"

namespace kiosk::app {

namespace {

using nlohmann::json;

constexpr std::streamoff log_tail_bytes = 2 << 20;

std::string file_tail(const std::string& path, std::streamoff bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(size > bytes ? size - bytes : 0);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Secrets say only whether they are set.
std::string secret(const std::string& value) { return value.empty() ? "(not set)" : "(set, not exported)"; }

json configuration(const Config& c) {
  return {{"kiosk", {{"id", c.kiosk.kiosk_id}, {"location", c.kiosk.location}, {"support_phone", c.kiosk.support_phone},
                     {"default_language", std::string(lang_code(c.kiosk.default_lang))}}},
          {"paths", {{"data", c.data_dir}, {"cache", c.cache_dir}, {"assets", c.assets_dir}, {"socket", c.control_socket}}},
          {"gateway", {{"host", c.gateway_host}, {"port", c.gateway_port}, {"ca_certificate", c.gateway_ca},
                       {"timeout_ms", c.gateway_timeout_ms}, {"renewal_budget_ms", c.gateway_renewal_budget_ms},
                       {"pin_sha256", c.gateway_pins}, {"allow_unpinned", c.gateway_allow_unpinned},
                       {"client_certificate", c.gateway_client_cert}, {"client_key", c.gateway_client_key}}},
          {"printer", {{"kind", c.printer_kind}, {"width_dots", c.printer_width_dots}, {"usb_ids", c.printer_usb_ids},
                       {"host", c.printer_host}, {"port", c.printer_port}, {"path", c.printer_path},
                       {"native_qr", c.printer_native_qr}, {"merchant_copy", c.printer_merchant_copy}}},
          {"terminal", {{"kind", c.terminal_kind}, {"host", c.terminal_host}, {"port", c.terminal_port},
                        {"password", secret(c.terminal_password)}, {"serial", c.terminal_serial},
                        {"baud", c.terminal_baud}, {"end_of_day_minute", c.terminal_end_of_day_minute},
                        {"hold_until_delivered", c.terminal_hold_until_delivered}, {"charset", c.terminal_charset}}},
          {"wallet", {{"enabled", c.kiosk.wallet_enabled}, {"kind", c.wallet_kind}, {"base_url", c.wallet_base_url},
                      {"api_key", secret(c.wallet_api_key)}, {"ca", c.wallet_ca}, {"callback_url", c.wallet_callback_url},
                      {"signing_key", c.wallet_signing_key}, {"signing_certificate", c.wallet_signing_certificate},
                      {"signing_kid", c.wallet_signing_kid}, {"profile_id", c.wallet_profile_id}}},
          {"service", {{"pin_hash", secret(c.service_pin_hash)}, {"export_dirs", c.service_export_dirs}}}};
}

std::string versions() {
  std::string out = "kiosk " + std::string(kiosk_version()) + "\n";
  utsname u{};
  if (uname(&u) == 0) out += std::string("system ") + u.sysname + " " + u.release + " " + u.version + " " + u.machine + "\n";
  out += "\n" + file_tail("/etc/os-release", 4096);
  return out;
}

}  // namespace

std::string KioskApp::diagnostics_bundle(std::string* name) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  // A file name whatever the id holds, and short enough for tar's 100-byte names inside.
  std::string id = config_.kiosk.kiosk_id.substr(0, 32);
  for (char& c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  const std::string dir = "kiosk-diagnostics-" + id + "-" + stamp;
  *name = dir + ".tar.gz";

  ArchiveFiles files;
  files.emplace_back(dir + "/README.txt",
                     "Diagnostics of kiosk " + config_.kiosk.kiosk_id + " (" + config_.kiosk.location + "), " + stamp +
                         ".\nstatus.json: as kioskctl status said it. configuration.json: the configuration in use, "
                         "secrets left out.\njournal.jsonl: every transaction with its steps, masked as the journal "
                         "keeps them (no full phone number, no card number).\nservice_log.jsonl: what technicians did. "
                         "kiosk.log: the end of the log file (masked data only; under systemd the log is in the "
                         "system's journal instead).\n");
  files.emplace_back(dir + "/status.json", json::parse(control_status()).dump(2) + "\n");
  files.emplace_back(dir + "/versions.txt", versions());
  files.emplace_back(dir + "/configuration.json", configuration(config_).dump(2) + "\n");
  std::string transactions, actions;
  if (journal_) {
    journal_->for_each_transaction(false, [&transactions](JournaledTransaction&& t) {
      // t.number is the full number kept for recovery: it never leaves the journal.
      transactions += json{{"reference", t.reference}, {"state", t.state},           {"steps", t.steps},
                           {"fields", t.fields},       {"created_at", t.created_at}, {"updated_at", t.updated_at},
                           {"holds_number", t.holds_number}}
                          .dump() +
                      "\n";
    });
    for (const Journal::ServiceAction& a : journal_->service_actions(1000))
      actions += json{{"at", a.at}, {"actor", a.actor}, {"action", a.action}, {"detail", a.detail}}.dump() + "\n";
  }
  files.emplace_back(dir + "/journal.jsonl", transactions);
  files.emplace_back(dir + "/service_log.jsonl", actions);
  files.emplace_back(dir + "/kiosk.log", file_tail(config_.data_dir + "/kiosk.log", log_tail_bytes));
  return tar_gz(files, static_cast<long long>(now));
}

}  // namespace kiosk::app
