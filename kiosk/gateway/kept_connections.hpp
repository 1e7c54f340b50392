#pragma once
// Connections to the gateway kept open for the next request when it follows soon: a TLS
// handshake with client certificates costs more than most requests (recovery and the outbox
// send dozens back to back). Each connection serves one thread at a time.
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "client.hpp"
#include "tls_pin.hpp"
#include "tls_session_cache.hpp"

namespace httplib {
class SSLClient;
}

namespace kiosk::gateway {

class KeptConnections {
 public:
  using Clock = std::chrono::steady_clock;
  // A connection idle this long is not reused: the gateway closes its side after a second, and
  // one it is closing would fail the request sent on it.
  static constexpr std::chrono::milliseconds max_idle{500};
  static constexpr std::size_t max_kept = 4;

  struct Lease {
    std::unique_ptr<httplib::SSLClient> client;  // null: the client certificate or key is unusable
    std::unique_ptr<PinCheck> pins;              // the pin check this connection's handshake runs
    Clock::time_point last_used{};
  };

  explicit KeptConnections(Link link);
  ~KeptConnections();
  // A kept connection idle for less than max_idle, else a new one (its handshake comes with
  // its first request).
  Lease take();
  // After a complete exchange only: a connection whose exchange failed is dropped.
  void give_back(Lease lease);
  // New connections that resumed an earlier TLS session instead of a full handshake.
  long resumed() const { return sessions_.resumed(); }

 private:
  Lease open();
  Link link_;
  TlsSessionCache sessions_;  // before idle_: the kept connections' contexts point to it
  std::mutex mutex_;
  std::vector<Lease> idle_;
};

}  // namespace kiosk::gateway
