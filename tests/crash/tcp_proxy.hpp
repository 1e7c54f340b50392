#pragma once
// A TCP proxy on 127.0.0.1 between the kiosk and the gateway, for cutting and slowing the
// network link on purpose. It knows nothing of TLS: it moves bytes, or does not.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::crash {

class TcpProxy {
 public:
  enum class Mode {
    pass,       // bytes flow
    drop,       // connections are closed at once, open ones too: "connection reset"
    blackhole,  // connections open, nothing comes back: the client's timeout decides
    slow,       // bytes flow, each chunk 400 ms late
    garble,     // the gateway's bytes arrive with one flipped: TLS must refuse the record
  };
  ~TcpProxy();
  // Each new connection goes to the next of `upstream_ports` in turn (several gateways on one
  // store, as a load balancer would share them out).
  bool start(std::vector<int> upstream_ports, std::string* error);
  int port() const { return port_; }
  void set_mode(Mode mode) { mode_ = mode; }
  void stop();

 private:
  void accept_loop();
  void pump(int client);
  int listener_ = -1;
  int port_ = 0;
  std::vector<int> upstream_ports_;
  std::atomic<unsigned> next_upstream_{0};
  std::atomic<Mode> mode_{Mode::pass};
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  struct Pump {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Pump> pumps_;  // the acceptor's thread only, until stop()
};

}  // namespace kiosk::crash
