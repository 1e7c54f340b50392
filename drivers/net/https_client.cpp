#include <httplib.h>

#include "https.hpp"

namespace kiosk::net {

namespace {

class HttplibTransport final : public HttpsTransport {
 public:
  explicit HttplibTransport(const HttpsOptions& o) : options_(o), client_(o.host, o.port) {
    client_.enable_server_certificate_verification(true);
    if (!o.ca_path.empty()) client_.set_ca_cert_path(o.ca_path.c_str());
    const auto t = std::chrono::milliseconds(o.timeout_ms);
    client_.set_connection_timeout(t);
    client_.set_read_timeout(t);
    client_.set_write_timeout(t);
    client_.set_keep_alive(true);
  }

  HttpsReply send(const std::string& method, const std::string& path, const std::string& body,
                  const Headers& headers) override {
    HttpsReply out;
    if (!client_.is_valid()) {
      out.error = "TLS set-up failed";
      return out;
    }
    // A connection idle for a while may have been closed by the server without our knowing:
    // a request on it would fail after it may have left. A fresh one instead.
    const auto now = std::chrono::steady_clock::now();
    if (now - last_used_ > std::chrono::seconds(2)) client_.stop();
    last_used_ = now;
    httplib::Request req;
    req.method = method;
    req.path = path;
    for (const auto& [k, v] : headers) req.headers.emplace(k, v);
    if (!body.empty()) {
      req.body = body;
      req.headers.emplace("Content-Type", "application/json");
    }
    bool too_long = false;
    req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
      if (out.body.size() + n > options_.max_body) {
        too_long = true;
        return false;
      }
      out.body.append(data, n);
      return true;
    };
    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    if (!client_.send(req, res, error)) {
      out.body.clear();
      out.error = too_long ? "answer longer than " + std::to_string(options_.max_body) + " bytes"
                           : httplib::to_string(error);
      if (error == httplib::Error::SSLServerVerification) out.error += " (certificate not trusted)";
      client_.stop();  // a connection left mid-answer serves nothing else
      return out;
    }
    out.status = res.status;
    return out;
  }

 private:
  HttpsOptions options_;
  httplib::SSLClient client_;
  std::chrono::steady_clock::time_point last_used_{};
};

}  // namespace

std::unique_ptr<HttpsTransport> https_transport(const HttpsOptions& options) {
  return std::make_unique<HttplibTransport>(options);
}

}  // namespace kiosk::net
