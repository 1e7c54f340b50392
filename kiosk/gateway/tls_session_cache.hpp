#pragma once
// The TLS session a client offers again when it opens its next connection to the same gateway
// (a TLS 1.3 ticket or a TLS 1.2 session): the gateway resumes it without the certificate
// exchange and signatures of a full handshake. Only sessions from handshakes that passed the
// client's own checks (CA and pins) are kept, so a resumed connection is as trusted as the
// first one was.
#include <atomic>
#include <mutex>

#include <openssl/types.h>  // SSL and SSL_CTX by name only

typedef struct ssl_session_st SSL_SESSION;  // as <openssl/ssl.h> names it

namespace kiosk::gateway {

class TlsSessionCache {
 public:
  TlsSessionCache() = default;
  TlsSessionCache(const TlsSessionCache&) = delete;
  TlsSessionCache& operator=(const TlsSessionCache&) = delete;
  ~TlsSessionCache();
  // Connections made with `ctx` offer the newest session kept here and keep the ones the
  // gateway issues. The cache must outlive `ctx`.
  void attach(SSL_CTX* ctx);
  long resumed() const { return resumed_; }  // handshakes that resumed a session

 private:
  static int remember(SSL* ssl, SSL_SESSION* session);
  static void on_handshake(const SSL* ssl, int where, int ret);
  std::mutex mutex_;
  SSL_SESSION* latest_ = nullptr;
  std::atomic<long> resumed_{0};
};

}  // namespace kiosk::gateway
