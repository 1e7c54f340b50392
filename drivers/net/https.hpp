#pragma once
// HTTPS requests for drivers that talk to a payment provider's API. The TLS side (OpenSSL,
// cpp-httplib) sits in https_client.cpp, which the kiosk program reaches through its TLS module
// (kiosk/gateway/module.hpp) so that OpenSSL is not loaded before its first screen.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::net {

struct HttpsOptions {
  std::string host;
  int port = 443;
  // The certificate (or CA bundle) to trust; empty: the system's trust store. The server's
  // name is checked against its certificate either way.
  std::string ca_path;
  int timeout_ms = 5000;          // connect, and each read or write
  std::size_t max_body = 65536;   // a longer answer is cut off and reported as an error
};

struct HttpsReply {
  int status = 0;
  std::string body;
  std::string error;  // transport: no answer, TLS refused, answer too long; empty when answered
  bool answered() const { return error.empty(); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpsTransport {
 public:
  virtual ~HttpsTransport() = default;
  // One request; a JSON `body` goes with Content-Type application/json when not empty.
  virtual HttpsReply send(const std::string& method, const std::string& path, const std::string& body,
                          const Headers& headers) = 0;
};

std::unique_ptr<HttpsTransport> https_transport(const HttpsOptions& options);

// "https://host[:port][/prefix]" → its parts; false for anything else (http:// included).
bool parse_https_url(const std::string& url, std::string* host, int* port, std::string* path_prefix);

}  // namespace kiosk::net
