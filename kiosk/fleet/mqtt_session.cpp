#include "mqtt_session.hpp"

#include <mosquitto.h>

#include <mutex>

namespace kiosk::fleet {

bool LinkHealth::on_connect(int rc) {
  if (rc != 0) {
    last_error = "the broker refused the connection: " + std::string(mosquitto_connack_string(rc));
    return false;
  }
  connected = true;
  last_error.clear();
  return true;
}

void LinkHealth::on_disconnect(int rc) {
  connected = false;
  if (rc != 0) last_error = "connection lost: " + std::string(mosquitto_strerror(rc));
}

mosquitto* new_fleet_client(const std::string& client_id, const std::string& ca_path, const std::string& cert_path,
                            const std::string& key_path, void* owner, std::string* error) {
  static std::once_flag init;
  std::call_once(init, [] { mosquitto_lib_init(); });
  // A persistent session: what is sent to this client while it is away waits at the broker.
  mosquitto* mosq = mosquitto_new(client_id.c_str(), false, owner);
  if (!mosq) return *error = "mosquitto_new failed", nullptr;
  mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  int rc = mosquitto_tls_set(mosq, ca_path.c_str(), nullptr, cert_path.c_str(), key_path.c_str(), nullptr);
  if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_tls_opts_set(mosq, 1, "tlsv1.2", nullptr);  // verify the broker
  if (rc != MOSQ_ERR_SUCCESS) {
    mosquitto_destroy(mosq);
    return *error = "fleet TLS set-up (CA, certificate, key): " + std::string(mosquitto_strerror(rc)), nullptr;
  }
  mosquitto_reconnect_delay_set(mosq, 1, 30, true);
  return mosq;
}

}  // namespace kiosk::fleet
