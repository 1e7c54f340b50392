#include "tls_session_cache.hpp"

#include <openssl/ssl.h>

#include <mutex>

namespace kiosk::gateway {

namespace {

int cache_index() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

TlsSessionCache* cache_of(const SSL* ssl) {
  return static_cast<TlsSessionCache*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), cache_index()));
}

}  // namespace

TlsSessionCache::~TlsSessionCache() {
  if (latest_) SSL_SESSION_free(latest_);
}

void TlsSessionCache::attach(SSL_CTX* ctx) {
  if (!ctx) return;
  SSL_CTX_set_ex_data(ctx, cache_index(), this);
  // Sessions live here, not in OpenSSL's own client cache (which would never offer them).
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx, &TlsSessionCache::remember);
  SSL_CTX_set_info_callback(ctx, &TlsSessionCache::on_handshake);
}

int TlsSessionCache::remember(SSL* ssl, SSL_SESSION* session) {
  TlsSessionCache* cache = cache_of(ssl);
  if (!cache) return 0;
  std::lock_guard lock(cache->mutex_);
  if (cache->latest_) SSL_SESSION_free(cache->latest_);
  cache->latest_ = session;
  return 1;  // the reference is ours now
}

void TlsSessionCache::on_handshake(const SSL* ssl, int where, int) {
  TlsSessionCache* cache = cache_of(ssl);
  if (!cache) return;
  if (where & SSL_CB_HANDSHAKE_START) {
    // The library gives no hook between making the connection's SSL and its ClientHello; the
    // start of the handshake comes before the hello is written, so the session offered there
    // goes into it.
    std::lock_guard lock(cache->mutex_);
    if (cache->latest_ && SSL_SESSION_is_resumable(cache->latest_) && !SSL_session_reused(const_cast<SSL*>(ssl)))
      SSL_set_session(const_cast<SSL*>(ssl), cache->latest_);
  } else if ((where & SSL_CB_HANDSHAKE_DONE) && SSL_session_reused(const_cast<SSL*>(ssl))) {
    ++cache->resumed_;
  }
}

}  // namespace kiosk::gateway
