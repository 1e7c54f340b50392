#pragma once
// The merchant's own signature on its requests to Bancontact (the API asks for one on payment
// and refund calls): a detached JWS like the callbacks' (callback_jws.hpp), with the merchant
// profile as `sub`. The driver sees only this interface; OpenSSL makes it (make_request_signer).
#include <string>

namespace kiosk::bancontact {

class RequestSigner {
 public:
  virtual ~RequestSigner() = default;
  // The Signature header for a request with `body` to `path` (no query string).
  virtual std::string sign(const std::string& body, const std::string& path) = 0;
};

struct SignerOptions {
  std::string key_path, cert_path;  // PEM: the merchant's P-256 key and its certificate
  std::string kid;                  // as published in the merchant's key set
  std::string profile_id;           // the merchant profile (sub); may be empty
};

}  // namespace kiosk::bancontact
