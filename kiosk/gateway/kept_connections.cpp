#include "kept_connections.hpp"

#include <httplib.h>

namespace kiosk::gateway {

KeptConnections::KeptConnections(Link link) : link_(std::move(link)) {}
KeptConnections::~KeptConnections() = default;

KeptConnections::Lease KeptConnections::open() {
  Lease lease;
  auto cli = std::make_unique<httplib::SSLClient>(link_.host, link_.port, link_.client_cert_path, link_.client_key_path);
  if (!cli->is_valid()) return lease;
  cli->enable_server_certificate_verification(true);
  cli->set_ca_cert_path(link_.ca_cert_path.c_str());
  cli->set_keep_alive(true);
  cli->set_tcp_nodelay(true);  // a kept connection's small requests must not wait for delayed ACKs
  lease.pins = std::make_unique<PinCheck>(PinCheck{link_.spki_pins, false});
  require_pins(cli->ssl_context(), lease.pins.get());
  sessions_.attach(cli->ssl_context());
  lease.client = std::move(cli);
  return lease;
}

KeptConnections::Lease KeptConnections::take() {
  {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    while (!idle_.empty()) {
      Lease lease = std::move(idle_.back());
      idle_.pop_back();
      if (now - lease.last_used < max_idle) return lease;
    }
  }
  return open();
}

void KeptConnections::give_back(Lease lease) {
  if (!lease.client) return;
  lease.last_used = Clock::now();
  lease.pins->mismatch = false;
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_kept) idle_.push_back(std::move(lease));
}

}  // namespace kiosk::gateway
