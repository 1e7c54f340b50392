#pragma once
// The fleet link over libmosquitto (MQTT 3.1.1, TLS with the broker's certificate verified and
// this kiosk's client certificate). Its network thread reconnects by itself; what the kiosk
// publishes meanwhile waits in a bounded queue until the broker has acknowledged it.
#include <memory>
#include <string>

#include "fleet_link.hpp"

namespace kiosk::fleet {

// nullptr with `error` set when the link cannot be set up (a certificate that cannot be read);
// a broker that cannot be reached is not an error: the link keeps trying.
std::unique_ptr<FleetLink> connect_mqtt(const FleetOptions& options, std::string* error);

}  // namespace kiosk::fleet
