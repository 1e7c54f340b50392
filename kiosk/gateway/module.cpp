#include "module.hpp"

#include "secret_hash.hpp"

#include "catalog/signed_catalog.hpp"
#include "fleet/mqtt_link.hpp"

#include "bancontact/callback_jws.hpp"
#include "client.hpp"
#include "client_ca.hpp"
#include "log/log.hpp"
#include "tls_pin.hpp"

namespace kiosk::gateway {

namespace {

class Embedded final : public EmbeddedGateway {
 public:
  explicit Embedded(std::unique_ptr<Server> server) : server_(std::move(server)) {}
  void set_fault(FaultMode mode, const std::string& scope) override { server_->set_fault(mode, scope); }
  void stop() override { server_->stop(); }
  void set_days_ahead(int days) override { server_->set_days_ahead(days); }
  int relay_reply(const std::string& msisdn, const std::string& text) override {
    return server_->relay_reply(msisdn, text);
  }
  int reminders_kept() override { return server_->reminders_kept(); }
  int sms_count(const std::string& kind) override { return server_->sms_count(kind); }
  bool install_catalog(const std::string& text, std::string* error) override {
    return server_->install_catalog(text, error);
  }

 private:
  std::unique_ptr<Server> server_;
};

std::unique_ptr<EmbeddedGateway> start_embedded(const ServerOptions& options, const std::string& kiosk_id, Link* link,
                                                std::string* error) {
  auto server = Server::start(options, error);
  if (!server) return nullptr;
  link->port = server->port();
  link->ca_cert_path = server->cert_path();
  // Pinned and authenticated as a remote gateway would be, so that those paths run in every
  // demo and test: the kiosk issues itself a certificate from the embedded gateway's CA.
  const std::string pin = spki_pin_of_file(link->ca_cert_path, error);
  if (pin.empty()) return nullptr;
  link->spki_pins = {pin};
  const std::string own = options.data_dir + "/kiosk-client";
  if (certificate_kiosk_id(own + "/kiosk.crt") != kiosk_id &&
      !issue_client_certificate(options.data_dir, Role::kiosk, kiosk_id, own, error))
    return nullptr;
  link->client_cert_path = own + "/kiosk.crt";
  link->client_key_path = own + "/kiosk.key";
  return std::make_unique<Embedded>(std::move(server));
}

}  // namespace

}  // namespace kiosk::gateway

extern "C" const kiosk::gateway::ModuleApi* kiosk_gateway_module() {
  using namespace kiosk::gateway;
  static const ModuleApi api{
      module_abi,
      sizeof(Link),
      sizeof(ServerOptions),
      kiosk::log_forward,
      [](const Link& link) -> std::unique_ptr<Service> { return std::make_unique<Client>(link); },
      start_embedded,
      certificate_kiosk_id,
      kiosk::net::https_transport,
      kiosk::bancontact::make_request_signer,
      verify_secret,
      kiosk::catalog::verified_catalog_text,
      kiosk::fleet::connect_mqtt,
  };
  return &api;
}
