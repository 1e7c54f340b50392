#pragma once
// Where Bancontact posts its status callbacks: a listener of its own, apart from the kiosks'
// mutual-TLS API (Bancontact has no client certificate; its detached JWS signature is what
// authenticates it). Each callback is verified against the configured key set, refused when its
// jti was seen before or its iat is stale, and kept (store_wallet.cpp).
#include <memory>
#include <string>

namespace kiosk::gateway {

class Store;

struct CallbackListenerOptions {
  std::string host = "127.0.0.1";
  int port = 0;              // 0: any free port
  std::string cert_path, key_path;  // the server's TLS certificate (the gateway's own)
  std::string keys_path;     // JWKS: the keys callbacks are signed with
  int max_age_s = 300;       // a callback's iat at most this far from now
  std::size_t max_body_bytes = 16 * 1024;
};

class CallbackListener {
 public:
  static constexpr const char* path = "/v1/wallet/callback";
  static std::unique_ptr<CallbackListener> start(const CallbackListenerOptions& options, Store& store, std::string* error);
  ~CallbackListener();
  int port() const;
  void stop();

  struct Impl;

 private:
  explicit CallbackListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::gateway
