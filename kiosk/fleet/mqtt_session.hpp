#pragma once
// What every client on the fleet's broker does the same way (the kiosk's link and the console):
// libmosquitto set up once, MQTT 3.1.1, TLS 1.2 or newer with the broker's certificate checked
// against the operator's CA and its host name, a client certificate, and reconnection that backs
// off from 1 s to 30 s.
#include <string>

struct mosquitto;

namespace kiosk::fleet {

// Whether a client is connected and what went wrong last, as libmosquitto's callbacks tell it
// (the owner holds its own lock around these).
struct LinkHealth {
  bool connected = false;
  std::string last_error;
  // From the connect callback: true when the broker took the connection.
  bool on_connect(int rc);
  void on_disconnect(int rc);
};

// A new client with a persistent session under `client_id`, or nothing with why.
mosquitto* new_fleet_client(const std::string& client_id, const std::string& ca_path, const std::string& cert_path,
                            const std::string& key_path, void* owner, std::string* error);

}  // namespace kiosk::fleet
