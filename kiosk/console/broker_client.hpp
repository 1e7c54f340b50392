#pragma once
// The console on the fleet's broker: it reads every kiosk's state, events, results and
// diagnostics (kiosk/+/…) and sends commands (kiosk/<id>/cmd, QoS 1). Its client certificate's
// name is "console", which the shipped ACL lets read all and write only commands.
#include <functional>
#include <memory>
#include <string>

namespace kiosk::console {

struct BrokerOptions {
  std::string host;
  int port = 8883;
  std::string ca_path;    // the operator's CA, which signed the broker's certificate
  std::string cert_path;  // the console's client certificate (`kioskctl fleet issue --console`)
  std::string key_path;
  std::string client_id = "console";
  int keepalive_s = 30;
};

class BrokerClient {
 public:
  // Called on the client's network thread, one message at a time.
  using OnMessage = std::function<void(const std::string& topic, const std::string& payload)>;
  static std::unique_ptr<BrokerClient> start(const BrokerOptions& options, OnMessage on_message, std::string* error);
  virtual ~BrokerClient() = default;
  // Hands a command to the broker (QoS 1); false with why when the broker is not reachable now.
  virtual bool send_command(const std::string& kiosk, const std::string& payload, std::string* error) = 0;
  struct Status {
    bool connected = false;
    std::string last_error;
  };
  virtual Status status() = 0;
};

}  // namespace kiosk::console
