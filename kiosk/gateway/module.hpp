#pragma once
// The gateway's TLS side as a module the kiosk opens with dlopen on its worker thread. Linked
// into the program, OpenSSL and cpp-httplib were loaded, relocated and set up (cpp-httplib
// initialises OpenSSL from a static constructor) before main(): a fifth of the time to the first
// screen. The module is built with the program from the same sources; `abi` and the sizes below
// refuse one left over from another build.
#include <memory>
#include <optional>
#include <string>

#include "bancontact/request_signer.hpp"
#include "fleet/fleet_link.hpp"
#include "net/https.hpp"
#include "server.hpp"
#include "service.hpp"

namespace kiosk::gateway {

// The embedded gateway as the kiosk holds it.
class EmbeddedGateway {
 public:
  virtual ~EmbeddedGateway() = default;
  virtual void set_fault(FaultMode mode, const std::string& scope) = 0;
  // Simulated time and SMS replies for the kiosk's scripts (Server's hooks of the same names).
  virtual void set_days_ahead(int days) = 0;
  virtual int relay_reply(const std::string& msisdn, const std::string& text) = 0;
  virtual int reminders_kept() = 0;
  virtual int sms_count(const std::string& kind) = 0;
  // Sells from this catalog's text from now on (Server::install_catalog); false with why.
  virtual bool install_catalog(const std::string& text, std::string* error) = 0;
  virtual void stop() = 0;
};

// Where the module's log lines go: the program's log (the module has its own copy of it).
using ModuleLog = void (*)(bool warn, const std::string& line);

struct ModuleApi {
  int abi;
  std::size_t link_size, options_size;
  void (*forward_log)(ModuleLog log);
  std::unique_ptr<Service> (*connect)(const Link& link);
  // Starts the embedded gateway and issues the kiosk `kiosk_id` a client certificate from its
  // CA (kept for the next start); `link` gets the port, the CA, its pin and the certificate.
  // nullptr with `error` set when any of that failed.
  std::unique_ptr<EmbeddedGateway> (*start_embedded)(const ServerOptions& options, const std::string& kiosk_id,
                                                     Link* link, std::string* error);
  // The kiosk id a client certificate was issued for ("" if it cannot be read).
  std::string (*certificate_kiosk_id)(const std::string& cert_path);
  // HTTPS for the drivers that talk to a payment provider (net/https.hpp).
  std::unique_ptr<net::HttpsTransport> (*https)(const net::HttpsOptions& options);
  // The merchant's signature on its Bancontact requests.
  std::unique_ptr<bancontact::RequestSigner> (*bancontact_signer)(const bancontact::SignerOptions& options,
                                                                  std::string* error);
  // The technician's PIN against its stored hash (secret_hash.hpp): the kiosk links no OpenSSL.
  bool (*verify_secret)(std::string_view stored, std::string_view secret, std::string* error);
  // A signed catalog's text, if `public_pem` signed it (catalog/signed_catalog.hpp).
  std::optional<std::string> (*verified_catalog_text)(const std::string& public_pem, std::string_view signed_text,
                                                      std::string* error);
  // The fleet link over MQTT with TLS (fleet/mqtt_link.hpp).
  std::unique_ptr<fleet::FleetLink> (*fleet_link)(const fleet::FleetOptions& options, std::string* error);
};

constexpr int module_abi = 7;
inline constexpr const char* module_file = "kiosk-gateway-link.so";
inline constexpr const char* module_entry = "kiosk_gateway_module";

}  // namespace kiosk::gateway

extern "C" const kiosk::gateway::ModuleApi* kiosk_gateway_module();
