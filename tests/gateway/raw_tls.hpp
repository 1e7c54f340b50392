#pragma once
// A bare TLS connection to the gateway for tests that must send what a well-behaved HTTP client
// never would: a header announcing a huge body, a body that never comes, a flood of headers.
#include <memory>
#include <string>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace kiosk::test {

class RawTls {
 public:
  // Connects and completes the handshake with the client certificate (none when empty).
  RawTls(int port, const std::string& cert_path, const std::string& key_path);
  ~RawTls();
  bool connected() const { return ssl_ != nullptr; }
  // False once the peer has closed or reset the connection.
  bool send(const std::string& bytes);
  // Everything the peer sends until it closes, stalls for `timeout_ms`, or `limit` bytes came.
  std::string receive(int timeout_ms, std::size_t limit = 65536);

 private:
  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
};

// The HTTP status of the first answer in `response` (0 when there is none).
int http_status(const std::string& response);

}  // namespace kiosk::test
