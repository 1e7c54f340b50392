// kioskctl wallet-sim (the Bancontact Payment API v3 over HTTPS, for tests and demos) and
// wallet keygen (the merchant's request-signing key).
#include <openssl/evp.h>
#include <pthread.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bancontact/callback_jws.hpp"
#include "commands.hpp"
#include "gateway/tls_cert.hpp"
#include "sim/bancontact_sim.hpp"

namespace kiosk::ctl {

namespace {

bool write_jwks(const std::string& key_path, const std::string& cert_path, const std::string& jwks_path, std::string* error,
                const std::string& kid = "wallet-sim") {
  std::string der;
  EVP_PKEY* key = bancontact::read_signing_key(key_path, cert_path, &der);
  if (!key) return *error = "cannot read " + key_path + " or " + cert_path, false;
  std::ofstream out(jwks_path);
  out << bancontact::jwks_for(key, kid, der);
  EVP_PKEY_free(key);
  if (!out.flush()) return *error = "cannot write " + jwks_path, false;
  return true;
}

}  // namespace

// kioskctl wallet keygen DIR [--kid KID]: the merchant's request-signing key (merchant.key), its
// certificate (merchant.crt) and the key set to give Bancontact (merchant.jwks.json).
int wallet_command(const Args& args) {
  constexpr const char* usage = "wallet keygen DIR [--kid KID]";
  if (args.size() != 2 && args.size() != 4) return fail(usage);
  if (args[0] != "keygen" || (args.size() == 4 && args[2] != "--kid")) return fail(usage);
  const std::string dir = args[1], kid = args.size() == 4 ? args[3] : "kiosk-merchant";
  if (kid.empty() || kid.size() > 64) return fail("the kid is 1 to 64 characters");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string error;
  const std::string key = dir + "/merchant.key", cert = dir + "/merchant.crt", jwks = dir + "/merchant.jwks.json";
  if (std::filesystem::exists(key) || std::filesystem::exists(cert)) return fail(dir + " already holds a merchant key");
  if (!gateway::x509::ensure_self_signed(cert, key, "merchant " + kid, {}, &error) || !write_jwks(key, cert, jwks, &error, kid))
    return fail(error);
  std::cout << nlohmann::json{{"key", key}, {"certificate", cert}, {"jwks", jwks}, {"kid", kid}}.dump() << std::endl;
  return 0;
}

// kioskctl wallet-sim --listen HOST:PORT --ledger FILE [--script approve,decline,…]
//   [--api-key KEY] [--cert FILE --key FILE] [--expiry-seconds N]
//   [--callbacks normal|duplicate|out-of-order|bad-signature] [--callback-ca FILE] [--merchant-keys JWKS]
int wallet_sim_command(const Args& args) {
  constexpr const char* usage =
      "wallet-sim --listen HOST:PORT --ledger FILE [--script approve,decline,never-scan,scan-never-confirm,"
      "confirm-while-cancelling,succeed-after-cancel,garbage-status] [--api-key KEY] [--cert FILE --key FILE] "
      "[--expiry-seconds N] [--callbacks normal|duplicate|out-of-order|bad-signature] [--callback-ca FILE] "
      "[--merchant-keys JWKS]";
  std::string listen, script = "approve";
  sim::BancontactSimOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--listen" && has_value) listen = args[++i];
    else if (args[i] == "--ledger" && has_value) o.ledger_path = args[++i];
    else if (args[i] == "--script" && has_value) script = args[++i];
    else if (args[i] == "--api-key" && has_value) o.api_key = args[++i];
    else if (args[i] == "--cert" && has_value) o.cert_path = args[++i];
    else if (args[i] == "--key" && has_value) o.key_path = args[++i];
    else if (args[i] == "--expiry-seconds" && has_value) o.expiry_s = std::atoi(args[++i].c_str());
    else if (args[i] == "--callbacks" && has_value) o.callback_mode = args[++i];
    else if (args[i] == "--callback-ca" && has_value) o.callback_ca = args[++i];
    else if (args[i] == "--merchant-keys" && has_value) o.merchant_keys_path = args[++i];
    else return fail(usage);
  }
  const auto colon = listen.rfind(':');
  if (o.ledger_path.empty() || colon == std::string::npos || o.cert_path.empty() != o.key_path.empty()) return fail(usage);
  const std::string host = listen.substr(0, colon), port_text = listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port_text) > 65535)
    return fail("bad port in " + listen);  // 0: any free port, printed in the first line
  if (o.expiry_s < 5 || o.expiry_s > 3600) return fail("--expiry-seconds is 5 to 3600");
  if (!sim::known_callback_mode(o.callback_mode)) return fail("unknown callback mode '" + o.callback_mode + "'");
  o.script.clear();
  std::stringstream list(script);
  for (std::string item; std::getline(list, item, ',');) {
    if (!sim::known_bancontact_behaviour(item)) return fail("unknown behaviour '" + item + "'");
    o.script.push_back(item);
  }
  std::string error;
  if (o.cert_path.empty()) {  // a certificate of its own for 127.0.0.1, beside the ledger
    o.cert_path = o.ledger_path + ".crt";
    o.key_path = o.ledger_path + ".key";
    if (!gateway::ensure_self_signed(o.cert_path, o.key_path, &error)) return fail(error);
  }
  // The key its callbacks are signed with, and the key set a gateway is to trust (JWKS).
  o.signing_key_path = o.ledger_path + ".sign.key";
  o.signing_cert_path = o.ledger_path + ".sign.crt";
  const std::string jwks_path = o.ledger_path + ".jwks.json";
  if (!gateway::x509::ensure_self_signed(o.signing_cert_path, o.signing_key_path, "wallet-sim callbacks", {}, &error) ||
      !write_jwks(o.signing_key_path, o.signing_cert_path, jwks_path, &error))
    return fail(error);
  // SIGINT and SIGTERM are waited for on this thread, never handled inside the server's.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  sim::BancontactSim wallet(o);
  if (!wallet.listen(host, std::stoi(port_text), &error)) return fail(error);
  wallet.start();
  std::cout << nlohmann::json{{"listening", host + ":" + std::to_string(wallet.port())}, {"ledger", o.ledger_path},
                              {"ca", o.cert_path}, {"keys", jwks_path}}
                   .dump()
            << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  wallet.stop();
  return 0;
}

}  // namespace kiosk::ctl
