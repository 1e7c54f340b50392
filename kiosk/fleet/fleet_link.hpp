#pragma once
// The kiosk on an operator's fleet: an MQTT broker (mosquitto for a site, any MQTT 3.1.1
// broker beyond) over TLS with a client certificate per kiosk. Each kiosk writes only its own
// topics and reads only its own commands (the broker's ACL, deploy/fleet/):
//   kiosk/<id>/state   retained JSON, on change and every minute; the broker's last will
//                      marks the kiosk offline
//   kiosk/<id>/event   a sale's outcome (brand, plan, amount, method): never a number, card
//                      data or a receipt code
//   kiosk/<id>/cmd     commands to the kiosk (QoS 1), each with an id and an expiry
//   kiosk/<id>/result  each command's result, by its id
// The link lives in the TLS module (gateway/module.hpp); this interface is all the kiosk sees.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::fleet {

struct FleetOptions {
  std::string host;
  int port = 8883;
  std::string ca_path;    // the operator's CA, which signed the broker's certificate
  std::string cert_path;  // this kiosk's client certificate (its CN is the kiosk id)
  std::string key_path;
  std::string kiosk_id;
  int keepalive_s = 30;
  // Events and results kept while the broker is away; past this the oldest go first (counted).
  std::size_t max_queued = 1000;
};

std::string topic(std::string_view kiosk_id, std::string_view leaf);  // "kiosk/<id>/<leaf>"

// The broker's last will for this kiosk, and the state it leaves retained.
std::string offline_state(std::string_view kiosk_id);

class FleetLink {
 public:
  virtual ~FleetLink() = default;
  // The kiosk's state (JSON), retained; a newer one replaces any not yet sent.
  virtual void publish_state(std::string json) = 0;
  // An event or a command's result (QoS 1), kept while the broker is away.
  virtual void publish(std::string_view leaf, std::string json) = 0;
  // The commands received since the last call, as they came.
  virtual std::vector<std::string> take_commands() = 0;
  struct Status {
    bool connected = false;
    std::uint64_t dropped = 0;  // events and results dropped while the broker was away
    std::size_t queued = 0;
    std::string last_error;
  };
  virtual Status status() = 0;
};

}  // namespace kiosk::fleet
